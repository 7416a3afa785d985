import {
  portalDocumentRequirements,
  type PortalDocumentRequirement,
} from '../../../domain/portal/portal-documents.js';
import type { RegulationDefinition } from '../../../domain/regulation/RegulationDefinition.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import {
  maxDraftBytes,
  maxDraftFiles,
  maxFileBytes,
} from '../../../domain/portal/uploaded-file.js';
import type { Locale } from '../../../domain/shared/locale.js';
import {
  attachDraftDocument,
  otherDocumentKind,
} from '../../../features/portal/attach-draft-document.js';
import { submittedFields } from '../../../features/portal/draft-readiness.js';
import type { PortalDraftDocumentRow } from '../../../features/portal/get-portal-draft.js';
import { removeDraftDocument } from '../../../features/portal/remove-draft-document.js';
import { readForm } from '../form.js';
import { CsrfField, ErrorSummary, Notice, type PageContext } from '../layout.js';
import { NameIn } from '../components.js';
import { nameIn, nameLang } from '../messages.js';
import { definePage, refuse, type FormState } from '../page.js';
import { uploadCheckScript, uploadProgressFromBytes } from '../upload-check.js';
import { ApplySteps } from './apply-form.js';
import { AttachedFiles, baseOf, draftOwner, ifSubmitted } from './apply-draft.js';
import { applyText as text } from './apply-texts.js';
import { portalServices } from './as-of.js';
import { PortalPage } from './portal-page.js';
import { fill, issueMessage } from './texts.js';

interface DocumentsData {
  readonly base: string;
  readonly regulation: RegulationDefinition;
  readonly requirements: readonly PortalDocumentRequirement[];
  readonly documents: readonly PortalDraftDocumentRow[];
  /** The confirmation of the file just uploaded (`?uploaded=`), with its checksum. */
  readonly notice: string | undefined;
}

