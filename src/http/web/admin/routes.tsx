import { Hono } from 'hono';
import { StaffRole } from '../../../domain/shared/roles.js';
import { adminScopeOf } from '../../../features/admin/admin-scope.js';
import { getCalendarYear } from '../../../features/admin/get-calendar-year.js';
import { getAdministeredOrganisation } from '../../../features/admin/get-organisation.js';
import { listAdministeredOrganisations } from '../../../features/admin/list-organisations.js';
import {
  getRegulationDiagram,
  listRegulationVersions,
} from '../../../features/admin/list-regulation-versions.js';
import { listAdministeredStaff } from '../../../features/admin/list-staff.js';
import { setStaffActive } from '../../../features/admin/set-staff-active.js';
import { setStaffRoles } from '../../../features/admin/set-staff-roles.js';
import { addStaffMember } from '../../../features/admin/add-staff-member.js';
import { correctStaffName } from '../../../features/admin/correct-staff-name.js';
import { DomainError, ErrorCode, type FieldIssue } from '../../../domain/shared/domain-error.js';
import type { FormError } from '../layout.js';
import { readForm, readFormLists } from '../form.js';
import { definePage, mountPages, refuse, type Refusal } from '../page.js';
import { pageContext, render, requireStaff } from '../page-context.js';
import { keepRefusal } from '../refusal-flash.js';
import type { WebContext, WebEnv } from '../web-env.js';
import {
  OrganisationPage,
  OrganisationsPage,
  OverviewPage,
  StaffPage,
} from './organisation-pages.js';
import { CalendarPage, RegulationsPage } from './reference-pages.js';
import { text } from './texts.js';
import {
  monitoringApplicationsPage,
  monitoringPage,
  mountMonitoringCsv,
  mountMonitoringReport,
} from './monitoring-routes.js';

const administrators = [StaffRole.regionAdministrator, StaffRole.systemAdministrator];

type Administrator = Awaited<ReturnType<typeof administrator>>;

async function administrator(c: WebContext) {
  const user = await requireStaff(c, administrators);
  return { principal: user.principal, scope: adminScopeOf(user.principal) };
}

/** Today's year in Kazakhstan. */
function currentYear(now: Date): number {
  return Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric' }).format(now),
  );
}

const services = (c: WebContext) => c.get('deps').applications;
const done = (c: WebContext) => c.req.method === 'GET' && c.req.query('done') === '1';

/** /admin: the counts of the administrator's scope. */
const overviewPage = definePage({
  path: '/admin',
  guard: administrator,
  load: async (c, { principal, scope }) => {
    const [organisations, staff] = await Promise.all([
      listAdministeredOrganisations(services(c), principal),
      listAdministeredStaff(services(c), principal),
    ]);
    return {
      regionCode: scope.regionCode,
      counts: { organisations: organisations.length, staff: staff.length },
    };
  },
  View: ({ ctx, data }) => <OverviewPage ctx={ctx} {...data} />,
});

/** /admin/organisations: the organisations of the scope. */
const organisationsPage = definePage({
  path: '/admin/organisations',
  guard: administrator,
  load: async (c, { principal, scope }) => ({
    regionCode: scope.regionCode,
    organisations: await listAdministeredOrganisations(services(c), principal),
  }),
  View: ({ ctx, data }) => <OrganisationsPage ctx={ctx} {...data} />,
});

/** /admin/organisations/:id: one organisation, its schedule, its staff and their roles. */
const organisationPage = definePage({
  path: '/admin/organisations/:id',
  guard: administrator,
  load: async (c, { principal }) => ({
    organisation: await getAdministeredOrganisation(services(c), principal, c.req.param('id')!),
    done: done(c),
  }),
  View: ({ ctx, data, form }) =>
    form.form === rolesForm ? (
      // A refused change of roles, posted on /admin/staff/:id/roles, shown here (post/redirect/get).
      <OrganisationPage
        ctx={ctx}
        {...data}
        {...(form.errors[0] ? { roleError: form.errors[0] } : {})}
      />
    ) : (
      <OrganisationPage
        ctx={ctx}
        {...data}
        {...(form.form ? { form: { ...form, form: form.form } } : {})}
      />
    ),
  actions: { staff: addStaff, 'staff/:staffId/name': correctName },
});

