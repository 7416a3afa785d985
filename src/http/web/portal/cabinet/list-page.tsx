import type { Locale } from '../../../../domain/shared/locale.js';
import type { listCabinetApplications } from '../../../../features/cabinet/list-cabinet-applications.js';
import { Page, type PageContext } from '../../layout.js';
import { nameIn } from '../../messages.js';
import { cabinetNav, DueTag, Time } from './shared.js';
import { text } from './texts.js';

type Listing = Awaited<ReturnType<typeof listCabinetApplications>>;

/** `/cabinet`: the citizen's applications, newest first, paged. */
export function ApplicationListPage(props: {
  ctx: PageContext;
  listing: Listing;
  unreadCount: number;
  isFirstPage: boolean;
}) {
  const { ctx, listing } = props;
  const locale: Locale = ctx.locale;
  return (
    <Page
      ctx={ctx}
      title={text.applications[locale]}
      nav={cabinetNav(props.unreadCount)}
      current="/cabinet"
    >
      <h1>{text.applications[locale]}</h1>
      <p class="lead">{text.timesNote[locale]}</p>
      {listing.items.length === 0 ? (
        <p>{text.noApplications[locale]}</p>
      ) : (
        <div class="table-wrap">
          <table class="cabinet-applications">
            <caption class="visually-hidden">{text.applications[locale]}</caption>
            <thead>
              <tr>
                <th scope="col">{text.number[locale]}</th>
                <th scope="col">{text.service[locale]}</th>
                <th scope="col">{text.status[locale]}</th>
                <th scope="col">{text.currentStep[locale]}</th>
                <th scope="col">{text.due[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {listing.items.map((item) => {
                const isRunning = item.endedAt === null && item.status !== 'suspended';
                return (
                  <tr data-application-id={item.id}>
                    <th scope="row">
                      <a href={`/cabinet/applications/${item.id}`}>{item.number}</a>
                    </th>
                    <td>
                      {item.serviceName ? nameIn(item.serviceName, locale) : item.serviceCode}
                    </td>
                    <td class="status">{item.statusLabel[locale]}</td>
                    <td>{item.currentStep ? nameIn(item.currentStep.description, locale) : '—'}</td>
                    <td class="due">
                      <Time value={item.dueAt} locale={locale} />{' '}
                      <DueTag isOverdue={item.isOverdue} isRunning={isRunning} locale={locale} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav class="actions" aria-label={text.applications[locale]}>
        {props.isFirstPage ? null : <a href="/cabinet">{text.firstPage[locale]}</a>}
        {listing.nextCursor ? (
          <a href={`/cabinet?cursor=${encodeURIComponent(listing.nextCursor)}`} rel="next">
            {text.nextPage[locale]}
          </a>
        ) : null}
      </nav>
    </Page>
  );
}
