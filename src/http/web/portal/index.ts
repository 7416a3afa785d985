import { Hono } from 'hono';
import type { WebEnv } from '../web-env.js';

/** The citizen portal (issue 8): catalogue, forms, cabinet and the public pages. */
export function portalRoutes(): Hono<WebEnv> {
  return new Hono<WebEnv>();
}
