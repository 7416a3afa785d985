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
import { pageContext, render, requireStaff } from '../page-context.js';
import type { WebContext, WebEnv } from '../web-env.js';
import {
  OrganisationPage,
  OrganisationsPage,
  OverviewPage,
  StaffPage,
} from './organisation-pages.js';
import { CalendarPage, RegulationsPage } from './reference-pages.js';
import { text } from './texts.js';

const administrators = [StaffRole.regionAdministrator, StaffRole.systemAdministrator];

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

/**
 * The administration under /admin (issue 9): a region administrator sees their region, a
 * system administrator every region — organisations with their schedules and staff, staff
 * and roles (activate / deactivate, audited), the regulation versions in force and the
 * production calendar with its legal sources.
 */
export function adminPageRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  const services = (c: WebContext) => c.get('deps').applications;

  routes.get('/admin', async (c) => {
    const { principal, scope } = await administrator(c);
    const [organisations, staff] = await Promise.all([
      listAdministeredOrganisations(services(c), principal),
      listAdministeredStaff(services(c), principal),
    ]);
    return render(
      c,
      <OverviewPage
        ctx={await pageContext(c)}
        regionCode={scope.regionCode}
        counts={{ organisations: organisations.length, staff: staff.length }}
      />,
    );
  });

  routes.get('/admin/organisations', async (c) => {
    const { principal, scope } = await administrator(c);
    return render(
      c,
      <OrganisationsPage
        ctx={await pageContext(c)}
        regionCode={scope.regionCode}
        organisations={await listAdministeredOrganisations(services(c), principal)}
      />,
    );
  });

  routes.get('/admin/organisations/:id', async (c) => {
    const { principal } = await administrator(c);
    const organisation = await getAdministeredOrganisation(
      services(c),
      principal,
      c.req.param('id'),
    );
    return render(
      c,
      <OrganisationPage
        ctx={await pageContext(c)}
        organisation={organisation}
        done={c.req.query('done') === '1'}
      />,
    );
  });

  routes.post('/admin/staff/:id/roles', async (c) => {
    const { principal } = await administrator(c);
    const form = await c.req.parseBody({ all: true });
    const staffId = c.req.param('id');
    const organisationId = typeof form.organisationId === 'string' ? form.organisationId : '';
    const raw = form.roles;
    const roles = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (role): role is string => typeof role === 'string',
    );
    const organisation = await getAdministeredOrganisation(services(c), principal, organisationId);
    if (roles.length === 0) {
      const first = organisation.staff.find((member) => member.id === staffId)?.roles[0];
      const roleError = {
        field: `roles-${staffId}-${first ?? 'head'}`,
        message: text.chooseRole[c.get('locale')],
      };
      return render(
        c,
        <OrganisationPage
          ctx={await pageContext(c)}
          organisation={organisation}
          roleError={roleError}
        />,
        422,
      );
    }
    await setStaffRoles(services(c), principal, { staffId, roles: roles as never });
    return c.redirect(`/admin/organisations/${encodeURIComponent(organisation.id)}?done=1`, 303);
  });

  routes.get('/admin/staff', async (c) => {
    const { principal, scope } = await administrator(c);
    return render(
      c,
      <StaffPage
        ctx={await pageContext(c)}
        regionCode={scope.regionCode}
        staff={await listAdministeredStaff(services(c), principal)}
        done={c.req.query('done') === '1'}
      />,
    );
  });

  routes.post('/admin/staff/:id/active', async (c) => {
    const { principal } = await administrator(c);
    const form = await c.req.parseBody();
    await setStaffActive(services(c), principal, {
      staffId: c.req.param('id'),
      isActive: form.isActive === 'true',
    });
    return c.redirect('/admin/staff?done=1', 303);
  });

  routes.get('/admin/regulations', async (c) => {
    const { principal, scope } = await administrator(c);
    return render(
      c,
      <RegulationsPage
        ctx={await pageContext(c)}
        regionCode={scope.regionCode}
        listing={listRegulationVersions(services(c), principal)}
      />,
    );
  });

  routes.get('/admin/regulations/:id/diagram.svg', async (c) => {
    const { principal } = await administrator(c);
    const language = c.req.query('diagram') === 'kk' ? 'kk' : 'ru';
    const svg = getRegulationDiagram(services(c), principal, c.req.param('id'), language);
    c.header('content-type', 'image/svg+xml; charset=utf-8');
    c.header('cache-control', 'private, no-store');
    return c.body(svg);
  });

  routes.get('/admin/calendar', async (c) => {
    const { principal } = await administrator(c);
    const requested = Number(c.req.query('year') ?? currentYear(c.get('deps').now()));
    return render(
      c,
      <CalendarPage
        ctx={await pageContext(c)}
        year={getCalendarYear(services(c), principal, requested)}
      />,
    );
  });

  return routes;
}
