import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Locale } from '../../../../domain/shared/locale.js';
import {
  CommandWorkspace,
  giveCommand,
  listCommandForms,
} from '../../../../features/command-table.js';
import { getCabinetApplication } from '../../../../features/cabinet/get-cabinet-application.js';
import { listCabinetApplications } from '../../../../features/cabinet/list-cabinet-applications.js';
import {
  countMyUnreadNotifications,
  listMyNotifications,
} from '../../../../features/notifications/list-my-notifications.js';
import { markMyNotificationRead } from '../../../../features/notifications/mark-notification-read.js';
import { pageContext, render, requireCitizen } from '../../page-context.js';
import type { WebContext, WebEnv } from '../../web-env.js';
import { organisationTimeZone } from '../../../../features/queries/organisation-time-zone.js';
import { ApplicationPage, type ApplicationFormState } from './application-page.js';
import { ApplicationListPage } from './list-page.js';
import { NotificationsPage } from './notifications-page.js';
import { documentSigningContext } from '../../../signing-context.js';

async function formOf(c: WebContext) {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(body))
    if (typeof value === 'string') values[name] = value;
  return { values, field: (name: string) => values[name] ?? '' };
}

/** Where the cabinet's page shows a kept field again (its form state). */
const keptAs = { text: 'appealText', process: 'process', information: 'information' } as const;

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

  // The applicant's commands: each form of the command table, posted to its own URL.
  for (const { kind, form } of listCommandForms(CommandWorkspace.cabinet)) {
    routes.post(`/cabinet/applications/:id/${form.name}`, async (c) => {
      const user = await requireCitizen(c);
      const locale: Locale = c.get('locale');
      const { values, field } = await formOf(c);
      const applicationId = c.req.param('id');
      const reading = form.read(values);
      if ('errors' in reading) {
        const errors = reading.errors.map((error) => ({
          ...error,
          message: error.message[locale],
        }));
        const kept = Object.fromEntries(
          (form.keep ?? []).map((name) => [keptAs[name as keyof typeof keptAs], field(name)]),
        );
        return renderApplication(c, applicationId, { errors, ...kept }, 422);
      }
      await giveCommand(
        kind,
        c.get('deps').applications,
        { signing: () => documentSigningContext(c) },
        user.principal,
        {
          ...reading.input,
          idempotencyKey: keyOf(field),
          applicationId,
        },
      );
      return c.redirect(`/cabinet/applications/${applicationId}?done=${form.done ?? ''}`, 303);
    });
  }

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
