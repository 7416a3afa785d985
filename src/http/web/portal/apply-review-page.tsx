import type { RegulationDefinition } from '../../../domain/regulation/RegulationDefinition.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { Locale } from '../../../domain/shared/locale.js';
import {
  draftDigest,
  draftIssues,
  submittedFields,
} from '../../../features/portal/draft-readiness.js';
import type {
  PortalDraft,
  PortalDraftDocumentRow,
} from '../../../features/portal/get-portal-draft.js';
import {
  portalDay,
  listServiceProviders,
} from '../../../features/portal/list-service-providers.js';
import type { PortalCitizen } from '../../../features/portal/portal-citizen.js';
import { requestDraftCertification } from '../../../features/portal/request-draft-certification.js';
import { rateLimitPolicies } from '../../../features/limits/rate-limit.js';
import { limitByClient } from '../form.js';
import { CsrfField, ErrorSummary, Notice, type FormError, type PageContext } from '../layout.js';
import { NameIn } from '../components.js';
import { definePage, refuse, type FormState } from '../page.js';
import { ApplySteps, formErrorsOf } from './apply-form.js';
import { AttachedFiles, baseOf, draftOwner, ifSubmitted } from './apply-draft.js';
import { applyText as text } from './apply-texts.js';
import { portalServices } from './as-of.js';
import { codeLimitRefusal } from './identity-forms.js';
import { PortalPage } from './portal-page.js';

/** A name stored in kk and ru. */
type OrganisationName = { readonly kk: string; readonly ru: string };

interface ReviewData {
  readonly base: string;
  readonly regulation: RegulationDefinition;
  /** The chosen organisations' names (undefined: none chosen; "—" is shown). */
  readonly provider: OrganisationName | undefined;
  /** Undefined when the service needs no front office; null when none is chosen. */
  readonly frontOffice: OrganisationName | null | undefined;
  readonly fields: Readonly<Record<string, string>>;
  readonly documents: readonly PortalDraftDocumentRow[];
  readonly digestSha256: string;
  /** What is still to fix: on the form (linked to its "Change" link) or in the documents. */
  readonly errors: readonly FormError[];
}

/**
 * The problems of a draft for the review's summary: those of the form are fixed on the form
 * (the summary links to its "Change" link), missing files on the documents step.
 */
function reviewErrors(
  found: PortalDraft,
  citizen: PortalCitizen,
  services: ReturnType<typeof portalServices>,
  needsFrontOffice: boolean,
  locale: Locale,
): FormError[] {
  const issues = draftIssues(found.regulation, found.draft, found.documents, {
    day: portalDay(services),
    needsFrontOffice,
    applicantIin: citizen.iin,
  });
  return [
    ...formErrorsOf(found.regulation, issues, locale).map((error) => ({
      ...error,
      field: 'form-link',
    })),
    ...issues
      .filter((issue) => issue.path.startsWith('documents.'))
      .map((issue) => {
        const document = found.regulation.documents.find(
          (candidate) => `documents.${candidate.id}` === issue.path,
        );
        return {
          field: 'documents-link',
          ...(document ? { subject: document.title } : {}),
          message: text.uploadNeeded[locale],
        };
      }),
  ];
}

/** The answers of the form as they will be certified. */
function Answers(props: { locale: Locale; data: ReviewData }) {
  const { locale, data } = props;
  return (
    <dl class="facts">
      <dt>{text.provider[locale]}</dt>
      <dd>{data.provider ? <NameIn name={data.provider} locale={locale} /> : '—'}</dd>
      {data.frontOffice !== undefined ? (
        <>
          <dt>{text.frontOffice[locale]}</dt>
          <dd>{data.frontOffice ? <NameIn name={data.frontOffice} locale={locale} /> : '—'}</dd>
        </>
      ) : null}
      {data.regulation.fields
        .filter((field) => data.fields[field.id])
        .map((field) => (
          <>
            <dt>{field.label[locale]}</dt>
            <dd>
              {field.format === 'choice'
                ? (field.choices?.find((choice) => choice.value === data.fields[field.id])?.label[
                    locale
                  ] ?? data.fields[field.id])
                : data.fields[field.id]}
            </dd>
          </>
        ))}
    </dl>
  );
}

