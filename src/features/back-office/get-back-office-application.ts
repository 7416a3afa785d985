import type { StaffName } from '../../domain/identity/staff-name.js';
import { StaffRole } from '../../domain/shared/roles.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { DocumentTemplate } from '../../documents/templates.js';
import { countOpenApplicationsByExecutor } from '../../storage/application-query.repository.js';
import { listApplicationUploads } from '../../storage/application-upload.repository.js';
import { listApplicationDocuments } from '../../storage/document.repository.js';
import { listGatewayCalls } from '../../storage/gateway-call.repository.js';
import {
  findCurrentDraft,
  findPreparedDocument,
  listStaffWithRole,
} from '../../storage/prepared-document.repository.js';
import { findFrontOfficeRequest } from '../../storage/front-office-request.repository.js';
import { findStaffAccount } from '../../storage/staff-account.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { DraftOutcome, draftableOutcomes } from '../../domain/application/drafting.js';
import { renderDraftPdf } from '../documents/prepare-result-document.js';
import { draftTemplate, prefilledFields, suggestedFields } from '../documents/result-draft.js';
import type { PersonRegistry } from '../../integrations/registries.js';
import { getFlow, getStep } from '../../domain/application/fold.js';
import { getApplicationView, type ApplicationView } from '../applications/get-application-view.js';

/** What the back office shows about an application, beyond the engine's view. */
export interface BackOfficeApplication {
  readonly view: ApplicationView;
  /** The provider organisation's zone, in which the engine counts the dues. */
  readonly timeZone: string;
  /** The form data and attached documents of the submission. */
  readonly fields: Readonly<Record<string, string>>;
  /** The labels of the regulation's form fields, by field id. */
  readonly fieldLabels: Readonly<Record<string, { kk: string; ru: string; en?: string }>>;
  /** The labels of the stored values of choice fields, by field id and value (never the code). */
  readonly choiceLabels: Readonly<
    Record<string, Readonly<Record<string, { kk: string; ru: string; en?: string }>>>
  >;
  /** The titles of the regulation's documents, by document id (an attachment's kind). */
  readonly documentTitles: Readonly<Record<string, { kk: string; ru: string; en?: string }>>;
  /**
   * The documents recorded in the submission; `upload` is the applicant's portal file with the
   * same kind and SHA-256, which the staff may download.
   */
  readonly attachments: readonly {
    kind: string;
    name: string;
    sha256: string;
    upload?: { id: string; mediaType: string; sizeBytes: number };
  }[];
  /** Answers of the registries and checks recorded in the log (e.g. person_data_found). */
  readonly facts: Readonly<Record<string, boolean>>;
  /** Calls to the registries made for this application (the gateway's log). */
  readonly registryCalls: readonly {
    system: string;
    operation: string;
    outcome: string;
    at: Date;
  }[];
  readonly documents: readonly { id: string; number: string; kind: string; signedAt: Date }[];
  /** The draft waiting for the head's signature, if any (without the PDF bytes). */
  readonly draft:
    | {
        id: string;
        number: string;
        kind: string;
        pdfSha256: string;
        /** Who will sign it, in both spellings. */
        signerName: StaffName;
        preparedAt: Date;
      }
    | undefined;
  /**
   * The head's return of the draft, while the application is still at the step it was
   * returned to: the comment for the executor, who returned it and when.
   */
  readonly returned: { comment: string; at: Date; byName: StaffName } | undefined;
  /**
   * The organisation's executors, for the head's assignment, each with their current workload:
   * the open applications of the provider they are appointed to.
   */
  readonly executors: readonly ({ id: string; openApplications: number } & StaffName)[];
  /** The appointed executor's name, in both spellings. */
  readonly executorName: StaffName | undefined;
  /** The front office's electronic request, when signed: by whom (ЭЦП) and when. */
  readonly signedRequest:
    { signerName: string; signerIin: string | null; signedAt: Date; sha256: string } | undefined;
  /** The templates the executor fills, with the fields the system fills. */
  readonly drafting: Readonly<
    Record<
      DraftOutcome,
      | {
          template: DocumentTemplate;
          prefilled: Record<string, string>;
          /** What the form starts with, e.g. the holder's name from the person registry. */
          suggested: Record<string, string>;
        }
      | undefined
    >
  >;
  /** What the current step drafts (for the executor's forms). */
  readonly draftable: readonly DraftOutcome[];
  readonly refusalGrounds: readonly { id: string; text: { kk: string; ru: string } }[];
  readonly maxExtension: { amount: number; unit: string } | undefined;
}

/**
 * An application as the provider's staff work on it: the engine's view (404 for another
 * organisation's), the submitted data and documents, the registries' answers, the issued
 * documents, the draft waiting for signature, the executors a head may appoint and the
 * templates an executor fills. Audited as a read (by the engine's view).
 */
