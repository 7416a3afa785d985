import { StaffRole } from '../../../domain/shared/roles.js';
import { getQueueStatistics } from '../../../features/preschool-queue/queue-statistics.js';
import { queueServicesOf } from '../../../features/preschool-queue/queue-services.js';
import { RowsTable } from '../components.js';
import { Page } from '../layout.js';
import { definePage } from '../page.js';
import { requireStaff } from '../page-context.js';
import { qt, storedName } from '../preschool-queue-texts.js';
import { backOfficeNav } from './components.js';

const outcomes = ['open', 'accepted', 'declined', 'expired'] as const;

/**
 * `/back-office/queue-statistics`: the head of a district education department sees the queue
 * of each district the department keeps — children waiting by age, places offered and what
 * became of them, children enrolled. Counts only.
 */
export const queueStatisticsPage = definePage({
  path: '/back-office/queue-statistics',
  guard: (c) => requireStaff(c, [StaffRole.head]),
  load: (c, user) =>
    getQueueStatistics(queueServicesOf(c.get('deps').applications), user.principal),
  View: ({ ctx, data }) => {
    const locale = ctx.locale;
    return (
      <Page
        ctx={ctx}
        title={qt.statisticsTitle[locale]}
        nav={backOfficeNav}
        current="/back-office/queue-statistics"
      >
        <h1>{qt.statisticsTitle[locale]}</h1>
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
          </section>
        ))}
      </Page>
    );
  },
});
