import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import {
  applicationStatusLabels,
  ApplicationStatus,
} from '../../../domain/application/ApplicationStatus.js';
import type { RegulationDefinition } from '../../../domain/regulation/RegulationDefinition.js';
import { DomainError, ErrorCode, type FieldIssue } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import { StaffRole } from '../../../domain/shared/roles.js';
import {
  commandFormTexts,
  CommandWorkspace,
  findCommandForm,
  formText,
  giveCommand,
} from '../../../features/command-table.js';
import { listEscalations } from '../../../features/deadlines/list-escalations.js';
import { listOverdue } from '../../../features/deadlines/list-overdue.js';
import { downloadApplicationUpload } from '../../../features/documents/download-application-upload.js';
import {
  getBackOfficeApplication,
  getPreparedPdf,
} from '../../../features/queries/get-back-office-application.js';
import { listInbox } from '../../../features/queries/list-inbox.js';
import { organisationTimeZone } from '../../../features/queries/organisation-time-zone.js';
import type { ApplicationServices } from '../../../engine/application-services.js';
import type { Principal } from '../../../domain/identity/authorisation.js';
import { defaultTimeZone } from '../../../domain/calendar/index.js';
import { errorTable } from '../../error-table.js';
import { documentSigningContext } from '../../signing-context.js';
import type { FormError } from '../layout.js';
import { pageContext, render, requireStaff } from '../page-context.js';
import type { WebContext, WebEnv } from '../web-env.js';
import type { ActionFormState } from './action-forms.js';
import { ApplicationPage, type Refusal } from './application-page.js';
import { inLocale } from './components.js';
import { EscalationsPage, InboxPage } from './inbox-page.js';
import { mountResultRequests } from './result-requests.js';
import { bo } from './texts.js';
import { vacancyRoutes } from './vacancy-routes.js';

/** The provider's staff: the roles the back office serves. */
const backOfficeRoles = [
  StaffRole.registryOffice,
  StaffRole.head,
  StaffRole.executor,
  StaffRole.commissionMember,
] as const;

function stepNameOf(regulation: RegulationDefinition, stepId: string) {
  for (const flow of regulation.channels) {
    const step = flow.steps.find((candidate) => candidate.id === stepId);
    if (step) return step.description;
  }
  return undefined;
}

/** The regulation's names (descriptions) of the steps, keyed `regulationId/stepId`. */
function stepNamesOf(
  services: { regulations: { findById(id: string): RegulationDefinition | undefined } },
  steps: readonly (readonly [regulationId: string, stepId: string | null])[],
): Map<string, { kk: string; ru: string; en?: string }> {
  const names = new Map<string, { kk: string; ru: string; en?: string }>();
  for (const [regulationId, stepId] of steps) {
    if (!stepId) continue;
    const regulation = services.regulations.findById(regulationId);
    const name = regulation && stepNameOf(regulation, stepId);
    if (name) names.set(`${regulationId}/${stepId}`, name);
  }
  return names;
}

/** The zone of the staff member's organisation, where the engine counts its dues. */
async function zoneOf(services: ApplicationServices, principal: Principal): Promise<string> {
  return principal.kind === 'staff'
    ? organisationTimeZone(services, principal.organisationId)
    : defaultTimeZone;
}

async function readForm(c: WebContext): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value))
      values[key] = value.filter((item): item is string => typeof item === 'string');
  }
  return values;
}

/** Where an engine's field issue is shown on the form of `action`. */
function formErrorOf(action: string, issue: FieldIssue, locale: Locale): FormError {
  const path = issue.path;
  const field =
    path === 'executorId'
      ? 'assign-executor'
      : path === 'answer'
        ? 'complete-answer'
        : path === 'reason'
          ? `${action}-reason`
          : path.startsWith('by')
            ? 'extend-amount'
            : path.startsWith('fields.')
              ? `${action}-${path.slice('fields.'.length)}`
              : `${action}-form`;
  const message =
    issue.rule === 'required'
      ? path === 'fields.grounds'
        ? commandFormTexts.groundsRequired[locale]
        : path === 'answer'
          ? bo.answerRequired[locale]
          : bo.fieldRequired[locale]
      : `${errorTable.validation_failed.message[locale]} (${path}: ${issue.rule})`;
  return { field, message };
}

