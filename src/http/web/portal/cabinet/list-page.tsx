import type { Locale } from '../../../../domain/shared/locale.js';
import { listCabinetApplications } from '../../../../features/cabinet/list-cabinet-applications.js';
import { countMyUnreadNotifications } from '../../../../features/notifications/list-my-notifications.js';
import type { PageContext } from '../../layout.js';
import { DueTime, NameIn, Table } from '../../components.js';
import { definePage } from '../../page.js';
import { requireCitizen } from '../../page-context.js';
import { CabinetPage, DueTag } from './shared.js';
import { text } from './texts.js';

interface ListData {
  readonly listing: Awaited<ReturnType<typeof listCabinetApplications>>;
  readonly unreadCount: number;
  readonly isFirstPage: boolean;
}

function ApplicationListView(props: { ctx: PageContext; data: ListData }) {
  const { ctx, data } = props;
  const { listing } = data;
  const locale: Locale = ctx.locale;
  return (
    <CabinetPage
      ctx={ctx}
      title={text.applications[locale]}
      unreadCount={data.unreadCount}
      current="/cabinet"
    >
      <h1>{text.applications[locale]}</h1>
      <p class="lead">{text.timesNote[locale]}</p>
      {listing.items.length === 0 ? (
        <p>{text.noApplications[locale]}</p>
      ) : (
        <Table
          class="cabinet-applications"
          caption={text.applications[locale]}
          captionHidden
          headings={[
            text.number[locale],
            text.service[locale],
            text.status[locale],
            text.currentStep[locale],
            text.due[locale],
          ]}
        >
          {listing.items.map((item) => {
            const isRunning = item.endedAt === null && item.status !== 'suspended';
            return (
              <tr data-application-id={item.id}>
                <th scope="row">
                  <a href={`/cabinet/applications/${item.id}`}>{item.number}</a>
                </th>
                <td>
                  {item.serviceName ? <NameIn name={item.serviceName} locale={locale} /> : '—'}
                </td>
                <td class="status">{item.statusLabel[locale]}</td>
                <td>
                  {item.currentStep ? (
                    <NameIn name={item.currentStep.description} locale={locale} />
                  ) : (
                    '—'
                  )}
                </td>
                <td class="due">
                  <DueTime at={item.dueAt} />{' '}
                  <DueTag isOverdue={item.isOverdue} isRunning={isRunning} locale={locale} />
                </td>
              </tr>
            );
          })}
        </Table>
      )}
      <nav class="actions" aria-label={text.applications[locale]}>
        {data.isFirstPage ? null : <a href="/cabinet">{text.firstPage[locale]}</a>}
        {listing.nextCursor ? (
          <a href={`/cabinet?cursor=${encodeURIComponent(listing.nextCursor)}`} rel="next">
            {text.nextPage[locale]}
          </a>
        ) : null}
      </nav>
    </CabinetPage>
  );
}

/** `/cabinet`: the citizen's applications (and those of the people they represent), newest first, paged. */
export const applicationListPage = definePage({
  path: '/cabinet',
  guard: requireCitizen,
  load: async (c, user): Promise<ListData> => {
    const services = c.get('deps').applications;
    const cursor = c.req.query('cursor') || undefined;
    const [listing, unreadCount] = await Promise.all([
      listCabinetApplications(services, user.principal, { cursor, limit: 20 }),
      countMyUnreadNotifications(services, user.principal),
    ]);
    return { listing, unreadCount, isFirstPage: cursor === undefined };
  },
  View: ApplicationListView,
});
