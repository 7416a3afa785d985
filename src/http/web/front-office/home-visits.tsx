import type { Hono } from 'hono';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { StaffRole } from '../../../domain/shared/roles.js';
import {
  HomeVisitStatus,
  listVisitStaff,
  updateHomeVisit,
} from '../../../features/front-office/home-visits.js';
import { getFrontOfficeDashboard } from '../../../features/front-office/get-front-office-dashboard.js';
import { CsrfField, ErrorSummary, type FormError } from '../layout.js';
import { pageContext, render, requireStaff } from '../page-context.js';
import type { WebContext, WebEnv } from '../web-env.js';
import { Due, FoPage, formField, frontOfficeRoles, staffOf } from './components.js';
import { fo } from './texts.js';

/** The labels of a home visit's statuses. */
export const visitStatusText = {
  new: fo.visitNew,
  assigned: fo.visitAssigned,
  visited: fo.visitVisited,
  cancelled: fo.visitCancelled,
} as const;

async function showVisits(c: WebContext, errors: FormError[], status: 200 | 422 = 200) {
  const user = await requireStaff(c, frontOfficeRoles);
  const ctx = await pageContext(c);
  const { locale } = ctx;
  const services = c.get('deps').applications;
  const [board, staff] = await Promise.all([
    getFrontOfficeDashboard(services, staffOf(user)),
    listVisitStaff(services, user.principal.organisationId),
  ]);
  const staffName = new Map(staff.map((member) => [member.id, member.fullName]));
  const isOperator = user.roles.includes(StaffRole.frontOfficeOperator);
  return render(
    c,
    <FoPage ctx={ctx} title={fo.homeVisitRequests[locale]} current="/front-office/home-visits">
      <h1>{fo.homeVisitRequests[locale]}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      {board.homeVisits.length === 0 ? <p>{fo.nothing[locale]}</p> : null}
      {board.homeVisits.map((visit) => (
        <section class="home-visit" id={`visit-${visit.number}`} data-number={visit.number}>
          <h2>
            {visit.number} — {visit.fullName}
          </h2>
          <dl class="facts">
            <dt>{fo.receivedAt[locale]}</dt>
            <dd>
              <Due at={visit.createdAt} />
            </dd>
            <dt>{fo.service[locale]}</dt>
            <dd>{visit.serviceCode}</dd>
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
              {visit.assignedTo
                ? (staffName.get(visit.assignedTo) ?? visit.assignedTo)
                : fo.notAssigned[locale]}
            </dd>
          </dl>
          {isOperator ? (
            <form method="post" action={`/front-office/home-visits/${visit.id}`}>
              <CsrfField ctx={ctx} />
              <div class="field">
                <label for={`assignedTo-${visit.number}`}>{fo.assignedTo[locale]}</label>
                <select id={`assignedTo-${visit.number}`} name="assignedTo">
                  <option value="">{fo.notAssigned[locale]}</option>
                  {staff.map((member) => (
                    <option value={member.id} selected={member.id === visit.assignedTo}>
                      {member.fullName}
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
      ))}
    </FoPage>,
    status,
  );
}

/** The front office's list of home-visit requests, with assignment and status. */
export function mountHomeVisits(routes: Hono<WebEnv>): void {
  routes.get('/front-office/home-visits', (c) => showVisits(c, []));
  routes.post('/front-office/home-visits/:id{[0-9a-fA-F-]{36}}', async (c) => {
    const user = await requireStaff(c, [StaffRole.frontOfficeOperator]);
    const locale = c.get('locale');
    const form = await c.req.parseBody();
    const status = HomeVisitStatus.safeParse(formField(form, 'status'));
    const assignedTo = formField(form, 'assignedTo');
    if (!status.success)
      return showVisits(c, [{ field: 'status', message: fo.errChoose[locale] }], 422);
    try {
      await updateHomeVisit(c.get('deps').applications, staffOf(user), {
        id: c.req.param('id'),
        status: status.data,
        ...(assignedTo ? { assignedTo } : {}),
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation_failed') {
        return showVisits(c, [{ field: 'assignedTo', message: fo.errChoose[locale] }], 422);
      }
      throw error;
    }
    return c.redirect('/front-office/home-visits', 303);
  });
}
