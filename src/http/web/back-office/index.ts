import { Hono } from 'hono';
import type { WebEnv } from '../web-env.js';

/** The provider's back office under /back-office (issue 9). */
export function backOfficeRoutes(): Hono<WebEnv> {
  return new Hono<WebEnv>();
}
