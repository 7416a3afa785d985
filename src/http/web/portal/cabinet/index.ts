import { Hono } from 'hono';
import { mountPages } from '../../page.js';
import type { WebEnv } from '../../web-env.js';
import { applicationPage } from './application-page.js';
import { applicationListPage } from './list-page.js';
import { notificationsPage } from './notifications-page.js';
import { queueOfferPage } from './queue-offer-page.js';
import { cabinetQueuePage } from './queue-page.js';
import { queueRegisterPage } from './queue-register-page.js';

/**
 * The personal cabinet under /cabinet (issue 8): the citizen's applications, one application
 * with the commands the engine allows the applicant now, and the notifications.
 */
export function cabinetRoutes(): Hono<WebEnv> {
  return mountPages(
    new Hono<WebEnv>(),
    [
      applicationListPage,
      applicationPage,
      notificationsPage,
      cabinetQueuePage,
      queueRegisterPage,
      queueOfferPage,
    ],
    { postRedirectGet: true },
  );
}
