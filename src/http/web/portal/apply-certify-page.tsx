import { DomainError } from '../../../domain/shared/domain-error.js';
import { draftDigest } from '../../../features/portal/draft-readiness.js';
import { submitPortalDraft } from '../../../features/portal/submit-portal-draft.js';
import { rateLimitPolicies } from '../../../features/limits/rate-limit.js';
import { limitByClient, readForm } from '../form.js';
import { CsrfField, ErrorSummary, TextField, type PageContext } from '../layout.js';
import { definePage, refuse, renderPage, type FormState } from '../page.js';
import { ApplySteps } from './apply-form.js';
import { baseOf, draftOwner, ifSubmitted } from './apply-draft.js';
import { reviewPage } from './apply-review-page.js';
import { applyText as text } from './apply-texts.js';
import { portalServices } from './as-of.js';
import { PortalPage } from './portal-page.js';
import { fill, issueMessage } from './texts.js';

const challengeIdPattern = /^[0-9a-f-]{36}$/;

interface CertifyData {
  readonly base: string;
  readonly digestSha256: string;
  /** The challenge and the masked phone of the link from the review (a GET). */
  readonly challengeId: string;
  readonly maskedPhone: string;
}

/** Step 4: the one-time password that certifies and submits. */
function CertifyView(props: { ctx: PageContext; data: CertifyData; form: FormState }) {
  const { ctx, data, form } = props;
  const locale = ctx.locale;
  // A refused code keeps the challenge and the phone it was posted with.
  const challengeId = form.values.challengeId ?? data.challengeId;
  const maskedPhone = form.values.maskedPhone ?? data.maskedPhone;
  const codeError = form.errors.find((error) => error.field === 'code')?.message;
  return (
    <PortalPage ctx={ctx} title={text.certifyTitle[locale]} narrow>
      <ApplySteps locale={locale} current={4} />
      <h1>{text.certifyTitle[locale]}</h1>
      <p class="lead">{fill(text.certifyIntro[locale], { phone: maskedPhone })}</p>
      <ErrorSummary ctx={ctx} errors={form.errors} />
      <p>
        {text.digest[locale]}: <code class="checksum">{data.digestSha256}</code>
      </p>
      <form method="post" action={`${data.base}/certify`} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="challengeId" value={challengeId} />
        <input type="hidden" name="maskedPhone" value={maskedPhone} />
        <input type="hidden" name="digest" value={data.digestSha256} />
        <TextField
          id="code"
          label={text.stepCertify[locale]}
          inputmode="numeric"
          autocomplete="one-time-code"
          maxlength={6}
          pattern="[0-9]{6}"
          error={codeError}
          required
        />
        <div class="actions">
          <button type="submit">{text.submit[locale]}</button>
        </div>
      </form>
      <form method="post" action={`${data.base}/review`}>
        <CsrfField ctx={ctx} />
        <button type="submit" class="secondary">
          {text.resend[locale]}
        </button>
      </form>
    </PortalPage>
  );
}

/**
 * `/apply/<regulationId>/<draftId>/certify`: step 4, the code sent to the citizen's phone; a
 * right code submits the draft as it was reviewed (409 when it changed since).
 */
export const certifyPage = definePage({
  path: '/apply/:regulationId/:draftId/certify',
  guard: draftOwner,
  redirect: async (c, { found }) => {
    const submitted = ifSubmitted(found);
    if (submitted) return submitted;
    const challengeId = c.req.query('challenge') ?? '';
    return challengeIdPattern.test(challengeId) ? undefined : `${baseOf(found)}/review`;
  },
  load: async (c, { found }): Promise<CertifyData> => ({
    base: baseOf(found),
    digestSha256: draftDigest(found.regulation, found.draft, found.documents),
    challengeId: c.req.query('challenge') ?? '',
    maskedPhone: (c.req.query('phone') ?? '').slice(0, 20),
  }),
  View: CertifyView,
  action: async (c, owner) => {
    const { citizen, found } = owner;
    const locale = c.get('locale');
    const submitted = ifSubmitted(found);
    if (submitted) return c.redirect(submitted, 303);
    const { field } = await readForm(c);
    const code = field('code').trim();
    const challengeId = field('challengeId');
    const kept = { challengeId, maskedPhone: field('maskedPhone').slice(0, 20) };
    if (!/^\d{6}$/.test(code)) {
      const message = issueMessage(
        { path: 'code', rule: 'length_exact', params: { length: 6 } },
        locale,
      );
      return refuse(kept, [{ field: 'code', message }]);
    }
    await limitByClient(c, 'portal-otp', rateLimitPolicies.oneTimePassword);
    try {
      await submitPortalDraft(portalServices(c), citizen, {
        draftId: found.draft.id,
        challengeId,
        code,
        digestSha256: field('digest'),
      });
      return c.redirect(`${baseOf(found)}/done`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'unauthenticated') {
        const message = issueMessage(
          { path: 'code', rule: 'required', message: error.details.message },
          locale,
        );
        return refuse(kept, [{ field: 'code', message }], 401);
      }
      if (error.code === 'conflict') {
        return refuse(kept, [{ field: 'code', message: text.changedSinceReview[locale] }], 409);
      }
      // The draft is no longer ready: the review shows what to fix.
      if (error.code === 'validation_failed') return renderPage(c, reviewPage, owner);
      throw error;
    }
  },
});
