import { Hono } from 'hono';
import type { WebEnv } from '../../web-env.js';

/** The personal cabinet under /cabinet (issue 8). */
export function cabinetRoutes(): Hono<WebEnv> {
  return new Hono<WebEnv>();
}