/** The field errors of a refused staff form, each on its control (`<prefix>-<field>`). */
function staffFormErrors(c: WebContext, prefix: string, error: DomainError): FormError[] {
  const locale = c.get('locale');
  if (error.code === ErrorCode.conflict) {
    return [{ field: `${prefix}-iin`, message: text.staffExists[locale] }];
  }
  const issues = (error.details?.issues ?? []) as FieldIssue[];
  return issues.map((issue) => {
    const field = ['iin', 'fullName', 'fullNameKk', 'roles'].includes(issue.path)
      ? issue.path
      : 'fullName';
    const message =
      field === 'iin'
        ? text.iinInvalid[locale]
        : field === 'roles'
          ? text.chooseRole[locale]
          : text.nameRequired[locale];
    return { field: `${prefix}-${field}`, message };
  });
}

/** POST /admin/organisations/:id/staff: a new member with both spellings and roles (audited). */
async function addStaff(c: WebContext, { principal }: Administrator): Promise<Response | Refusal> {
  const { values, lists } = await readFormLists(c);
  const organisationId = c.req.param('id')!;
  const roles = lists.roles ?? (values.roles === undefined ? [] : [values.roles]);
  const kept = { form: 'add-staff', lists: { roles } } as const;
  const missing: FormError[] = [];
  if (!(values.fullName ?? '').trim())
    missing.push({ field: 'add-staff-fullName', message: text.nameRequired[c.get('locale')] });
  if (!(values.fullNameKk ?? '').trim())
    missing.push({ field: 'add-staff-fullNameKk', message: text.nameRequired[c.get('locale')] });
  if (roles.length === 0)
    missing.push({ field: 'add-staff-roles', message: text.chooseRole[c.get('locale')] });
  if (missing.length > 0) return refuse(values, missing, 422, kept);
  try {
    await addStaffMember(services(c), principal, {
      organisationId,
      iin: values.iin ?? '',
      fullName: values.fullName ?? '',
      fullNameKk: values.fullNameKk ?? '',
      roles: roles as StaffRole[],
    });
  } catch (error) {
    if (
      error instanceof DomainError &&
      (error.code === ErrorCode.validationFailed || error.code === ErrorCode.conflict)
    ) {
      return refuse(values, staffFormErrors(c, 'add-staff', error), 422, kept);
    }
    throw error;
  }
  return c.redirect(`/admin/organisations/${encodeURIComponent(organisationId)}?done=1`, 303);
}

/** POST /admin/organisations/:id/staff/:staffId/name: both spellings corrected (audited). */
async function correctName(
  c: WebContext,
  { principal }: Administrator,
): Promise<Response | Refusal> {
  const posted = await readForm(c);
  const staffId = c.req.param('staffId')!;
  const organisationId = c.req.param('id')!;
  const values = { fullName: posted.field('fullName'), fullNameKk: posted.field('fullNameKk') };
  const prefix = `name-${staffId}`;
  // The member must be one of this organisation's (and of the administrator's region).
  const organisation = await getAdministeredOrganisation(services(c), principal, organisationId);
  if (!organisation.staff.some((member) => member.id === staffId)) {
    throw new DomainError(ErrorCode.notFound, { staffId });
  }
  try {
    await correctStaffName(services(c), principal, { staffId, ...values });
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.validationFailed) {
      return refuse(values, staffFormErrors(c, prefix, error), 422, { form: prefix });
    }
    throw error;
  }
  return c.redirect(`/admin/organisations/${encodeURIComponent(organisationId)}?done=1`, 303);
}

/** The name of the roles form's refusal, kept for the organisation's page. */
const rolesForm = 'staff-roles';

