import { Hono } from 'hono';
import type { WebEnv } from '../web-env.js';
import { mountApplicationPage } from './application-page.js';
import { mountDashboard } from './dashboard.js';
import { mountHomeVisitRequest } from './home-visit-request.js';
import { mountHomeVisits } from './home-visits.js';
import { mountNewApplication } from './new-application.js';
import { mountRegisters } from './registers.js';

/**
 * The front-office workspace under /front-office (issue 9): the operator's and courier's day,
 * intake with identification and the refusal receipt, courier registers, issue of stored
 * results, home visits; and the public home-visit request page /home-visit.
 */
export function frontOfficeRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  mountDashboard(routes);
  mountNewApplication(routes);
  mountApplicationPage(routes);
  mountRegisters(routes);
  mountHomeVisits(routes);
  mountHomeVisitRequest(routes);
  return routes;
}
