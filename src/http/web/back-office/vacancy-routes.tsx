import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import { declareVacancies } from '../../../features/kindergarten/declare-vacancies.js';
import {
  listVacancyQueue,
  vacancyRoles,
} from '../../../features/kindergarten/list-vacancy-queue.js';
import { organisationTimeZone } from '../../../features/queries/organisation-time-zone.js';
import { defaultTimeZone } from '../../../domain/calendar/index.js';
import { errorTable } from '../../error-table.js';
import type { FormError } from '../layout.js';
import { pageContext, render, requireStaff } from '../page-context.js';
import type { WebContext, WebEnv } from '../web-env.js';
import { VacancyPage, vq } from './vacancy-page.js';

const field = (body: Record<string, unknown>, name: string) => {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
};

/**
 * `/back-office/queue`: the provider's kindergarten queue (position, waiting since, age) and
 * the declaration of free places, which offers them to the first in the queue (issue 9).
 */
export function vacancyRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();

  const show = async (
    c: WebContext,
    extras: {
      values?: { places: string; ageYears: string };
      errors?: FormError[];
      offered?: string;
    } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const user = await requireStaff(c, vacancyRoles);
    const services = c.get('deps').applications;
    const queue = await listVacancyQueue(services, user.principal);
    const timeZone =
      user.principal.kind === 'staff'
        ? await organisationTimeZone(services, user.principal.organisationId)
        : undefined;
    return render(
      c,
      <VacancyPage
        ctx={await pageContext(c)}
        queue={queue}
        idempotencyKey={randomUUID()}
        timeZone={timeZone ?? defaultTimeZone}
        {...extras}
      />,
      status,
    );
  };

  routes.get('/back-office/queue', async (c) => {
    const offered = c.req.query('offered');
    return show(c, offered !== undefined ? { offered } : {});
  });

  routes.post('/back-office/queue', async (c) => {
    const user = await requireStaff(c, vacancyRoles);
    const locale = c.get('locale');
    const body = await c.req.parseBody();
    const values = { places: field(body, 'places'), ageYears: field(body, 'ageYears') };
    const places = Number(values.places);
    const ageYears = values.ageYears === '' ? undefined : Number(values.ageYears);
    const errors: FormError[] = [];
    if (!/^\d{1,3}$/.test(values.places) || places < 1 || places > 500)
      errors.push({ field: 'vacancy-places', message: vq.placesError[locale] });
    if (ageYears !== undefined && !(Number.isInteger(ageYears) && ageYears >= 0 && ageYears <= 6))
      errors.push({ field: 'vacancy-age', message: errorTable.validation_failed.message[locale] });
    if (errors.length > 0) return show(c, { values, errors }, 422);
    try {
      const result = await declareVacancies(c.get('deps').applications, user.principal, {
        idempotencyKey: field(body, 'idempotencyKey'),
        places,
        ...(ageYears !== undefined ? { ageYears } : {}),
      });
      const numbers = result.offered.map((entry) => entry.number).join(', ');
      return c.redirect(`/back-office/queue?offered=${encodeURIComponent(numbers)}`, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.validationFailed) {
        errors.push({
          field: 'vacancy-places',
          message: errorTable.validation_failed.message[locale],
        });
        return show(c, { values, errors }, 422);
      }
      if (error instanceof DomainError && error.code === ErrorCode.conflict) {
        errors.push({ field: 'vacancy-places', message: errorTable.conflict.message[locale] });
        return show(c, { values, errors }, 409);
      }
      throw error;
    }
  });

  return routes;
}
