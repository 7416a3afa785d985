import { Hono } from 'hono';
import type { WebEnv } from '../web-env.js';
import { accountRoutes } from './account.js';
import { applyRoutes } from './apply.js';
import { cabinetRoutes } from './cabinet/index.js';
import { catalogueRoutes } from './catalogue.js';
import { homeAndStatusRoutes } from './home-and-status.js';
import { registerRoutes } from './register.js';

/** The citizen portal (issue 8): catalogue, forms, cabinet and the public pages. */
export function portalRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  routes.route('/', homeAndStatusRoutes());
  routes.route('/', catalogueRoutes());
  routes.route('/', accountRoutes());
  routes.route('/', registerRoutes());
  routes.route('/', applyRoutes());
  routes.route('/', cabinetRoutes());
  return routes;
}
