import { Hono } from 'hono';
import type { WebEnv } from '../web-env.js';

/** The front-office workspace under /front-office (issue 9). */
export function frontOfficeRoutes(): Hono<WebEnv> {
  return new Hono<WebEnv>();
}
