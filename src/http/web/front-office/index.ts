import { Hono } from 'hono';
import { mountPages } from '../page.js';
import type { WebEnv } from '../web-env.js';
import { frontOfficeApplicationPage } from './application-page.js';
import { dashboardPage } from './dashboard.js';
import { homeVisitRequestPage } from './home-visit-request.js';
import { homeVisitsPage } from './home-visits.js';
import { newApplicationPage } from './new-application.js';
import { registerAcknowledgePage, registerPage, registersPage } from './registers.js';
import { frontOfficeSearchPage } from './search-page.js';

/**
 * The front-office workspace under /front-office (issue 9): the operator's and courier's day,
 * intake with identification and the refusal receipt, courier registers, issue of stored
 * results, home visits; and the public home-visit request page /home-visit.
 */
export function frontOfficeRoutes(): Hono<WebEnv> {
  return mountPages(
    new Hono<WebEnv>(),
    [
      dashboardPage,
      newApplicationPage,
      frontOfficeApplicationPage,
      registersPage,
      registerPage,
      registerAcknowledgePage,
      homeVisitsPage,
      homeVisitRequestPage,
      frontOfficeSearchPage,
    ],
    { postRedirectGet: true },
  );
}
