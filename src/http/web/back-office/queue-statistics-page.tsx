import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import { StaffRole } from '../../../domain/shared/roles.js';
import { runIntakeRound } from '../../../features/preschool-queue/run-intake-round.js';
import { getQueueStatistics } from '../../../features/preschool-queue/queue-statistics.js';
import { queueServicesOf } from '../../../features/preschool-queue/queue-services.js';
import { RowsTable } from '../components.js';
import { readForm } from '../form.js';
import { CsrfField, ErrorSummary, Notice, Page, type PageContext } from '../layout.js';
import { formatMonthDay } from '../messages.js';
import { definePage, refuse } from '../page.js';
import { requireStaff } from '../page-context.js';
import { qt, storedName } from '../preschool-queue-texts.js';
import { backOfficeNav } from './components.js';

const outcomes = ['open', 'accepted', 'declined', 'expired'] as const;

/** The district's yearly intake round: its window and, while open, the batch run's button. */
function IntakeRound(props: {
  ctx: PageContext;
  district: { region: string; code: string };
  round: { from: string; until: string; isOpen: boolean } | null;
}) {
  const { ctx, district, round } = props;
  const locale = ctx.locale;
  if (!round) return null;
  return (
    <>
      <h3>{qt.intakeRoundTitle[locale]}</h3>
      <p class="intake-round" data-open={String(round.isOpen)}>
        {qt.intakeRoundWindow[locale]}: {formatMonthDay(round.from, locale)} —{' '}
        {formatMonthDay(round.until, locale)}.{' '}
        {round.isOpen ? qt.intakeRoundLead[locale] : qt.intakeRoundClosed[locale]}
      </p>
      {round.isOpen ? (
        <form method="post" action="/back-office/queue-statistics/intake">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="district" value={`${district.region}/${district.code}`} />
          <div class="actions">
            <button type="submit">{qt.runIntakeRound[locale]}</button>
          </div>
        </form>
      ) : null}
    </>
  );
}

/**
 * `/back-office/queue-statistics`: the head of a district education department sees the queue
 * of each district the department keeps — children waiting by age, places offered and what
 * became of them, children enrolled. Counts only.
 */
export const queueStatisticsPage = definePage({
  path: '/back-office/queue-statistics',
  guard: (c) => requireStaff(c, [StaffRole.head]),
  load: async (c, user) => ({
    ...(await getQueueStatistics(queueServicesOf(c.get('deps').applications), user.principal)),
    offered: c.req.method === 'GET' ? c.req.query('intake')?.slice(0, 400) : undefined,
  }),
  View: ({ ctx, data, form }) => {
    const locale = ctx.locale;
    return (
      <Page
        ctx={ctx}
        title={qt.statisticsTitle[locale]}
        nav={backOfficeNav}
        current="/back-office/queue-statistics"
      >
        <h1>{qt.statisticsTitle[locale]}</h1>
        <ErrorSummary ctx={ctx} errors={form.errors} />
        {data.offered !== undefined ? (
          <Notice tone="ok" role="status">
            <p id="intake-offered">
              {qt.intakeRoundDone[locale]}: {data.offered || '—'}
            </p>
          </Notice>
        ) : null}
        {data.districts.length === 0 ? <p>{qt.noDistricts[locale]}</p> : null}
        {data.districts.map((entry) => (
          <section
            class="queue-statistics"
            data-district={entry.district.code}
            aria-label={storedName(entry.district.name, locale)}
          >
            <h2>{storedName(entry.district.name, locale)}</h2>
            <h3>{qt.waitingByAge[locale]}</h3>
            <RowsTable
              headings={[qt.age[locale], qt.children[locale]]}
              rows={entry.waitingByAge}
              empty={qt.nothing[locale]}
              row={(row) => (
                <tr data-age={String(row.age)}>
                  <td>
                    {row.age} {qt.years[locale]}
                  </td>
                  <td>{row.children}</td>
                </tr>
              )}
            />
            <h3>{qt.offersByOutcome[locale]}</h3>
            <RowsTable
              headings={[qt.outcome[locale], qt.count[locale]]}
              rows={outcomes.map((outcome) => ({ outcome, count: entry.offers[outcome] ?? 0 }))}
              empty={qt.nothing[locale]}
              row={(row) => (
                <tr data-outcome={row.outcome}>
                  <td>{qt.offerStatuses[row.outcome]?.[locale]}</td>
                  <td>{row.count}</td>
                </tr>
              )}
            />
            <p data-enrolled={String(entry.enrolled)}>
              {qt.enrolledCount[locale]}: {entry.enrolled}
            </p>
            <IntakeRound ctx={ctx} district={entry.district} round={entry.intakeRound} />
          </section>
        ))}
      </Page>
    );
  },
  actions: {
    intake: async (c, user) => {
      const locale = c.get('locale');
      const { field } = await readForm(c);
      const values = { district: field('district').trim().slice(0, 160) };
      const [region = '', district = ''] = values.district.split('/');
      if (!region || !district)
        return refuse(values, [{ field: 'district', message: qt.fieldRequired[locale] }]);
      try {
        const run = await runIntakeRound(
          queueServicesOf(c.get('deps').applications),
          user.principal,
          { region, district },
        );
        const numbers = run.offered.map((entry) => entry.number).join(', ');
        return c.redirect(
          `/back-office/queue-statistics?intake=${encodeURIComponent(numbers)}`,
          303,
        );
      } catch (error) {
        if (error instanceof DomainError && error.code === ErrorCode.notFound)
          return refuse(values, [{ field: 'district', message: qt.fieldRequired[locale] }]);
        if (error instanceof DomainError && error.code === ErrorCode.conflict)
          return refuse(
            values,
            [{ field: 'district', message: qt.intakeRoundClosed[locale] }],
            409,
          );
        throw error;
      }
    },
  },
});
