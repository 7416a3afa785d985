import type { Locale } from '../../../domain/shared/locale.js';
import type { RegulationDefinition } from '../../../domain/regulation/RegulationDefinition.js';
import type { ElectronicRequestView } from '../../../features/front-office/electronic-request.js';
import { CsrfField, Notice, type PageContext } from '../layout.js';
import { DueTime, NameIn } from '../components.js';
import { foRequest } from './request-texts.js';

interface Props {
  ctx: PageContext;
  request: ElectronicRequestView;
  regulation: RegulationDefinition | undefined;
  canSign: boolean;
  ncaLayerUrl: string;
  error: string | undefined;
}

/** What is sent to the provider: applicant, representative, service, documents, number, hash. */
function RequestFacts(props: Props) {
  const { ctx, request } = props;
  const locale: Locale = ctx.locale;
  const content = request.content;
  const label = (fieldId: string) => {
    const field = props.regulation?.fields.find((candidate) => candidate.id === fieldId);
    return field ? field.label[locale] : fieldId;
  };
  return (
    <dl class="facts">
      <dt>{foRequest.number[locale]}</dt>
      <dd id="request-number">{content.number}</dd>
      <dt>{foRequest.service[locale]}</dt>
      <dd>
        <NameIn name={content.service} locale={locale} />
      </dd>
      <dt>{foRequest.provider[locale]}</dt>
      <dd>
        <NameIn name={content.provider.name} locale={locale} />
      </dd>
      <dt>{foRequest.frontOffice[locale]}</dt>
      <dd>
        <NameIn name={content.frontOffice.name} locale={locale} />
      </dd>
      <dt>{foRequest.applicant[locale]}</dt>
      <dd id="request-applicant">
        {content.applicant.name} ({content.applicant.iin})
      </dd>
      {content.representative ? (
        <>
          <dt>{foRequest.representative[locale]}</dt>
          <dd id="request-representative">
            {content.representative.name} ({content.representative.iin}),{' '}
            {foRequest.powerOfAttorney[locale]} {content.representative.powerOfAttorneyNumber}
          </dd>
        </>
      ) : null}
      {content.applicantPhone ? (
        <>
          <dt>{foRequest.phone[locale]}</dt>
          <dd>{content.applicantPhone}</dd>
        </>
      ) : null}
      {Object.entries(content.fields).map(([fieldId, value]) => (
        <>
          <dt>{label(fieldId)}</dt>
          <dd>{value}</dd>
        </>
      ))}
      <dt>{foRequest.presented[locale]}</dt>
      <dd>
        {content.presentedDocuments.length === 0 ? (
          '—'
        ) : (
          <ul id="request-documents">
            {content.presentedDocuments.map((document) => (
              <li>
                <NameIn name={document.title} locale={locale} />
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>{foRequest.issued[locale]}</dt>
      <dd>
        {content.issuedDocuments.length === 0 ? (
          '—'
        ) : (
          <ul id="request-issued">
            {content.issuedDocuments.map((document) => (
              <li>
                {document.number}: <code>{document.sha256}</code>
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>{foRequest.operator[locale]}</dt>
      <dd>
        {content.operator.name} ({content.operator.iin})
      </dd>
      <dt>{foRequest.hash[locale]}</dt>
      <dd>
        <code id="request-sha256">{request.sha256}</code>
      </dd>
    </dl>
  );
}

/** The NCALayer form that signs the request's SHA-256 (docs/web.md, "Signing with NCALayer"). */
function SignForm(props: Props) {
  const { ctx, request } = props;
  const locale: Locale = ctx.locale;
  return (
    <form
      method="post"
      action={`/front-office/applications/${request.applicationId}/request/sign`}
      id="request-sign-form"
      data-ncalayer-sign
      data-ncalayer-url={props.ncaLayerUrl}
      data-ncalayer-error={foRequest.signFailed[locale]}
      data-ncalayer-working={foRequest.signWorking[locale]}
    >
      <CsrfField ctx={ctx} />
      <input type="hidden" name="hash" value={request.sha256Base64} data-ncalayer-hash />
      <input type="hidden" name="cms" value="" data-ncalayer-cms />
      {request.isSignStepCurrent ? (
        <p class="hint" id="request-step-waits">
          {foRequest.stepWaits[locale]}
        </p>
      ) : null}
      <p class="hint">{foRequest.signHint[locale]}</p>
      <p
        id="request-sign-status"
        role="status"
        aria-live="polite"
        data-ncalayer-status
        class={props.error ? 'error' : undefined}
      >
        {props.error ?? ''}
      </p>
      <div class="actions">
        <button type="submit">{foRequest.sign[locale]}</button>
      </div>
    </form>
  );
}

/**
 * The electronic request on the operator's application page: what is sent to the provider
 * (applicant, representative, service, documents with hashes, number) and, while it is not
 * signed, the NCALayer form that signs its SHA-256 (docs/web.md, "Signing with NCALayer").
 */
export function RequestSection(props: Props) {
  const { ctx, request } = props;
  const locale: Locale = ctx.locale;
  return (
    <section id="electronic-request" aria-labelledby="electronic-request-title">
      <h2 id="electronic-request-title">{foRequest.title[locale]}</h2>
      {request.signed ? (
        <Notice tone="ok">
          <p id="request-signed">
            <strong>{foRequest.signed[locale]}:</strong>{' '}
            <span id="request-signer">{request.signed.signerName}</span>
            {request.signed.signerIin ? ` (${request.signed.signerIin})` : ''},{' '}
            <DueTime at={request.signed.signedAt} />
          </p>
        </Notice>
      ) : (
        <p>{foRequest.intro[locale]}</p>
      )}
      <RequestFacts {...props} />
      {!request.signed && props.canSign ? <SignForm {...props} /> : null}
    </section>
  );
}