/** POST /admin/staff/:id/roles: a member's roles (audited); the organisation's page again when none. */
async function changeRoles(c: WebContext, { principal }: Administrator): Promise<Response> {
  const { values, lists } = await readFormLists(c);
  const staffId = c.req.param('id')!;
  const organisationId = values.organisationId ?? '';
  const roles = lists.roles ?? (values.roles === undefined ? [] : [values.roles]);
  const organisation = await getAdministeredOrganisation(services(c), principal, organisationId);
  if (roles.length === 0) {
    // The refusal shows the organisation's page (not this path's): rendered here.
    const first = organisation.staff.find((member) => member.id === staffId)?.roles[0];
    const roleError = {
      field: `roles-${staffId}-${first ?? 'head'}`,
      message: text.chooseRole[c.get('locale')],
    };
    // Post/redirect/get (issue 18, point 11): the refusal waits for the organisation's page.
    const page = `/admin/organisations/${encodeURIComponent(organisation.id)}`;
    const kept = { values: {}, errors: [roleError], form: rolesForm };
    if (await keepRefusal(c, page, kept, 422)) {
      return c.redirect(`${page}${new URL(c.req.url).search}`, 303);
    }
    const ctx = await pageContext(c);
    return render(
      c,
      <OrganisationPage ctx={ctx} organisation={organisation} roleError={roleError} />,
      422,
    );
  }
  await setStaffRoles(services(c), principal, { staffId, roles: roles as never });
  return c.redirect(`/admin/organisations/${encodeURIComponent(organisation.id)}?done=1`, 303);
}

/** /admin/staff: the staff of the scope, with activation and (per organisation) roles. */
const staffPage = definePage({
  path: '/admin/staff',
  guard: administrator,
  load: async (c, { principal, scope }) => ({
    regionCode: scope.regionCode,
    staff: await listAdministeredStaff(services(c), principal),
    done: done(c),
  }),
  View: ({ ctx, data }) => <StaffPage ctx={ctx} {...data} />,
  actions: {
    ':id/roles': changeRoles,
    ':id/active': async (c, { principal }) => {
      const posted = await readForm(c);
      await setStaffActive(services(c), principal, {
        staffId: c.req.param('id')!,
        isActive: posted.field('isActive') === 'true',
      });
      return c.redirect('/admin/staff?done=1', 303);
    },
  },
});

/** /admin/regulations: the regulation versions in force, with their diagrams. */
const regulationsPage = definePage({
  path: '/admin/regulations',
  guard: administrator,
  load: async (c, { principal, scope }) => ({
    regionCode: scope.regionCode,
    listing: listRegulationVersions(services(c), principal),
  }),
  View: ({ ctx, data }) => <RegulationsPage ctx={ctx} {...data} />,
});

/** /admin/calendar: the production calendar of a year with its legal sources. */
const calendarPage = definePage({
  path: '/admin/calendar',
  guard: administrator,
  load: async (c, { principal }) => {
    const requested = Number(c.req.query('year') ?? currentYear(c.get('deps').now()));
    return { year: getCalendarYear(services(c), principal, requested) };
  },
  View: ({ ctx, data }) => <CalendarPage ctx={ctx} {...data} />,
});

/**
 * The administration under /admin (issue 9): a region administrator sees their region, a
 * system administrator every region — organisations with their schedules and staff, staff
 * and roles (activate / deactivate, audited), the regulation versions in force and the
 * production calendar with its legal sources.
 */
export function adminPageRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  routes.get('/admin/regulations/:id/diagram.svg', async (c) => {
    const { principal } = await administrator(c);
    const language = c.req.query('diagram') === 'kk' ? 'kk' : 'ru';
    const svg = getRegulationDiagram(services(c), principal, c.req.param('id'), language);
    c.header('content-type', 'image/svg+xml; charset=utf-8');
    c.header('cache-control', 'private, no-store');
    return c.body(svg);
  });
  mountMonitoringCsv(routes);
  mountMonitoringReport(routes);
  return mountPages(
    routes,
    [
      overviewPage,
      monitoringPage,
      monitoringApplicationsPage,
      organisationsPage,
      organisationPage,
      staffPage,
      regulationsPage,
      calendarPage,
    ],
    { postRedirectGet: true },
  );
}
