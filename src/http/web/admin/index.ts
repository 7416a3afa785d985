import type { Hono } from 'hono';
import type { WebEnv } from '../web-env.js';
import { adminPageRoutes } from './routes.js';

/** The region administrator's view under /admin (issue 9). */
export function adminRoutes(): Hono<WebEnv> {
  return adminPageRoutes();
}