export async function getBackOfficeApplication(
  services: ApplicationServices,
  principal: Principal,
  applicationId: string,
  /** The person registry, to start the executor's draft with the holder's name. */
  registry?: PersonRegistry,
): Promise<BackOfficeApplication> {
  if (principal.kind !== 'staff')
    throw new DomainError(ErrorCode.forbidden, { reason: 'staff_only' });
  const loaded = await getApplicationFor(services, principal, applicationId);
  const view = await getApplicationView(services, principal, applicationId);
  const { record, state, regulation } = loaded;
  const submitted = loaded.events.find((event) => event.type === 'submitted');
  const draft = await findCurrentDraft(services.db, record.id);
  const signer = draft ? await findStaffAccount(services.db, draft.signerStaffId) : undefined;
  const executor = state.executorId
    ? await findStaffAccount(services.db, state.executorId)
    : undefined;
  const executors = principal.roles.includes(StaffRole.head)
    ? await listStaffWithRole(services.db, state.providerOrganisationId, StaffRole.executor)
    : [];
  const workload = await countOpenApplicationsByExecutor(
    services.db,
    state.providerOrganisationId,
    executors.map((staff) => staff.id),
  );
  const lastEvent = loaded.events.at(-1);
  const returnedBy =
    lastEvent?.type === 'draft_returned' && lastEvent.actor.kind === 'staff'
      ? await findStaffAccount(services.db, lastEvent.actor.userId)
      : undefined;
  const request = await findFrontOfficeRequest(services.db, record.id);
  const calls = await listGatewayCalls(services.db, { correlationId: record.id });
  const uploads = submitted ? await listApplicationUploads(services.db, record.id) : [];
  const step = state.currentStepId
    ? getStep(getFlow(regulation, state.channel), state.currentStepId)
    : undefined;
  const draftable = step ? draftableOutcomes(step, getFlow(regulation, state.channel)) : [];
  // The registry is asked only while the executor drafts (not on every reading of the page).
  const drafts = principal.roles.includes(StaffRole.executor) && draftable.length > 0;
  const drafting = Object.fromEntries(
    await Promise.all(
      Object.values(DraftOutcome).map(async (outcome) => {
        const template = draftTemplate(outcome, regulation);
        const suggested =
          template && registry && drafts
            ? await suggestedFields(template, registry, state.applicantIin, record.id)
            : {};
        return [
          outcome,
          template && {
            template,
            prefilled: prefilledFields(template, record, state, regulation),
            suggested,
          },
        ];
      }),
    ),
  ) as BackOfficeApplication['drafting'];
  const term = regulation.terms.find((candidate) => candidate.channels.includes(state.channel));
  const extension = term?.extension;
  return {
    view,
    timeZone: loaded.clock.provider.timeZone,
    fields: submitted?.type === 'submitted' ? submitted.fields : {},
    fieldLabels: Object.fromEntries(regulation.fields.map((field) => [field.id, field.label])),
    choiceLabels: Object.fromEntries(
      regulation.fields.map((field) => [
        field.id,
        Object.fromEntries((field.choices ?? []).map((choice) => [choice.value, choice.label])),
      ]),
    ),
    documentTitles: Object.fromEntries(
      regulation.documents.map((document) => [document.id, document.title]),
    ),
    attachments: (submitted?.type === 'submitted' ? submitted.documents : []).map((document) => {
      const upload = uploads.find(
        (candidate) => candidate.kind === document.kind && candidate.sha256 === document.sha256,
      );
      return upload
        ? {
            ...document,
            upload: { id: upload.id, mediaType: upload.mediaType, sizeBytes: upload.sizeBytes },
          }
        : document;
    }),
    facts: state.facts as Record<string, boolean>,
    registryCalls: calls.map((call) => ({
      system: call.system,
      operation: call.operation,
      outcome: call.outcome,
      at: call.startedAt,
    })),
    documents: await listApplicationDocuments(services.db, record.id),
    draft: draft && {
      id: draft.id,
      number: draft.number,
      kind: draft.kind,
      pdfSha256: draft.pdfSha256,
      signerName: {
        fullName: signer?.fullName ?? '',
        fullNameKk: signer?.fullNameKk ?? '',
      },
      preparedAt: draft.preparedAt,
    },
    returned:
      lastEvent?.type === 'draft_returned'
        ? {
            comment: lastEvent.comment,
            at: new Date(lastEvent.at),
            byName: {
              fullName: returnedBy?.fullName ?? '',
              fullNameKk: returnedBy?.fullNameKk ?? '',
            },
          }
        : undefined,
    executors: executors.map((staff) => ({
      id: staff.id,
      fullName: staff.fullName,
      fullNameKk: staff.fullNameKk,
      openApplications: workload.get(staff.id) ?? 0,
    })),
    executorName: executor && { fullName: executor.fullName, fullNameKk: executor.fullNameKk },
    signedRequest:
      request?.signedAt && request.signerName
        ? {
            signerName: request.signerName,
            signerIin: request.signerIin,
            signedAt: request.signedAt,
            sha256: request.contentSha256,
          }
        : undefined,
    drafting,
    draftable,
    refusalGrounds: regulation.refusalGrounds
      .filter((ground) => ground.stage === 'review')
      .map((ground) => ({ id: ground.id, text: { kk: ground.text.kk, ru: ground.text.ru } })),
    maxExtension:
      extension?.allowed && extension.maximum
        ? { amount: extension.maximum.amount, unit: extension.maximum.unit }
        : undefined,
  };
}

/** The PDF of a draft for the staff of the organisation that holds the application (else 404). */
export async function getPreparedPdf(
  services: ApplicationServices,
  principal: Principal,
  applicationId: string,
  draftId: string,
): Promise<{ number: string; pdf: Uint8Array }> {
  if (principal.kind !== 'staff') throw new DomainError(ErrorCode.notFound, { draftId });
  await getApplicationFor(services, principal, applicationId);
  const draft = await findPreparedDocument(services.db, applicationId, draftId);
  if (!draft) throw new DomainError(ErrorCode.notFound, { draftId });
  return { number: draft.number, pdf: await renderDraftPdf(draft) };
}