/** The provider's back office under /back-office (issue 9). */
export function backOfficeRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();

  routes.get('/back-office', async (c) => {
    const user = await requireStaff(c, backOfficeRoles);
    const deps = c.get('deps');
    const services = deps.applications;
    const cursor = c.req.query('cursor') ?? '';
    const filters = {
      service: c.req.query('service') ?? '',
      status: c.req.query('status') ?? '',
      overdue: c.req.query('overdue') === '1',
    };
    const status = ApplicationStatus.safeParse(filters.status);
    const page = await listInbox(
      services,
      user.principal,
      {
        limit: 25,
        ...(cursor ? { cursor } : {}),
        ...(filters.service ? { service: filters.service } : {}),
        ...(status.success ? { status: status.data } : {}),
        ...(filters.overdue ? { overdue: 'true' as const } : {}),
      },
      deps.inboxWarning,
    );
    const items = page.items;
    const serviceNames = new Map<string, { kk: string; ru: string; en?: string }>();
    for (const regulation of services.regulations.all) {
      if (!serviceNames.has(regulation.service))
        serviceNames.set(regulation.service, regulation.name);
    }
    const stepNames = stepNamesOf(
      services,
      page.items.map((item) => [item.regulationId, item.currentStepId] as const),
    );
    return render(
      c,
      <InboxPage
        ctx={await pageContext(c)}
        items={items}
        serviceNames={serviceNames}
        stepNames={stepNames}
        filters={filters}
        nextCursor={page.nextCursor}
        isFirstPage={cursor === ''}
        timeZone={await zoneOf(services, user.principal)}
      />,
    );
  });

  routes.get('/back-office/escalations', async (c) => {
    const user = await requireStaff(c, [StaffRole.head]);
    const services = c.get('deps').applications;
    const [escalations, overdue] = await Promise.all([
      listEscalations(services, user.principal, { limit: 100 }),
      listOverdue(services, user.principal, { limit: 100 }),
    ]);
    const stepNames = stepNamesOf(services, [
      ...escalations.map((row) => [row.regulationId, row.stepId] as const),
      ...overdue.map((row) => [row.regulationId, row.currentStepId] as const),
    ]);
    return render(
      c,
      <EscalationsPage
        ctx={await pageContext(c)}
        escalations={escalations}
        overdue={overdue}
        stepNames={stepNames}
        timeZone={await zoneOf(services, user.principal)}
      />,
    );
  });

  const renderApplication = async (
    c: WebContext,
    id: string,
    extras: { state?: ActionFormState; refusal?: Refusal; done?: boolean } = {},
    status: 200 | 403 | 409 | 422 = 200,
  ) => {
    const user = await requireStaff(c, backOfficeRoles);
    const deps = c.get('deps');
    const data = await getBackOfficeApplication(deps.applications, user.principal, id);
    return render(
      c,
      <ApplicationPage
        ctx={{ ...(await pageContext(c)), path: `/back-office/applications/${id}` }}
        data={data}
        {...extras}
        newKey={() => randomUUID()}
        ncaLayerUrl={deps.config.pki.ncalayerUrl}
      />,
      status,
    );
  };

  routes.get('/back-office/applications/:id', async (c) =>
    renderApplication(c, c.req.param('id'), { done: c.req.query('done') === '1' }),
  );

  routes.get('/back-office/applications/:id/drafts/:file', async (c) => {
    const user = await requireStaff(c, backOfficeRoles);
    const match = /^([0-9a-f-]{36})\.pdf$/i.exec(c.req.param('file'));
    if (!match) throw new DomainError(ErrorCode.notFound, {});
    const draft = await getPreparedPdf(
      c.get('deps').applications,
      user.principal,
      c.req.param('id'),
      match[1]!,
    );
    c.header('content-type', 'application/pdf');
    c.header('content-disposition', `inline; filename="${draft.number}-draft.pdf"`);
    return c.body(new Uint8Array(draft.pdf));
  });

  // The applicant's portal uploads, for the staff of the organisations holding the application.
  routes.get('/back-office/applications/:id/uploads/:upload{[0-9a-fA-F-]{36}}', async (c) => {
    const user = await requireStaff(c, backOfficeRoles);
    const upload = await downloadApplicationUpload(
      c.get('deps').applications,
      user.principal,
      c.req.param('id'),
      c.req.param('upload'),
    );
    const extension = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[
      upload.mediaType
    ];
    const asciiName = `${upload.kind.replace(/[^A-Za-z0-9_-]/g, '_')}.${extension}`;
    c.header('content-type', upload.mediaType);
    c.header(
      'content-disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(upload.fileName)}`,
    );
    c.header('cache-control', 'private, no-store');
    c.header('x-content-sha256', upload.sha256);
    return c.body(upload.content as Uint8Array<ArrayBuffer>);
  });

  routes.post('/back-office/applications/:id/actions/:action', async (c) => {
    const user = await requireStaff(c, backOfficeRoles);
    const id = c.req.param('id');
    const action = c.req.param('action');
    const command = findCommandForm(CommandWorkspace.backOffice, action);
    if (!command) throw new DomainError(ErrorCode.notFound, { action });
    const locale = c.get('locale');
    const services = c.get('deps').applications;
    const principal = user.principal;
    const values = await readForm(c);
    const errors: FormError[] = [];
    const fail = (status: 422) =>
      renderApplication(c, id, { state: { action, values, errors } }, status);
    try {
      const reading = command.form.read(values);
      if ('errors' in reading) {
        errors.push(
          ...reading.errors.map((error) => ({ ...error, message: error.message[locale] })),
        );
        return await fail(422);
      }
      await giveCommand(
        command.kind,
        services,
        { signing: () => documentSigningContext(c) },
        principal,
        {
          ...reading.input,
          idempotencyKey: formText(values, 'idempotencyKey'),
          applicationId: id,
        },
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === ErrorCode.validationFailed) {
        const issues = (error.details.issues ?? []) as FieldIssue[];
        errors.push(...issues.map((issue) => formErrorOf(action, issue, locale)));
        return fail(422);
      }
      if (error.code === ErrorCode.signatureNotConfirmed) {
        const reason = error.details.reasonMessage as Record<Locale, string> | undefined;
        errors.push({
          field: 'sign-status',
          message:
            `${errorTable.signature_not_confirmed.message[locale]} ${reason?.[locale] ?? ''}`.trim(),
        });
        return fail(422);
      }
      if (error.code === ErrorCode.conflict || error.code === ErrorCode.forbidden) {
        const details = error.details as { status?: string; allowed?: string[] };
        const parsed = ApplicationStatus.safeParse(details.status);
        const regulationStep = (command: string) => {
          const stepId = /^(complete_step|sign_document):/.test(command)
            ? command.slice(command.indexOf(':') + 1)
            : undefined;
          if (!stepId) return command;
          for (const regulation of services.regulations.all) {
            const name = stepNameOf(regulation, stepId);
            if (name) return `${inLocale(name, locale)}`;
          }
          return command;
        };
        return renderApplication(
          c,
          id,
          {
            refusal: {
              message: errorTable[error.code].message[locale],
              ...(parsed.success ? { status: applicationStatusLabels[parsed.data] } : {}),
              allowed: (details.allowed ?? []).map(regulationStep),
            },
          },
          error.code === ErrorCode.conflict ? 409 : 403,
        );
      }
      throw error;
    }
    return c.redirect(`/back-office/applications/${id}?done=1`, 303);
  });
  mountResultRequests(routes);

  routes.route('/', vacancyRoutes());

  return routes;
}
