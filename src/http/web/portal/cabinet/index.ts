import type { Hono } from 'hono';
import type { WebEnv } from '../../web-env.js';
import { cabinetPageRoutes } from './routes.js';

/** The personal cabinet under /cabinet (issue 8). */
export function cabinetRoutes(): Hono<WebEnv> {
  return cabinetPageRoutes();
}
