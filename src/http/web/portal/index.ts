import { Hono } from 'hono';
import { mountPages } from '../page.js';
import type { WebEnv } from '../web-env.js';
import { applyRoutes } from './apply.js';
import { cabinetRoutes } from './cabinet/index.js';
import { catalogueRoutes } from './catalogue.js';
import { homeAndStatusRoutes } from './home-and-status.js';
import { loginCodePage } from './login-code-page.js';
import { loginPage } from './login-page.js';
import { openDataPage } from './open-data-page.js';
import { queuePositionPage, queueProtocolPage } from './queue-public-pages.js';
import { registerCodePage } from './register-code-page.js';
import { registerSignaturePage } from './register-signature-page.js';
import { registerPage } from './register-page.js';

/** The citizen portal (issue 8): catalogue, forms, cabinet and the public pages. */
export function portalRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  routes.route('/', homeAndStatusRoutes());
  routes.route('/', catalogueRoutes());
  routes.route(
    '/',
    mountPages(
      new Hono<WebEnv>(),
      [
        loginPage,
        loginCodePage,
        registerPage,
        registerCodePage,
        registerSignaturePage,
        queuePositionPage,
        queueProtocolPage,
        openDataPage,
      ],
      { postRedirectGet: true },
    ),
  );
  routes.route('/', applyRoutes());
  routes.route('/', cabinetRoutes());
  return routes;
}
