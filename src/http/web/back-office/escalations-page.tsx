import { StaffRole } from '../../../domain/shared/roles.js';
import { listEscalations, type Escalation } from '../../../features/deadlines/list-escalations.js';
import { listOverdue, type OverdueApplication } from '../../../features/deadlines/list-overdue.js';
import { DueTime, RowsTable } from '../components.js';
import { Page, type PageContext } from '../layout.js';
import { definePage } from '../page.js';
import { requireStaff } from '../page-context.js';
import { backOfficeNav, IndicatorTag, inLocale } from './components.js';
import { stepNamesOf, zoneOf, type StepName } from './step-names.js';
import { bo } from './texts.js';

interface Escalations {
  readonly escalations: readonly Escalation[];
  readonly overdue: readonly OverdueApplication[];
  /** The steps' names from the regulations, by `regulationId/stepId`. */
  readonly stepNames: ReadonlyMap<string, StepName>;
  /** The staff member's organisation's zone (where the engine counts the dues). */
  readonly timeZone: string;
}

interface RowProps<Row> {
  readonly ctx: PageContext;
  readonly data: Escalations;
  readonly row: Row;
}

function StepName(props: {
  ctx: PageContext;
  data: Escalations;
  regulationId: string;
  stepId: string | null;
}) {
  const { stepId } = props;
  if (stepId === null) return <>—</>;
  const name = props.data.stepNames.get(`${props.regulationId}/${stepId}`);
  return (
    <span data-step={stepId}>{inLocale(name ?? { kk: stepId, ru: stepId }, props.ctx.locale)}</span>
  );
}

function EscalationRow({ ctx, data, row }: RowProps<Escalation>) {
  return (
    <tr data-number={row.number}>
      <td>
        <a href={`/back-office/applications/${row.applicationId}`}>{row.number}</a>
      </td>
      <td class="step">
        <StepName ctx={ctx} data={data} regulationId={row.regulationId} stepId={row.stepId} />
      </td>
      <td>{bo.scope[row.scope][ctx.locale]}</td>
      <td class="due">
        <DueTime at={row.dueAt} timeZone={data.timeZone} />
      </td>
      <td>
        <DueTime at={row.escalatedAt} timeZone={data.timeZone} />
      </td>
    </tr>
  );
}

function OverdueRow({ ctx, data, row }: RowProps<OverdueApplication>) {
  return (
    <tr data-number={row.number}>
      <td>
        <a href={`/back-office/applications/${row.id}`}>{row.number}</a>
      </td>
      <td class="step">
        <StepName
          ctx={ctx}
          data={data}
          regulationId={row.regulationId}
          stepId={row.currentStepId}
        />
      </td>
      <td class="step-due">
        <DueTime at={row.stepDueAt} timeZone={data.timeZone} />
      </td>
      <td class="due">
        <DueTime at={row.dueAt} timeZone={data.timeZone} />
      </td>
      <td>
        <IndicatorTag indicator="overdue" locale={ctx.locale} />
        {row.isEscalated ? ` · ${bo.escalations[ctx.locale]}` : ''}
      </td>
    </tr>
  );
}

/** /back-office/escalations: the head's list of escalations and overdue applications. */
export const escalationsPage = definePage({
  path: '/back-office/escalations',
  guard: (c) => requireStaff(c, [StaffRole.head]),
  load: async (c, user): Promise<Escalations> => {
    const services = c.get('deps').applications;
    const [escalations, overdue] = await Promise.all([
      listEscalations(services, user.principal, { limit: 100 }),
      listOverdue(services, user.principal, { limit: 100 }),
    ]);
    const stepNames = stepNamesOf(services, [
      ...escalations.map((row) => [row.regulationId, row.stepId] as const),
      ...overdue.map((row) => [row.regulationId, row.currentStepId] as const),
    ]);
    return { escalations, overdue, stepNames, timeZone: await zoneOf(services, user.principal) };
  },
  View: ({ ctx, data }) => {
    const locale = ctx.locale;
    return (
      <Page
        ctx={ctx}
        title={bo.escalationsTitle[locale]}
        nav={backOfficeNav}
        current="/back-office/escalations"
      >
        <h1>{bo.escalationsTitle[locale]}</h1>
        <h2 id="escalations-title">{bo.escalations[locale]}</h2>
        <RowsTable
          id="escalations"
          labelledBy="escalations-title"
          headings={[
            bo.number[locale],
            bo.step[locale],
            bo.level[locale],
            bo.due[locale],
            bo.escalatedAt[locale],
          ]}
          rows={data.escalations}
          empty={bo.none[locale]}
          row={(row) => <EscalationRow ctx={ctx} data={data} row={row} />}
        />
        <h2 id="overdue-title">{bo.overdue[locale]}</h2>
        <RowsTable
          id="overdue"
          labelledBy="overdue-title"
          headings={[
            bo.number[locale],
            bo.step[locale],
            bo.stepDue[locale],
            bo.due[locale],
            bo.deadline[locale],
          ]}
          rows={data.overdue}
          empty={bo.none[locale]}
          row={(row) => <OverdueRow ctx={ctx} data={data} row={row} />}
        />
      </Page>
    );
  },
});
