import { DomainError, ErrorCode } from '../../../../domain/shared/domain-error.js';
import { rateLimitPolicies } from '../../../../features/limits/rate-limit.js';
import { countMyUnreadNotifications } from '../../../../features/notifications/list-my-notifications.js';
import {
  acceptOffer,
  declineOffer,
  requestOfferCode,
} from '../../../../features/preschool-queue/decide-offer.js';
import {
  issueReferralDocument,
  type ReferralSigning,
} from '../../../../features/preschool-queue/issue-referral-document.js';
import { listOwnOffer } from '../../../../features/preschool-queue/list-own-queue.js';
import { queueServicesOf } from '../../../../features/preschool-queue/queue-services.js';
import { DueTime } from '../../components.js';
import { CodeField, limitByClient, readForm } from '../../form.js';
import { CsrfField, ErrorSummary, Notice, type PageContext } from '../../layout.js';
import { definePage, refuse } from '../../page.js';
import { requireCitizen } from '../../page-context.js';
import { groupLabel, qt, storedName } from '../../preschool-queue-texts.js';
import type { WebContext } from '../../web-env.js';
import { issueMessage } from '../texts.js';
import { CabinetPage } from './shared.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where the referral's key and QR address come from (the server's configuration). */
function referralSigningOf(c: WebContext): ReferralSigning {
  const deps = c.get('deps');
  return {
    pkiDirectory: deps.config.pki.directory,
    publicUrl: deps.config.http.publicUrl,
    ...(deps.applications.sandbox ? { sandbox: true } : {}),
  };
}

function offerIdOf(c: WebContext): string {
  const id = c.req.param('id') ?? '';
  if (!uuidPattern.test(id)) throw new DomainError(ErrorCode.notFound, {});
  return id.toLowerCase();
}

/** The referral's signed PDF, or the button that issues it when its signing failed. */
function ReferralLink({
  ctx,
  offer,
  base,
}: {
  ctx: PageContext;
  offer: { status: string; referralDocumentId: string | null };
  base: string;
}) {
  const locale = ctx.locale;
  return (
    <>
      {offer.status === 'accepted' && offer.referralDocumentId ? (
        <p class="actions">
          <a
            class="button"
            id="referral-pdf"
            href={`/documents/${offer.referralDocumentId}.pdf`}
            download
          >
            {qt.referralPdf[locale]}
          </a>
        </p>
      ) : offer.status === 'accepted' ? (
        <form method="post" action={`${base}/referral`}>
          <CsrfField ctx={ctx} />
          <div class="actions">
            <button type="submit">{qt.referralIssue[locale]}</button>
          </div>
        </form>
      ) : null}
    </>
  );
}

/**
 * `/cabinet/queue/offers/:id`: an offer of a kindergarten place to the parent's child — send the
 * one-time password (`/code`), accept signing with it (`/accept`: the referral is issued, valid
 * the rules' days or extended at the parent's request) or decline (`/decline`: the child stays
 * in the queue). Another parent's offer is not found.
 */
export const queueOfferPage = definePage({
  path: '/cabinet/queue/offers/:id',
  guard: requireCitizen,
  load: async (c, user) => {
    const services = c.get('deps').applications;
    const [offer, unreadCount] = await Promise.all([
      listOwnOffer(queueServicesOf(services), user.iin, offerIdOf(c)),
      countMyUnreadNotifications(services, user.principal),
    ]);
    const challenge = c.req.query('challenge') ?? '';
    return {
      offer,
      unreadCount,
      challengeId: uuidPattern.test(challenge) ? challenge : '',
      maskedPhone: (c.req.query('phone') ?? '').slice(0, 20),
    };
  },
  View: ({ ctx, data, form }) => {
    const locale = ctx.locale;
    const { offer } = data;
    const challengeId = form.values.challengeId ?? data.challengeId;
    const maskedPhone = form.values.maskedPhone ?? data.maskedPhone;
    const base = `/cabinet/queue/offers/${offer.id}`;
    return (
      <CabinetPage
        ctx={ctx}
        title={qt.offerTitle[locale]}
        unreadCount={data.unreadCount}
        current="/cabinet/queue"
      >
        <h1>{qt.offerTitle[locale]}</h1>
        <ErrorSummary ctx={ctx} errors={form.errors} />
        {form.conflict ? (
          <Notice tone="bad" role="alert">
            <p>{form.conflict.message}</p>
          </Notice>
        ) : null}
        <dl class="facts" id="queue-offer" data-status={offer.status}>
          <dt>{qt.slipNumber[locale]}</dt>
          <dd>{offer.number}</dd>
          <dt>{qt.kindergarten[locale]}</dt>
          <dd>{storedName(offer.kindergartenName, locale)}</dd>
          <dt>{qt.group[locale]}</dt>
          <dd>{groupLabel(offer.group, locale)}</dd>
          <dt>{qt.status[locale]}</dt>
          <dd>
            <span class="tag neutral">{qt.offerStatuses[offer.status]?.[locale]}</span>
          </dd>
          {offer.status === 'open' ? (
            <>
              <dt>{qt.answerBy[locale]}</dt>
              <dd>
                <DueTime at={offer.dueAt} />
              </dd>
            </>
          ) : null}
          {offer.referral ? (
            <>
              <dt>{qt.referralNumber[locale]}</dt>
              <dd id="referral-number">{offer.referral}</dd>
              <dt>{qt.validUntil[locale]}</dt>
              <dd>
                <DueTime at={offer.referralValidUntil} />
              </dd>
            </>
          ) : null}
        </dl>
        <ReferralLink ctx={ctx} offer={offer} base={base} />
        {offer.status !== 'open' ? (
          <p>{offer.status === 'accepted' ? null : qt.offerClosed[locale]}</p>
        ) : (
          <>
            <p class="lead">{qt.offerLead[locale]}</p>
            {challengeId ? (
              <form method="post" action={`${base}/accept`} novalidate id="queue-accept-form">
                <CsrfField ctx={ctx} />
                <p>{qt.codeSent[locale].replace('{phone}', maskedPhone)}</p>
                <input type="hidden" name="challengeId" value={challengeId} />
                <input type="hidden" name="maskedPhone" value={maskedPhone} />
                <CodeField label={qt.code[locale]} errors={form.errors} />
                <div class="field">
                  <label>
                    <input type="checkbox" name="extended" value="yes" /> {qt.extended[locale]}
                  </label>
                </div>
                <div class="actions">
                  <button type="submit">{qt.accept[locale]}</button>
                </div>
              </form>
            ) : (
              <form method="post" action={`${base}/code`}>
                <CsrfField ctx={ctx} />
                <div class="actions">
                  <button type="submit">{qt.sendCode[locale]}</button>
                </div>
              </form>
            )}
            <form method="post" action={`${base}/decline`}>
              <CsrfField ctx={ctx} />
              <div class="actions">
                <button type="submit" class="secondary">
                  {qt.decline[locale]}
                </button>
              </div>
            </form>
          </>
        )}
      </CabinetPage>
    );
  },
  actions: {
    code: async (c, user) => {
      const id = offerIdOf(c);
      await limitByClient(c, 'queue-otp', rateLimitPolicies.oneTimePassword);
      const { database, sms, applications } = c.get('deps');
      try {
        const issued = await requestOfferCode(
          { ...queueServicesOf(applications), sms, db: database.db },
          user.iin,
          id,
        );
        return c.redirect(
          `/cabinet/queue/offers/${id}?challenge=${issued.challengeId}&phone=${encodeURIComponent(issued.maskedPhone)}`,
          303,
        );
      } catch (error) {
        if (error instanceof DomainError && error.code === ErrorCode.conflict)
          return refuse({}, [], 409, {
            conflict: { message: qt.offerClosed[c.get('locale')] },
          });
        throw error;
      }
    },
    accept: async (c, user) => {
      const id = offerIdOf(c);
      const locale = c.get('locale');
      const { field } = await readForm(c);
      const kept = {
        challengeId: uuidPattern.test(field('challengeId')) ? field('challengeId') : '',
        maskedPhone: field('maskedPhone').slice(0, 20),
      };
      const code = field('code').trim();
      if (!/^\d{6}$/.test(code) || !kept.challengeId) {
        const message = issueMessage(
          { path: 'code', rule: 'length_exact', params: { length: 6 } },
          locale,
        );
        return refuse(kept, [{ field: 'code', message }]);
      }
      await limitByClient(c, 'queue-otp', rateLimitPolicies.oneTimePassword);
      try {
        const services = queueServicesOf(c.get('deps').applications);
        await acceptOffer(services, user.iin, {
          offerId: id,
          challengeId: kept.challengeId,
          code,
          isExtended: field('extended') === 'yes',
        });
        // The acceptance is committed; its signed document follows. Should the signing fail,
        // the offer page offers to issue it again (the `referral` action), never a second one.
        try {
          await issueReferralDocument(services, referralSigningOf(c), id);
        } catch (error) {
          c.get('logger').error(
            { err: error, offer: id },
            'the referral is accepted but its document was not issued',
          );
        }
        return c.redirect(`/cabinet/queue/offers/${id}`, 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.code === ErrorCode.unauthenticated) {
          const message = issueMessage(
            { path: 'code', rule: 'required', message: error.details.message },
            locale,
          );
          return refuse(kept, [{ field: 'code', message }], 401);
        }
        if (error.code === ErrorCode.conflict)
          return refuse(kept, [], 409, { conflict: { message: qt.offerClosed[locale] } });
        throw error;
      }
    },
    referral: async (c, user) => {
      const id = offerIdOf(c);
      const services = queueServicesOf(c.get('deps').applications);
      // Another parent's offer is not found (the same rule as the page).
      await listOwnOffer(services, user.iin, id);
      try {
        await issueReferralDocument(services, referralSigningOf(c), id);
      } catch (error) {
        if (error instanceof DomainError && error.code === ErrorCode.conflict)
          return refuse({}, [], 409, { conflict: { message: qt.offerClosed[c.get('locale')] } });
        throw error;
      }
      return c.redirect(`/cabinet/queue/offers/${id}`, 303);
    },
    decline: async (c, user) => {
      const id = offerIdOf(c);
      try {
        await declineOffer(queueServicesOf(c.get('deps').applications), user.iin, id);
        return c.redirect('/cabinet/queue?declined=1', 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === ErrorCode.conflict)
          return refuse({}, [], 409, { conflict: { message: qt.offerClosed[c.get('locale')] } });
        throw error;
      }
    },
  },
});
