import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Locale } from '../../../../domain/shared/locale.js';
import { answerQuestionnaire } from '../../../../features/applications/answer-questionnaire.js';
import { completeStep } from '../../../../features/applications/complete-step.js';
import { fileAppeal } from '../../../../features/applications/file-appeal.js';
import { getCabinetApplication } from '../../../../features/cabinet/get-cabinet-application.js';
import { listCabinetApplications } from '../../../../features/cabinet/list-cabinet-applications.js';
import {
  countMyUnreadNotifications,
  listMyNotifications,
} from '../../../../features/notifications/list-my-notifications.js';
import { markMyNotificationRead } from '../../../../features/notifications/mark-notification-read.js';
import type { FormError } from '../../layout.js';
import { pageContext, render, requireCitizen } from '../../page-context.js';
import type { WebContext, WebEnv } from '../../web-env.js';
import { organisationTimeZone } from '../../../../features/queries/organisation-time-zone.js';
import { ApplicationPage, type ApplicationFormState } from './application-page.js';
import { ApplicationListPage } from './list-page.js';
import { NotificationsPage } from './notifications-page.js';
import { text } from './texts.js';

const satisfaction = new Set(['satisfied', 'partially_satisfied', 'not_satisfied']);

async function formOf(c: WebContext) {
  const body = await c.req.parseBody();
  return (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
}

/** An idempotency key from the form: the one made when it was rendered, else a new one. */
function keyOf(field: (name: string) => string): string {
  const key = field('idempotencyKey');
  return /^[A-Za-z0-9-]{8,100}$/.test(key) ? key : randomUUID();
}

async function renderApplication(
  c: WebContext,
  applicationId: string,
  form: ApplicationFormState,
  status: 200 | 422 = 200,
) {
  const user = await requireCitizen(c);
  const services = c.get('deps').applications;
  const [application, unreadCount] = await Promise.all([
    getCabinetApplication(services, user.principal, applicationId),
    countMyUnreadNotifications(services, user.principal),
  ]);
  return render(
    c,
    <ApplicationPage
      ctx={await pageContext(c)}
      application={application}
      unreadCount={unreadCount}
      form={form}
      done={c.req.method === 'GET' ? c.req.query('done') : undefined}
      newKey={randomUUID}
      timeZone={await organisationTimeZone(services, application.view.providerOrganisationId)}
    />,
    status,
  );
}

/**
 * The personal cabinet under /cabinet (issue 8): the citizen's applications (and those of the
 * people they represent), one application with its history, dues, documents and the
 * commands the engine allows the applicant now, and the notifications.
 */
export function cabinetPageRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();

  routes.get('/cabinet', async (c) => {
    const user = await requireCitizen(c);
    const services = c.get('deps').applications;
    const cursor = c.req.query('cursor') || undefined;
    const [listing, unreadCount] = await Promise.all([
      listCabinetApplications(services, user.principal, { cursor, limit: 20 }),
      countMyUnreadNotifications(services, user.principal),
    ]);
    return render(
      c,
      <ApplicationListPage
        ctx={await pageContext(c)}
        listing={listing}
        unreadCount={unreadCount}
        isFirstPage={cursor === undefined}
      />,
    );
  });

  routes.get('/cabinet/applications/:id', (c) =>
    renderApplication(c, c.req.param('id'), { errors: [] }),
  );

  routes.post('/cabinet/applications/:id/steps', async (c) => {
    const user = await requireCitizen(c);
    const field = await formOf(c);
    const applicationId = c.req.param('id');
    const answer = field('answer');
    const version = Number(field('expectedVersion'));
    await completeStep(c.get('deps').applications, user.principal, {
      idempotencyKey: keyOf(field),
      applicationId,
      stepId: field('stepId'),
      ...(Number.isInteger(version) && version > 0 ? { expectedVersion: version } : {}),
      ...(answer === 'yes' ? { answer: true } : answer === 'no' ? { answer: false } : {}),
    });
    return c.redirect(`/cabinet/applications/${applicationId}?done=step`, 303);
  });

  routes.post('/cabinet/applications/:id/appeal', async (c) => {
    const user = await requireCitizen(c);
    const locale: Locale = c.get('locale');
    const field = await formOf(c);
    const applicationId = c.req.param('id');
    const appealText = field('text');
    const trimmed = appealText.trim();
    if (trimmed.length < 10 || trimmed.length > 8000) {
      const errors: FormError[] = [{ field: 'appeal-text', message: text.appealTooShort[locale] }];
      return renderApplication(c, applicationId, { errors, appealText }, 422);
    }
    await fileAppeal(c.get('deps').applications, user.principal, {
      idempotencyKey: keyOf(field),
      applicationId,
      text: trimmed,
    });
    return c.redirect(`/cabinet/applications/${applicationId}?done=appeal`, 303);
  });

  routes.post('/cabinet/applications/:id/questionnaire', async (c) => {
    const user = await requireCitizen(c);
    const locale: Locale = c.get('locale');
    const field = await formOf(c);
    const applicationId = c.req.param('id');
    const process = field('process');
    const information = field('information');
    const errors: FormError[] = [];
    if (!satisfaction.has(process)) {
      errors.push({ field: 'process-satisfied', message: text.chooseAnswer[locale] });
    }
    if (!satisfaction.has(information)) {
      errors.push({ field: 'information-satisfied', message: text.chooseAnswer[locale] });
    }
    if (errors.length > 0) {
      return renderApplication(c, applicationId, { errors, process, information }, 422);
    }
    await answerQuestionnaire(c.get('deps').applications, user.principal, {
      idempotencyKey: keyOf(field),
      applicationId,
      process: process as 'satisfied',
      information: information as 'satisfied',
    });
    return c.redirect(`/cabinet/applications/${applicationId}?done=questionnaire`, 303);
  });

  routes.get('/cabinet/notifications', async (c) => {
    const user = await requireCitizen(c);
    const before = c.req.query('before') || undefined;
    const listing = await listMyNotifications(c.get('deps').applications, user.principal, {
      before: before as never,
      limit: 20,
    });
    return render(
      c,
      <NotificationsPage
        ctx={await pageContext(c)}
        listing={listing}
        isFirstPage={before === undefined}
        done={c.req.query('done') === 'read'}
      />,
    );
  });

  routes.post('/cabinet/notifications/:id/read', async (c) => {
    const user = await requireCitizen(c);
    await markMyNotificationRead(c.get('deps').applications, user.principal, {
      notificationId: c.req.param('id'),
    });
    return c.redirect('/cabinet/notifications?done=read', 303);
  });

  return routes;
}