/** Step 3: everything as it will be certified, and the button that sends the code. */
function ReviewView(props: { ctx: PageContext; data: ReviewData; form: FormState }) {
  const { ctx, data, form } = props;
  const { regulation } = data;
  const locale = ctx.locale;
  return (
    <PortalPage ctx={ctx} title={text.reviewTitle[locale]} narrow>
      <ApplySteps locale={locale} current={3} />
      <h1>{text.reviewTitle[locale]}</h1>
      <p class="lead">{text.reviewIntro[locale]}</p>
      <ErrorSummary ctx={ctx} errors={data.errors} />
      <h2>
        <NameIn name={regulation.name} locale={locale} />
      </h2>
      <Answers locale={locale} data={data} />
      <p>
        <a id="form-link" href={`/apply/${regulation.id}`}>
          {text.change[locale]}
          <span class="visually-hidden"> — {text.stepForm[locale]}</span>
        </a>
      </p>
      <AttachedFiles ctx={ctx} regulation={regulation} documents={data.documents} />
      <p>
        <a id="documents-link" href={`${data.base}/documents`}>
          {text.change[locale]}
          <span class="visually-hidden"> — {text.stepDocuments[locale]}</span>
        </a>
      </p>
      <p>
        {text.digest[locale]}: <code class="checksum">{data.digestSha256}</code>
      </p>
      {form.conflict ? (
        <Notice tone="bad" role="alert">
          <p id="code-limit">{form.conflict.message}</p>
        </Notice>
      ) : null}
      {data.errors.length === 0 ? (
        <form method="post" action={`${data.base}/review`}>
          <CsrfField ctx={ctx} />
          <div class="actions">
            <button type="submit">{text.sendCode[locale]}</button>
          </div>
        </form>
      ) : null}
    </PortalPage>
  );
}

/**
 * `/apply/<regulationId>/<draftId>/review`: step 3; its POST sends the one-time password that
 * certifies the draft (422 with the problems listed while there are any).
 */
export const reviewPage = definePage({
  path: '/apply/:regulationId/:draftId/review',
  guard: draftOwner,
  redirect: async (_c, { found }) => ifSubmitted(found),
  load: async (c, { citizen, found }): Promise<ReviewData> => {
    const locale = c.get('locale');
    const services = portalServices(c);
    const { providers, frontOffices, needsFrontOffice } = await listServiceProviders(
      services,
      found.regulation.id,
    );
    const provider = providers.find((p) => p.id === found.draft.providerOrganisationId);
    const frontOffice = frontOffices.find((f) => f.id === found.draft.frontOfficeId);
    return {
      base: baseOf(found),
      regulation: found.regulation,
      provider: provider?.name,
      frontOffice: needsFrontOffice ? (frontOffice?.name ?? null) : undefined,
      fields: submittedFields(found.regulation, found.draft.fields),
      documents: found.documents,
      digestSha256: draftDigest(found.regulation, found.draft, found.documents),
      errors: reviewErrors(found, citizen, services, needsFrontOffice, locale),
    };
  },
  statusOf: (data) => (data.errors.length > 0 ? 422 : 200),
  View: ReviewView,
  action: async (c, { citizen, found }) => {
    const submitted = ifSubmitted(found);
    if (submitted) return c.redirect(submitted, 303);
    await limitByClient(c, 'portal-otp', rateLimitPolicies.oneTimePassword);
    try {
      const challenge = await requestDraftCertification(
        { ...portalServices(c), sms: c.get('deps').sms },
        citizen,
        found.draft.id,
      );
      const query = new URLSearchParams({
        challenge: challenge.challengeId,
        phone: challenge.maskedPhone,
      });
      return c.redirect(`${baseOf(found)}/certify?${query.toString()}`, 303);
    } catch (error) {
      // The draft is not ready: the review shows what to fix (its status follows from it).
      if (error instanceof DomainError && error.code === 'validation_failed') return refuse({}, []);
      // Too many codes for the phone this hour: say how long to wait (issue 18).
      const limited = codeLimitRefusal(error, c.get('locale'));
      if (limited) {
        c.header('retry-after', String(limited.retryAfterSeconds));
        return refuse({}, [], 429, { conflict: { message: limited.message } });
      }
      throw error;
    }
  },
});
