import type { PortalDocumentRequirement } from '../../../domain/portal/portal-documents.js';
import type { RegulationDefinition } from '../../../domain/regulation/RegulationDefinition.js';
import type { Locale } from '../../../domain/shared/locale.js';
import type { PortalDraftDocumentRow } from '../../../features/portal/get-portal-draft.js';
import {
  CsrfField,
  ErrorSummary,
  Notice,
  TextField,
  type FormError,
  type PageContext,
} from '../layout.js';
import { formatDateTime, nameIn } from '../messages.js';
import { ApplySteps } from './apply-form.js';
import { applyText as text } from './apply-texts.js';
import { PortalPage } from './portal-page.js';
import { fill } from './texts.js';

/** A size in kB/MB. */
function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function kindTitle(regulation: RegulationDefinition, kind: string, locale: Locale): string {
  const document = regulation.documents.find((candidate) => candidate.id === kind);
  return document ? nameIn(document.title, locale) : text.other[locale];
}

/** The files attached so far, with their checksums. */
function AttachedFiles(props: {
  ctx: PageContext;
  regulation: RegulationDefinition;
  documents: readonly PortalDraftDocumentRow[];
  removeAction?: (documentId: string) => string;
}) {
  const locale = props.ctx.locale;
  if (props.documents.length === 0) return null;
  return (
    <div class="table-wrap">
      <table>
        <caption>{text.attached[locale]}</caption>
        <thead>
          <tr>
            <th scope="col">{text.kind[locale]}</th>
            <th scope="col">{text.fileName[locale]}</th>
            <th scope="col">{text.size[locale]}</th>
            <th scope="col">{text.checksum[locale]}</th>
            {props.removeAction ? <th scope="col">{text.actions[locale]}</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.documents.map((document) => (
            <tr>
              <td>{kindTitle(props.regulation, document.kind, locale)}</td>
              <td>{document.fileName}</td>
              <td>{sizeText(document.sizeBytes)}</td>
              <td>
                <code class="checksum">{document.sha256}</code>
              </td>
              {props.removeAction ? (
                <td>
                  <form method="post" action={props.removeAction(document.id)}>
                    <CsrfField ctx={props.ctx} />
                    <button type="submit" class="secondary">
                      {text.remove[locale]}
                      <span class="visually-hidden"> {document.fileName}</span>
                    </button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Step 2: what the regulation requires on the portal, the files attached, an upload form. */
export function DocumentsPage(props: {
  ctx: PageContext;
  base: string;
  regulation: RegulationDefinition;
  requirements: readonly PortalDocumentRequirement[];
  documents: readonly PortalDraftDocumentRow[];
  kind: string;
  errors: FormError[];
  notice?: string;
}) {
  const { ctx, regulation } = props;
  const locale = ctx.locale;
  const uploadedKinds = new Set(props.documents.map((document) => document.kind));
  const uploadable = props.requirements.filter(
    (requirement) => requirement.suppliedBy === 'upload',
  );
  const fileError = props.errors.find((error) => error.field === 'file')?.message;
  return (
    <PortalPage ctx={ctx} title={text.documentsTitle[locale]} narrow>
      <ApplySteps locale={locale} current={2} />
      <h1>{text.documentsTitle[locale]}</h1>
      <p class="lead">{nameIn(regulation.name, locale)}</p>
      {props.notice ? (
        <Notice tone="ok" role="status">
          <p class="checksum">{props.notice}</p>
        </Notice>
      ) : null}
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <h2>{text.requiredHere[locale]}</h2>
      <ul>
        {props.requirements.map(({ document, suppliedBy }) => (
          <li>
            {nameIn(document.title, locale)} —{' '}
            {suppliedBy === 'form'
              ? text.byForm[locale]
              : suppliedBy === 'provider'
                ? text.byProvider[locale]
                : uploadedKinds.has(document.id)
                  ? text.uploaded[locale]
                  : text.uploadNeeded[locale]}
          </li>
        ))}
      </ul>
      {uploadable.length === 0 ? <p>{text.noDocumentsNeeded[locale]}</p> : null}
      <AttachedFiles
        ctx={ctx}
        regulation={regulation}
        documents={props.documents}
        removeAction={(id) => `${props.base}/documents/${id}/remove`}
      />
      <form
        method="post"
        action={`${props.base}/documents`}
        enctype="multipart/form-data"
        novalidate
      >
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="kind">{text.kind[locale]}</label>
          <select id="kind" name="kind">
            {uploadable.map(({ document }) => (
              <option value={document.id} selected={props.kind === document.id}>
                {nameIn(document.title, locale)}
              </option>
            ))}
            <option value="other" selected={props.kind === 'other'}>
              {text.other[locale]}
            </option>
          </select>
        </div>
        <div class={fileError ? 'field invalid' : 'field'}>
          <label for="file">{text.file[locale]}</label>
          <span class="hint" id="file-hint">
            {text.documentsIntro[locale]}
          </span>
          {fileError ? (
            <span class="error" id="file-error">
              {fileError}
            </span>
          ) : null}
          <input
            id="file"
            name="file"
            type="file"
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            aria-invalid={fileError ? 'true' : undefined}
            aria-describedby={fileError ? 'file-hint file-error' : 'file-hint'}
          />
        </div>
        <div class="actions">
          <button type="submit" class="secondary">
            {text.upload[locale]}
          </button>
        </div>
      </form>
      <p>
        <a class="button" href={`${props.base}/review`}>
          {text.toReview[locale]}
        </a>
      </p>
      <p>
        <a href={`/apply/${regulation.id}`}>{text.stepForm[locale]}</a>
      </p>
    </PortalPage>
  );
}

/** Step 3: everything as it will be certified, and the button that sends the code. */
export function ReviewPage(props: {
  ctx: PageContext;
  base: string;
  regulation: RegulationDefinition;
  provider: string;
  frontOffice: string | undefined;
  fields: Readonly<Record<string, string>>;
  documents: readonly PortalDraftDocumentRow[];
  digestSha256: string;
  errors: FormError[];
}) {
  const { ctx, regulation } = props;
  const locale = ctx.locale;
  return (
    <PortalPage ctx={ctx} title={text.reviewTitle[locale]} narrow>
      <ApplySteps locale={locale} current={3} />
      <h1>{text.reviewTitle[locale]}</h1>
      <p class="lead">{text.reviewIntro[locale]}</p>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <h2>{nameIn(regulation.name, locale)}</h2>
      <dl class="facts">
        <dt>{text.provider[locale]}</dt>
        <dd>{props.provider}</dd>
        {props.frontOffice !== undefined ? (
          <>
            <dt>{text.frontOffice[locale]}</dt>
            <dd>{props.frontOffice}</dd>
          </>
        ) : null}
        {regulation.fields
          .filter((field) => props.fields[field.id])
          .map((field) => (
            <>
              <dt>{field.label[locale]}</dt>
              <dd>
                {field.format === 'choice'
                  ? (field.choices?.find((choice) => choice.value === props.fields[field.id])
                      ?.label[locale] ?? props.fields[field.id])
                  : props.fields[field.id]}
              </dd>
            </>
          ))}
      </dl>
      <p>
        <a id="form-link" href={`/apply/${regulation.id}`}>
          {text.change[locale]}
          <span class="visually-hidden"> — {text.stepForm[locale]}</span>
        </a>
      </p>
      <AttachedFiles ctx={ctx} regulation={regulation} documents={props.documents} />
      <p>
        <a id="documents-link" href={`${props.base}/documents`}>
          {text.change[locale]}
          <span class="visually-hidden"> — {text.stepDocuments[locale]}</span>
        </a>
      </p>
      <p>
        {text.digest[locale]}: <code class="checksum">{props.digestSha256}</code>
      </p>
      {props.errors.length === 0 ? (
        <form method="post" action={`${props.base}/review`}>
          <CsrfField ctx={ctx} />
          <div class="actions">
            <button type="submit">{text.sendCode[locale]}</button>
          </div>
        </form>
      ) : null}
    </PortalPage>
  );
}

/** Step 4: the one-time password that certifies and submits. */
export function CertifyPage(props: {
  ctx: PageContext;
  base: string;
  challengeId: string;
  maskedPhone: string;
  digestSha256: string;
  errors: FormError[];
}) {
  const { ctx } = props;
  const locale = ctx.locale;
  const codeError = props.errors.find((error) => error.field === 'code')?.message;
  return (
    <PortalPage ctx={ctx} title={text.certifyTitle[locale]} narrow>
      <ApplySteps locale={locale} current={4} />
      <h1>{text.certifyTitle[locale]}</h1>
      <p class="lead">{fill(text.certifyIntro[locale], { phone: props.maskedPhone })}</p>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <p>
        {text.digest[locale]}: <code class="checksum">{props.digestSha256}</code>
      </p>
      <form method="post" action={`${props.base}/certify`} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="challengeId" value={props.challengeId} />
        <input type="hidden" name="maskedPhone" value={props.maskedPhone} />
        <input type="hidden" name="digest" value={props.digestSha256} />
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
      <form method="post" action={`${props.base}/review`}>
        <CsrfField ctx={ctx} />
        <button type="submit" class="secondary">
          {text.resend[locale]}
        </button>
      </form>
    </PortalPage>
  );
}

/** The confirmation: number, due date (UTC+5) and the way to the cabinet. */
export function DonePage(props: {
  ctx: PageContext;
  regulation: RegulationDefinition;
  number: string;
  applicationId: string;
  /** The check code that opens the public status with the number (statusCheckCodeOf). */
  checkCode: string;
  dueAt: string;
}) {
  const { ctx } = props;
  const locale = ctx.locale;
  return (
    <PortalPage ctx={ctx} title={text.doneTitle[locale]} narrow>
      <h1>{text.doneTitle[locale]}</h1>
      <Notice tone="ok" role="status">
        <p>{nameIn(props.regulation.name, locale)}</p>
      </Notice>
      <dl class="facts">
        <dt>{text.doneNumber[locale]}</dt>
        <dd class="application-number">{props.number}</dd>
        <dt>{text.doneCheckCode[locale]}</dt>
        <dd class="status-check-code">{props.checkCode}</dd>
        <dt>{text.doneDue[locale]}</dt>
        <dd>
          <time class="due-at" datetime={props.dueAt}>
            {formatDateTime(new Date(props.dueAt), locale)}
          </time>
        </dd>
      </dl>
      <p>{text.doneNext[locale]}</p>
      <p>
        <a class="button" href={`/cabinet/applications/${props.applicationId}`}>
          {text.openInCabinet[locale]}
        </a>
      </p>
    </PortalPage>
  );
}
