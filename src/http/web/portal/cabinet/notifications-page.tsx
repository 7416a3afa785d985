import type { Locale } from '../../../../domain/shared/locale.js';
import { listMyNotifications } from '../../../../features/notifications/list-my-notifications.js';
import { markMyNotificationRead } from '../../../../features/notifications/mark-notification-read.js';
import { CsrfField, Notice, Page, type PageContext } from '../../layout.js';
import { definePage } from '../../page.js';
import { requireCitizen } from '../../page-context.js';
import { cabinetNav, Time } from './shared.js';
import { text } from './texts.js';

interface NotificationsData {
  readonly listing: Awaited<ReturnType<typeof listMyNotifications>>;
  readonly isFirstPage: boolean;
  readonly done: boolean;
}

function NotificationsView(props: { ctx: PageContext; data: NotificationsData }) {
  const { ctx, data } = props;
  const { listing } = data;
  const locale: Locale = ctx.locale;
  return (
    <Page
      ctx={ctx}
      title={text.notifications[locale]}
      nav={cabinetNav(listing.unreadCount)}
      current="/cabinet/notifications"
    >
      <h1>{text.notifications[locale]}</h1>
      {data.done ? (
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
        {data.isFirstPage ? null : <a href="/cabinet/notifications">{text.firstPage[locale]}</a>}
        {listing.nextBefore !== null ? (
          <a href={`/cabinet/notifications?before=${listing.nextBefore}`} rel="next">
            {text.nextPage[locale]}
          </a>
        ) : null}
      </nav>
    </Page>
  );
}

/** `/cabinet/notifications`: what the engine wrote to the cabinet, unread in bold. */
export const notificationsPage = definePage({
  path: '/cabinet/notifications',
  guard: requireCitizen,
  load: async (c, user): Promise<NotificationsData> => {
    const before = c.req.query('before') || undefined;
    const listing = await listMyNotifications(c.get('deps').applications, user.principal, {
      before: before as never,
      limit: 20,
    });
    return { listing, isFirstPage: before === undefined, done: c.req.query('done') === 'read' };
  },
  View: NotificationsView,
  actions: {
    ':id/read': async (c, user) => {
      await markMyNotificationRead(c.get('deps').applications, user.principal, {
        notificationId: c.req.param('id') ?? '',
      });
      return c.redirect('/cabinet/notifications?done=read', 303);
    },
  },
});
