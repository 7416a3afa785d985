import { staffNameIn } from '../../../domain/identity/staff-name.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { StaffRole } from '../../../domain/shared/roles.js';
import {
  HomeVisitStatus,
  homeVisitChoices,
  listVisitStaff,
  updateHomeVisit,
} from '../../../features/front-office/home-visits.js';
import { getFrontOfficeDashboard } from '../../../features/front-office/get-front-office-dashboard.js';
import { DueTime } from '../components.js';
import { readForm } from '../form.js';
import { CsrfField, ErrorSummary, type PageContext } from '../layout.js';
import { definePage, refuse } from '../page.js';
import { requireStaff } from '../page-context.js';
import type { WebContext } from '../web-env.js';
import { FoPage, frontOfficeRoles, staffOf } from './components.js';
import { fo } from './texts.js';

/** The labels of a home visit's statuses. */
export const visitStatusText = {
  new: fo.visitNew,
  assigned: fo.visitAssigned,
  visited: fo.visitVisited,
  cancelled: fo.visitCancelled,
} as const;

type Visits = Awaited<ReturnType<typeof loadVisits>>;

async function loadVisits(c: WebContext, user: Awaited<ReturnType<typeof requireStaff>>) {
  const services = c.get('deps').applications;
  const [board, staff, choices] = await Promise.all([
    getFrontOfficeDashboard(services, staffOf(user)),
    listVisitStaff(services, user.principal.organisationId),
    homeVisitChoices(services),
  ]);
  return {
    visits: board.homeVisits,
    // The service a visit was asked for, named as the request form offered it (never its code).
    serviceName: new Map(choices.services.map((service) => [service.code, service.name])),
    staff,
    staffName: new Map(staff.map((member) => [member.id, member])),
    isOperator: user.roles.includes(StaffRole.frontOfficeOperator),
  };
}

/** One home visit, with the operator's assignment and status form. */
function VisitSection(props: { ctx: PageContext; data: Visits; visit: Visits['visits'][number] }) {
  const { ctx, visit } = props;
  const { locale } = ctx;
  return (
    <section class="home-visit" id={`visit-${visit.number}`} data-number={visit.number}>
      <h2>
        {visit.number} — {visit.fullName}
      </h2>
      <dl class="facts">
        <dt>{fo.receivedAt[locale]}</dt>
        <dd>
          <DueTime at={visit.createdAt} />
        </dd>
        <dt>{fo.service[locale]}</dt>
        <dd>{props.data.serviceName.get(visit.serviceCode)?.[locale] ?? '—'}</dd>
        <dt>{fo.phone[locale]}</dt>
        <dd>{visit.phone}</dd>
        <dt>{fo.address[locale]}</dt>
        <dd>{visit.address}</dd>
        <dt>{fo.reason[locale]}</dt>
        <dd>{visit.reason}</dd>
        <dt>{fo.status[locale]}</dt>
        <dd class="visit-status">{visitStatusText[visit.status][locale]}</dd>
        <dt>{fo.assignedTo[locale]}</dt>
        <dd>
          {(() => {
            const assigned = visit.assignedTo
              ? props.data.staffName.get(visit.assignedTo)
              : undefined;
            // A former colleague (deactivated) is no longer listed: no internal id on the screen.
            if (visit.assignedTo && !assigned) return '—';
            return assigned ? staffNameIn(assigned, locale) : fo.notAssigned[locale];
          })()}
        </dd>
      </dl>
      {props.data.isOperator ? (
        <form method="post" action={`/front-office/home-visits/${visit.id}`}>
          <CsrfField ctx={ctx} />
          <div class="field">
            <label for={`assignedTo-${visit.number}`}>{fo.assignedTo[locale]}</label>
            <select id={`assignedTo-${visit.number}`} name="assignedTo">
              <option value="">{fo.notAssigned[locale]}</option>
              {props.data.staff.map((member) => (
                <option value={member.id} selected={member.id === visit.assignedTo}>
                  {staffNameIn(member, locale)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`status-${visit.number}`}>{fo.status[locale]}</label>
            <select id={`status-${visit.number}`} name="status">
              {HomeVisitStatus.options.map((option) => (
                <option value={option} selected={option === visit.status}>
                  {visitStatusText[option][locale]}
                </option>
              ))}
            </select>
          </div>
          <div class="actions">
            <button type="submit" class="secondary">
              {fo.update[locale]}
              <span class="visually-hidden"> {visit.number}</span>
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** /front-office/home-visits: the front office's home-visit requests, with assignment and status. */
export const homeVisitsPage = definePage({
  path: '/front-office/home-visits',
  guard: (c) => requireStaff(c, frontOfficeRoles),
  load: loadVisits,
  View: ({ ctx, data, form }) => {
    const { locale } = ctx;
    return (
      <FoPage ctx={ctx} title={fo.homeVisitRequests[locale]} current="/front-office/home-visits">
        <h1>{fo.homeVisitRequests[locale]}</h1>
        <ErrorSummary ctx={ctx} errors={form.errors} />
        {data.visits.length === 0 ? <p>{fo.nothing[locale]}</p> : null}
        {data.visits.map((visit) => (
          <VisitSection ctx={ctx} data={data} visit={visit} />
        ))}
      </FoPage>
    );
  },
  actions: {
    ':id{[0-9a-fA-F-]{36}}': async (c) => {
      const user = await requireStaff(c, [StaffRole.frontOfficeOperator]);
      const locale = c.get('locale');
      const posted = await readForm(c);
      const status = HomeVisitStatus.safeParse(posted.field('status'));
      const assignedTo = posted.field('assignedTo');
      if (!status.success) return refuse({}, [{ field: 'status', message: fo.errChoose[locale] }]);
      try {
        await updateHomeVisit(c.get('deps').applications, staffOf(user), {
          id: c.req.param('id')!,
          status: status.data,
          ...(assignedTo ? { assignedTo } : {}),
        });
      } catch (error) {
        if (error instanceof DomainError && error.code === 'validation_failed')
          return refuse({}, [{ field: 'assignedTo', message: fo.errChoose[locale] }]);
        throw error;
      }
      return c.redirect('/front-office/home-visits', 303);
    },
  },
});
