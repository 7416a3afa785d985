import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import { StaffRole } from '../../../domain/shared/roles.js';
import {
  decidePrivilege,
  listPrivilegesToConfirm,
} from '../../../features/preschool-queue/confirm-privilege.js';
import { queueServicesOf } from '../../../features/preschool-queue/queue-services.js';
import { DueTime, RowsTable } from '../components.js';
import { readForm } from '../form.js';
import { CsrfField, ErrorSummary, Notice, Page, type PageContext } from '../layout.js';
import { definePage, refuse } from '../page.js';
import { requireStaff } from '../page-context.js';
import { qt, storedName } from '../preschool-queue-texts.js';
import { backOfficeNav } from './components.js';

const privilegeRoles = [StaffRole.head, StaffRole.executor] as const;
const slipPattern = /^Q-\d{4}-\d{4}-\d{2}$/;

/** The two buttons of one privilege: confirm or reject, posting the slip number. */
function DecisionForm({ ctx, number }: { ctx: PageContext; number: string }) {
  const locale = ctx.locale;
  return (
    <form method="post" action="/back-office/queue-privileges" class="inline-actions">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="number" value={number} />
      <button type="submit" name="decision" value="confirm">
        {qt.confirmPrivilege[locale]}
        <span class="visually-hidden"> {number}</span>
      </button>{' '}
      <button type="submit" name="decision" value="reject" class="secondary">
        {qt.rejectPrivilege[locale]}
        <span class="visually-hidden"> {number}</span>
      </button>
    </form>
  );
}

/**
 * `/back-office/queue-privileges`: the district education department's head and executors see
 * the privileges claimed in the districts whose queue the department keeps, awaiting
 * confirmation by documents with their deadline (5 working days), and confirm or reject each.
 */
export const queuePrivilegesPage = definePage({
  path: '/back-office/queue-privileges',
  guard: (c) => requireStaff(c, privilegeRoles),
  load: async (c, user) => {
    const services = queueServicesOf(c.get('deps').applications);
    const decided = c.req.method === 'GET' ? c.req.query('decided') : undefined;
    const number = c.req.method === 'GET' ? c.req.query('number') : undefined;
    return {
      privileges: await listPrivilegesToConfirm(services, user.principal),
      decided: decided === 'confirm' || decided === 'reject' ? decided : undefined,
      number: number && slipPattern.test(number) ? number : undefined,
    };
  },
  View: ({ ctx, data, form }) => {
    const locale = ctx.locale;
    return (
      <Page
        ctx={ctx}
        title={qt.privilegesTitle[locale]}
        nav={backOfficeNav}
        current="/back-office/queue-privileges"
      >
        <h1 id="privileges-pending">{qt.privilegesTitle[locale]}</h1>
        <ErrorSummary ctx={ctx} errors={form.errors} />
        {data.decided ? (
          <Notice tone="ok" role="status">
            <p id="privilege-decided" data-decision={data.decided}>
              {data.decided === 'confirm'
                ? qt.privilegeConfirmed[locale]
                : qt.privilegeRejected[locale]}
              {data.number ? `: ${data.number}` : ''}
            </p>
          </Notice>
        ) : null}
        <p class="lead">{qt.privilegesLead[locale]}</p>
        <RowsTable
          id="queue-privileges"
          labelledBy="privileges-pending"
          headings={[
            qt.slipNumber[locale],
            qt.district[locale],
            qt.category[locale],
            qt.childIin[locale],
            qt.birthDate[locale],
            qt.registeredAt[locale],
            qt.confirmBy[locale],
            qt.decision[locale],
          ]}
          rows={data.privileges}
          empty={qt.noPrivileges[locale]}
          row={(entry) => (
            <tr data-number={entry.number}>
              <td>{entry.number}</td>
              <td>{storedName(entry.districtName, locale)}</td>
              <td>{qt.categories[entry.category]?.[locale]}</td>
              <td>{entry.childIin}</td>
              <td>{entry.birthDate}</td>
              <td>
                <DueTime at={entry.registeredAt} />
              </td>
              <td>
                <DueTime at={entry.due} />
              </td>
              <td>
                <DecisionForm ctx={ctx} number={entry.number} />
              </td>
            </tr>
          )}
        />
      </Page>
    );
  },
  action: async (c, user) => {
    const locale = c.get('locale');
    const { field } = await readForm(c);
    const values = {
      number: field('number').trim().toUpperCase().slice(0, 20),
      decision: field('decision').trim().slice(0, 10),
    };
    const errors = [
      ...(slipPattern.test(values.number)
        ? []
        : [{ field: 'number', message: qt.privilegeUnknown[locale] }]),
      ...(values.decision === 'confirm' || values.decision === 'reject'
        ? []
        : [{ field: 'decision', message: qt.chooseDecision[locale] }]),
    ];
    if (errors.length > 0) return refuse(values, errors);
    try {
      const decided = await decidePrivilege(
        queueServicesOf(c.get('deps').applications),
        user.principal,
        { number: values.number, decision: values.decision as 'confirm' | 'reject' },
      );
      return c.redirect(
        `/back-office/queue-privileges?decided=${decided.decision}&number=${decided.number}`,
        303,
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.notFound)
        return refuse(values, [{ field: 'number', message: qt.privilegeUnknown[locale] }], 422);
      if (error instanceof DomainError && error.code === ErrorCode.conflict)
        return refuse(values, [{ field: 'number', message: qt.privilegeNotPending[locale] }], 409);
      throw error;
    }
  },
});
