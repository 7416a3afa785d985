import type { Locale } from '../../../../domain/shared/locale.js';
import { listMyNotifications } from '../../../../features/notifications/list-my-notifications.js';
import { markMyNotificationRead } from '../../../../features/notifications/mark-notification-read.js';
import { markAllMyNotificationsRead } from '../../../../features/notifications/mark-all-notifications-read.js';
import { CsrfField, Notice, type PageContext } from '../../layout.js';
import { DueTime } from '../../components.js';
import { readForm } from '../../form.js';
import { definePage } from '../../page.js';
import { requireCitizen } from '../../page-context.js';
import { CabinetPage } from './shared.js';
import { text } from './texts.js';

interface NotificationsData {
  readonly listing: Awaited<ReturnType<typeof listMyNotifications>>;
  readonly isFirstPage: boolean;
  readonly done: 'read' | 'all' | undefined;
}

function NotificationsView({ ctx, data }: { ctx: PageContext; data: NotificationsData }) {
  const { listing, isFirstPage, done } = data;
  const locale: Locale = ctx.locale;
  return (
    <CabinetPage
      ctx={ctx}
      title={text.notifications[locale]}
      unreadCount={listing.unreadCount}
      current="/cabinet/notifications"
    >
      <h1>{text.notifications[locale]}</h1>
      {done ? (
        <Notice tone="ok" role="status">
          <p>{done === 'all' ? text.markedAllRead[locale] : text.markedRead[locale]}</p>
        </Notice>
      ) : null}
      <p class="lead" id="unread-count">
        {text.unreadCount[locale]}: {listing.unreadCount}
      </p>
      {isFirstPage && listing.unreadCount > 0 && listing.newestPosition !== null ? (
        <form method="post" action="/cabinet/notifications/read-all" id="mark-all-read">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="upTo" value={String(listing.newestPosition)} />
          <button type="submit" class="secondary">
            {text.markAllRead[locale]}
          </button>
        </form>
      ) : null}
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
                <DueTime at={item.createdAt} /> —{' '}
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
        {isFirstPage ? null : <a href="/cabinet/notifications">{text.firstPage[locale]}</a>}
        {listing.nextBefore !== null ? (
          <a href={`/cabinet/notifications?before=${listing.nextBefore}`} rel="next">
            {text.nextPage[locale]}
          </a>
        ) : null}
      </nav>
    </CabinetPage>
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
    const done = c.req.query('done');
    return {
      listing,
      isFirstPage: before === undefined,
      done: done === 'read' || done === 'all' ? done : undefined,
    };
  },
  View: NotificationsView,
  actions: {
    ':id/read': async (c, user) => {
      await markMyNotificationRead(c.get('deps').applications, user.principal, {
        notificationId: c.req.param('id') ?? '',
      });
      return c.redirect('/cabinet/notifications?done=read', 303);
    },
    // Every unread notification up to the newest the page showed (issue 18, point 7).
    'read-all': async (c, user) => {
      const upTo = (await readForm(c)).field('upTo');
      await markAllMyNotificationsRead(c.get('deps').applications, user.principal, {
        upToPosition: /^\d{1,15}$/.test(upTo) ? Number(upTo) : 0,
      });
      return c.redirect('/cabinet/notifications?done=all', 303);
    },
  },
});
