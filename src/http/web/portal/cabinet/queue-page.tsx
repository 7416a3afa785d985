import type { Locale } from '../../../../domain/shared/locale.js';
import { countMyUnreadNotifications } from '../../../../features/notifications/list-my-notifications.js';
import { listOwnQueue } from '../../../../features/preschool-queue/list-own-queue.js';
import { queueServicesOf } from '../../../../features/preschool-queue/queue-services.js';
import { DueTime, RowsTable } from '../../components.js';
import { Notice } from '../../layout.js';
import { definePage } from '../../page.js';
import { requireCitizen } from '../../page-context.js';
import { groupLabel, qt, storedName } from '../../preschool-queue-texts.js';
import { PositionChangeView, PositionFacts } from '../queue-public-pages.js';
import { CabinetPage } from './shared.js';

/** A stored message's text in the locale (the messages keep kk/ru/en); empty when absent. */
function textOf(message: Readonly<Record<string, unknown>>, locale: Locale): string {
  const text = message[locale];
  return typeof text === 'string' ? text : '';
}

/** The latest messages about the parent's registrations (offers, lapsed referrals, age 7). */
function QueueMessages(props: {
  messages: Awaited<ReturnType<typeof listOwnQueue>>['messages'];
  locale: Locale;
}) {
  const { messages, locale } = props;
  return (
    <>
      <h2 id="queue-messages">{qt.messages[locale]}</h2>
      <RowsTable
        id="queue-messages-table"
        labelledBy="queue-messages"
        headings={[qt.date[locale], qt.slipNumber[locale], qt.messages[locale]]}
        rows={messages}
        empty={qt.nothing[locale]}
        row={(message) => (
          <tr data-kind={message.kind} data-number={message.number}>
            <td>
              <DueTime at={message.at} />
            </td>
            <td>{message.number}</td>
            <td>{textOf(message.message, locale)}</td>
          </tr>
        )}
      />
    </>
  );
}

/**
 * `/cabinet/queue`: the parent's children in the kindergarten queue — each slip with its
 * position and why it changed since the parent last looked here (this view remembers what it
 * showed) —, the offers and referrals, each opening its page to accept or decline, and the
 * latest messages about them.
 */
export const cabinetQueuePage = definePage({
  path: '/cabinet/queue',
  guard: requireCitizen,
  load: async (c, user) => {
    const services = c.get('deps').applications;
    const [queue, unreadCount] = await Promise.all([
      listOwnQueue(queueServicesOf(services), user.iin),
      countMyUnreadNotifications(services, user.principal),
    ]);
    const registered = c.req.query('registered');
    return {
      queue,
      unreadCount,
      registered: registered && /^Q-\d{4}-\d{4}-\d{2}$/.test(registered) ? registered : undefined,
      declined: c.req.query('declined') === '1',
    };
  },
  View: ({ ctx, data }) => {
    const locale = ctx.locale;
    return (
      <CabinetPage
        ctx={ctx}
        title={qt.myQueue[locale]}
        unreadCount={data.unreadCount}
        current="/cabinet/queue"
      >
        <h1>{qt.myQueue[locale]}</h1>
        {data.registered ? (
          <Notice tone="ok" role="status">
            <p id="queue-registered">
              {qt.slipTitle[locale]}: {data.registered}
            </p>
          </Notice>
        ) : null}
        {data.declined ? (
          <Notice tone="ok" role="status">
            <p>{qt.declined[locale]}</p>
          </Notice>
        ) : null}
        <p>
          <a href="/cabinet/queue/new" class="button">
            {qt.registerTitle[locale]}
          </a>
        </p>
        {data.queue.registrations.map((registration) => (
          <section
            class="queue-slip"
            data-number={registration.number}
            aria-label={`${qt.slipTitle[locale]} ${registration.number}`}
          >
            <h2>
              {qt.slipTitle[locale]} {registration.number}
            </h2>
            <PositionFacts position={registration} locale={locale} />
            {registration.status === 'waiting' ? (
              <PositionChangeView change={registration.change} locale={locale} />
            ) : null}
          </section>
        ))}
        <h2 id="queue-offers">{qt.offers[locale]}</h2>
        <RowsTable
          id="queue-offers-table"
          labelledBy="queue-offers"
          headings={[
            qt.slipNumber[locale],
            qt.kindergarten[locale],
            qt.group[locale],
            qt.status[locale],
            qt.answerBy[locale],
            qt.referral[locale],
          ]}
          rows={data.queue.offers}
          empty={qt.noOffers[locale]}
          row={(offer) => (
            <tr data-offer={offer.id} data-status={offer.status}>
              <td>{offer.number}</td>
              <td>{storedName(offer.kindergartenName, locale)}</td>
              <td>{groupLabel(offer.group, locale)}</td>
              <td>
                <a href={`/cabinet/queue/offers/${offer.id}`}>
                  {qt.offerStatuses[offer.status]?.[locale]}
                </a>
              </td>
              <td>{offer.status === 'open' ? <DueTime at={offer.dueAt} /> : '—'}</td>
              <td>
                {offer.referral ?? '—'}
                {offer.referralDocumentId ? (
                  <>
                    {' '}
                    <a href={`/documents/${offer.referralDocumentId}.pdf`} download>
                      {qt.referralPdf[locale]}
                    </a>
                  </>
                ) : null}
              </td>
            </tr>
          )}
        />
        <QueueMessages messages={data.queue.messages} locale={locale} />
      </CabinetPage>
    );
  },
});
