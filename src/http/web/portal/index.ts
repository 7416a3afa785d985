import { Hono } from 'hono';
import type { WebEnv } from '../web-env.js';
import { cabinetRoutes } from './cabinet/index.js';

/** The citizen portal (issue 8): catalogue, forms, cabinet and the public pages. */
export function portalRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  routes.route('/', cabinetRoutes());
  return routes;
}
