import { getFrontOfficeDashboard } from '../../../features/front-office/get-front-office-dashboard.js';
import { CsrfField } from '../layout.js';
import { DueTime, NameIn } from '../components.js';
import { definePage } from '../page.js';
import { requireStaff } from '../page-context.js';
import { ApplicationTable, FoPage, frontOfficeRoles, staffOf } from './components.js';
import { visitStatusText } from './home-visits.js';
import { fo } from './texts.js';

/** /front-office: the operator's (and courier's) day. */
export const dashboardPage = definePage({
  path: '/front-office',
  guard: (c) => requireStaff(c, frontOfficeRoles),
  load: async (c, user) => ({
    board: await getFrontOfficeDashboard(c.get('deps').applications, staffOf(user)),
    organisationName: user.organisation.name,
  }),
  View: ({ ctx, data: { board, organisationName } }) => {
    const { locale } = ctx;
    return (
      <FoPage ctx={ctx} title={fo.dashboard[locale]} current="/front-office">
        <h1>{fo.dashboard[locale]}</h1>
        <p class="lead">
          <NameIn name={organisationName} locale={locale} />
        </p>
        <ApplicationTable caption={fo.takenToday[locale]} rows={board.today} locale={locale} />
        <ApplicationTable
          caption={fo.waitingForCourier[locale]}
          rows={board.waitingForCourier}
          locale={locale}
          extra={[
            {
              heading: fo.inRegister[locale],
              cell: (row) => (row.inRegister ? fo.inRegister[locale] : '—'),
            },
          ]}
        />
        <ApplicationTable
          caption={fo.resultsWaiting[locale]}
          rows={board.resultsWaiting}
          locale={locale}
          extra={[
            { heading: fo.arrivedAt[locale], cell: (row) => <DueTime at={row.arrivedAt} /> },
            { heading: fo.storedUntil[locale], cell: (row) => <DueTime at={row.storedUntil} /> },
          ]}
        />
        <ApplicationTable
          caption={fo.handedBack[locale]}
          rows={board.handedBack}
          locale={locale}
          extra={[
            { heading: fo.handedBackAt[locale], cell: (row) => <DueTime at={row.handedBackAt} /> },
            {
              heading: fo.requestResult[locale],
              cell: (row) =>
                row.resultRequest ? (
                  <span>
                    {fo.requested[locale]} <DueTime at={row.resultRequest.dueAt} />
                    {row.resultRequest.sentAt ? (
                      <span class="result-sent">
                        ; {fo.resultSent[locale]} <DueTime at={row.resultRequest.sentAt} />
                      </span>
                    ) : null}
                  </span>
                ) : (
                  <form
                    method="post"
                    action={`/front-office/applications/${row.id}/request-result`}
                  >
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="secondary">
                      {fo.requestResult[locale]}
                      <span class="visually-hidden"> {row.number}</span>
                    </button>
                  </form>
                ),
            },
          ]}
        />
        <section>
          <h2>{fo.homeVisitRequests[locale]}</h2>
          {board.homeVisits.length === 0 ? (
            <p>{fo.nothing[locale]}</p>
          ) : (
            <ul class="cards">
              {board.homeVisits.slice(0, 10).map((visit) => (
                <li>
                  <a href={`/front-office/home-visits#visit-${visit.number}`}>{visit.number}</a> —{' '}
                  {visit.fullName}, {visitStatusText[visit.status][locale]}
                </li>
              ))}
            </ul>
          )}
        </section>
      </FoPage>
    );
  },
});
