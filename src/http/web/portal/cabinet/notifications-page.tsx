import type { Locale } from '../../../../domain/shared/locale.js';
import type { listMyNotifications } from '../../../../features/notifications/list-my-notifications.js';
import { CsrfField, Notice, Page, type PageContext } from '../../layout.js';
import { cabinetNav, Time } from './shared.js';
import { text } from './texts.js';

type Listing = Awaited<ReturnType<typeof listMyNotifications>>;

/** `/cabinet/notifications`: what the engine wrote to the cabinet, unread in bold. */
export function NotificationsPage(props: {
  ctx: PageContext;
  listing: Listing;
  isFirstPage: boolean;
  done: boolean;
}) {
  const { ctx, listing } = props;
  const locale: Locale = ctx.locale;
  return (
    <Page
      ctx={ctx}
      title={text.notifications[locale]}
      nav={cabinetNav(listing.unreadCount)}
      current="/cabinet/notifications"
    >
      <h1>{text.notifications[locale]}</h1>
      {props.done ? (
        <Notice tone="ok" role="status">
          <p>{text.markedRead[locale]}</p>
        </Notice>
      ) : null}
      <p class="lead" id="unread-count">
        {text.unreadCount[locale]}: {listing.unreadCount}
      </p>
      {listing.items.length === 0 ? (
        <p>{text.noNotifications[locale]}</p>
      ) : (
        <ul class="notifications">
          {listing.items.map((item) => (
            <li
              class={item.isUnread ? 'notification unread' : 'notification'}
              data-notification-id={item.id}
            >
              <p>
                {item.isUnread ? (
                  <span class="visually-hidden">{text.unread[locale]}: </span>
                ) : null}
                <Time value={item.createdAt} locale={locale} /> —{' '}
                <span class="message">{item.message[locale] ?? item.message.ru ?? ''}</span>
              </p>
              <div class="actions">
                <a href={`/cabinet/applications/${item.applicationId}`}>
                  {text.application[locale]} №{item.applicationNumber}
                </a>
                {item.isUnread ? (
                  <form method="post" action={`/cabinet/notifications/${item.id}/read`}>
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="secondary">
                      {text.markRead[locale]}
                      <span class="visually-hidden">
                        {' '}
                        — {text.application[locale]} №{item.applicationNumber}
                      </span>
                    </button>
                  </form>
                ) : (
                  <span class="tag neutral">{text.read[locale]}</span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <nav class="actions" aria-label={text.notifications[locale]}>
        {props.isFirstPage ? null : <a href="/cabinet/notifications">{text.firstPage[locale]}</a>}
        {listing.nextBefore !== null ? (
          <a href={`/cabinet/notifications?before=${listing.nextBefore}`} rel="next">
            {text.nextPage[locale]}
          </a>
        ) : null}
      </nav>
    </Page>
  );
}