/** What the regulation requires on the portal, and where each document comes from. */
function Requirements(props: {
  locale: Locale;
  requirements: readonly PortalDocumentRequirement[];
  documents: readonly PortalDraftDocumentRow[];
}) {
  const { locale } = props;
  const uploadedKinds = new Set(props.documents.map((document) => document.kind));
  return (
    <ul>
      {props.requirements.map(({ document, suppliedBy }) => (
        <li>
          <NameIn name={document.title} locale={locale} /> —{' '}
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
  );
}

/** The upload form: the kind of document and the file. */
function UploadForm(props: {
  ctx: PageContext;
  base: string;
  uploadable: readonly PortalDocumentRequirement[];
  documents: readonly PortalDraftDocumentRow[];
  form: FormState;
}) {
  const { ctx, form } = props;
  const carried = props.documents.reduce((sum, document) => sum + document.sizeBytes, 0);
  const message = (rule: string) => issueMessage({ path: 'file', rule }, ctx.locale);
  const locale = ctx.locale;
  const kind = form.values.kind ?? '';
  const fileError = form.errors.find((error) => error.field === 'file')?.message;
  return (
    <form method="post" action={`${props.base}/documents`} enctype="multipart/form-data" novalidate>
      <CsrfField ctx={ctx} />
      <div class="field">
        <label for="kind">{text.kind[locale]}</label>
        <select id="kind" name="kind">
          {props.uploadable.map(({ document }) => (
            <option value={document.id} selected={kind === document.id} lang={nameLang(locale)}>
              {nameIn(document.title, locale)}
            </option>
          ))}
          <option value="other" selected={kind === 'other'}>
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
          data-upload-max-bytes={String(maxFileBytes)}
          data-upload-remaining-bytes={String(Math.max(0, maxDraftBytes - carried))}
          data-upload-remaining-files={String(Math.max(0, maxDraftFiles - props.documents.length))}
          data-upload-too-large={message('file_too_large')}
          data-upload-total-too-large={message('files_total_too_large')}
          data-upload-too-many={message('too_many_files')}
          data-upload-progress-from={String(uploadProgressFromBytes)}
          data-upload-sending={text.sending[locale]}
          data-upload-failed={text.sendFailed[locale]}
        />
      </div>
      <div class="actions">
        <button type="submit" class="secondary">
          {text.upload[locale]}
        </button>
      </div>
    </form>
  );
}

/** Step 2: what the regulation requires on the portal, the files attached, an upload form. */
function DocumentsView(props: { ctx: PageContext; data: DocumentsData; form: FormState }) {
  const { ctx, data, form } = props;
  const { regulation } = data;
  const locale = ctx.locale;
  const uploadable = data.requirements.filter((requirement) => requirement.suppliedBy === 'upload');
  return (
    <PortalPage ctx={ctx} title={text.documentsTitle[locale]} narrow scripts={[uploadCheckScript]}>
      <ApplySteps locale={locale} current={2} />
      <h1>{text.documentsTitle[locale]}</h1>
      <p class="lead">
        <NameIn name={regulation.name} locale={locale} />
      </p>
      {data.notice ? (
        <Notice tone="ok" role="status">
          <p class="checksum">{data.notice}</p>
        </Notice>
      ) : null}
      <ErrorSummary ctx={ctx} errors={form.errors} />
      <h2>{text.requiredHere[locale]}</h2>
      <Requirements locale={locale} requirements={data.requirements} documents={data.documents} />
      {uploadable.length === 0 ? <p>{text.noDocumentsNeeded[locale]}</p> : null}
      <AttachedFiles
        ctx={ctx}
        regulation={regulation}
        documents={data.documents}
        removeAction={(id) => `${data.base}/documents/${id}/remove`}
      />
      <UploadForm
        ctx={ctx}
        base={data.base}
        uploadable={uploadable}
        documents={data.documents}
        form={form}
      />
      <p>
        <a class="button" href={`${data.base}/review`}>
          {text.toReview[locale]}
        </a>
      </p>
      <p>
        <a href={`/apply/${regulation.id}`}>{text.stepForm[locale]}</a>
      </p>
    </PortalPage>
  );
}

/** `/apply/<regulationId>/<draftId>/documents`: step 2, the uploads (and their removal). */
export const documentsPage = definePage({
  path: '/apply/:regulationId/:draftId/documents',
  guard: draftOwner,
  redirect: async (_c, { found }) => ifSubmitted(found),
  load: async (c, { found }): Promise<DocumentsData> => {
    const uploadedId = c.req.method === 'GET' ? c.req.query('uploaded') : undefined;
    const uploaded = found.documents.find((document) => document.id === uploadedId);
    const values = submittedFields(found.regulation, found.draft.fields);
    return {
      base: baseOf(found),
      regulation: found.regulation,
      requirements: portalDocumentRequirements(found.regulation, values),
      documents: found.documents,
      notice: uploaded
        ? fill(text.uploadedNotice[c.get('locale')], {
            name: uploaded.fileName,
            sha256: uploaded.sha256,
          })
        : undefined,
    };
  },
  View: DocumentsView,
  action: async (c, { citizen, found }) => {
    const locale = c.get('locale');
    const { body, field } = await readForm(c);
    const kind = field('kind') || otherDocumentKind;
    const file = body.file;
    const fail = (rule: string) =>
      refuse({ kind }, [{ field: 'file', message: issueMessage({ path: 'file', rule }, locale) }]);
    if (!(file instanceof File) || file.size === 0)
      return fail(file instanceof File ? 'file_empty' : 'file_missing');
    try {
      const attached = await attachDraftDocument(portalServices(c), citizen, {
        draftId: found.draft.id,
        kind,
        fileName: file.name,
        content: new Uint8Array(await file.arrayBuffer()),
      });
      return c.redirect(`${baseOf(found)}/documents?uploaded=${attached.documentId}`, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation_failed') {
        return fail(error.details.issues?.[0]?.rule ?? 'file_type');
      }
      throw error;
    }
  },
  actions: {
    ':documentId/remove': async (c, { citizen, found }) => {
      await removeDraftDocument(portalServices(c), citizen, {
        draftId: found.draft.id,
        documentId: c.req.param('documentId') ?? '',
      });
      return c.redirect(`${baseOf(found)}/documents`, 303);
    },
  },
});
