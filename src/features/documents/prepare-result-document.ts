import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { kazakhstanDay } from '../../domain/calendar/kazakhstan-day.js';
import { listAvailableCommands } from '../../domain/application/available-commands.js';
import { getFlow, getStep, nextStepId } from '../../domain/application/fold.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { ActorRole, StaffRole } from '../../domain/shared/roles.js';
import {
  checkFields,
  contentSha256,
  sha256Hex,
  templateOf,
  type DocumentContent,
  type FieldValue,
} from '../../documents/document-content.js';
import { renderDocumentPdf } from '../../documents/render-pdf.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { nextDocumentSequence } from '../../storage/document.repository.js';
import {
  insertPreparedDocument,
  listStaffWithRole,
} from '../../storage/prepared-document.repository.js';
import { findStaffAccount } from '../../storage/staff-account.repository.js';
import { getOrganisation, type ApplicationServices } from '../../engine/application-services.js';
import { conflictDetails } from '../../engine/conflict.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { parseInput } from '../../engine/parse-input.js';
import { recordEvents } from '../../engine/record-events.js';
import { runCommand } from '../../engine/run-command.js';
import { DraftOutcome, draftingPayloads } from '../../domain/application/drafting.js';
import { draftLanguage, draftTemplate, prefilledFields, resolvingHeadId } from './result-draft.js';

export const PrepareDocumentInput = z
  .object({
    idempotencyKey: z.string(),
    applicationId: z.string().min(1),
    outcome: z
      .enum([DraftOutcome.result, DraftOutcome.reasonedRefusal])
      .describe("The service's result, or the reasoned refusal"),
    fields: z
      .record(z.string(), z.union([z.string().max(2000), z.array(z.string().max(2000)).max(50)]))
      .default({})
      .describe(
        "The template's fields the executor fills (e.g. orderNumber, orderDate, studentName; grounds for a refusal); requestNumber, requestDate and service are filled by the system",
      ),
    expectedVersion: z.number().int().positive().optional().describe('The version the user saw'),
    note: z.string().max(4000).optional(),
  })
  .strict();
export type PrepareDocumentInput = z.input<typeof PrepareDocumentInput>;

/** The prepared draft: what the head's browser signs (the SHA-256 of the PDF). */
export const PreparedDocumentResult = z.object({
  applicationId: z.string(),
  draftId: z.string(),
  documentId: z
    .string()
    .describe("The id the document will have; the issued PDF's QR code points to /verify/<id>"),
  number: z.string(),
  kind: z.string(),
  pdfSha256: z
    .string()
    .describe('SHA-256 of the body PDF the head signs (the signed content), hex'),
  pdfSha256Base64: z.string().describe('The same hash in base64 (createCAdESFromBase64Hash)'),
  status: z.string(),
  currentStepId: z.string().nullable(),
  version: z.number(),
});
export type PreparedDocumentResult = z.infer<typeof PreparedDocumentResult>;

/**
 * Phase one of the two-phase signing (akimat-2015-232, extern, point 6, items 7–8: the executor
 * prepares the order or the reasoned refusal, the head signs it): the appointed executor's
 * review or drafting step produces a draft of the result or reasoned refusal from the
 * regulation's template, rendered to the body PDF the head will sign (number and document id
 * reserved; no signature line, no QR code — those are stamped on the issued PDF after the
 * signature is verified); the executor's step is completed in the same transaction. Staff
 * see the draft with the draft mark on every page ({@link renderDraftPdf}). The head signs the
 * body's SHA-256 in the browser ({@link signPreparedDocument}).
 */
export async function prepareResultDocument(
  services: ApplicationServices,
  _context: { publicUrl: string },
  principal: Principal,
  rawInput: PrepareDocumentInput,
): Promise<PreparedDocumentResult> {
  const input = parseInput(PrepareDocumentInput, rawInput);
  return runCommand(services, principal, 'prepare_document', input, async (trx) => {
    const loaded = await getApplicationFor(services, principal, input.applicationId, trx);
    const { state, regulation, record } = loaded;
    const available = listAvailableCommands(state, regulation, principal, record.regionCode);
    const command = available.find(
      (candidate) => candidate.kind === 'complete_step' || candidate.kind === 'sign_document',
    );
    const flow = getFlow(regulation, state.channel);
    const step =
      command?.kind === 'complete_step' || command?.kind === 'sign_document'
        ? getStep(flow, command.stepId)
        : undefined;
    const payloads = step && draftingPayloads(step, flow, input.outcome, input.note);
    if (!payloads || principal.kind !== 'staff') {
      const isOwnSide = principal.kind === 'staff' && principal.roles.includes(StaffRole.executor);
      throw new DomainError(isOwnSide ? ErrorCode.conflict : ErrorCode.forbidden, {
        ...conflictDetails(state, available),
        reason: 'not_a_drafting_step',
      });
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== state.version) {
      throw new DomainError(ErrorCode.conflict, {
        ...conflictDetails(state, available),
        reason: 'stale_version',
      });
    }
    const template = draftTemplate(input.outcome, regulation);
    if (!template) {
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [
          {
            path: 'outcome',
            rule: 'not_issued_by_service',
            params: { service: regulation.service },
          },
        ],
      });
    }
    const fields: Record<string, FieldValue> = {
      ...prefilledFields(template, record, state, regulation),
      ...Object.fromEntries(
        Object.entries(input.fields).filter(([, value]) =>
          Array.isArray(value) ? value.some((item) => item.trim() !== '') : value.trim() !== '',
        ),
      ),
    };
    // A year or date after the day of the draft (on the application's clock) is refused.
    const issues = checkFields(template, fields, kazakhstanDay(loaded.now));
    if (issues.length > 0) throw new DomainError(ErrorCode.validationFailed, { issues });

    const provider = await getOrganisation(
      services,
      trx,
      state.providerOrganisationId,
      'providerOrganisationId',
    );
    // Who signs: the actor of the signing step that follows — the head (who resolved the
    // application) in most regulations, the executor in some (akimat-2012-149, archive, action 10).
    const last = payloads[payloads.length - 1];
    const signStepId =
      last === undefined
        ? step.id
        : last.type === 'step_completed'
          ? nextStepId(getStep(flow, last.stepId), last.answer)
          : undefined;
    const signStep = signStepId ? getStep(flow, signStepId) : undefined;
    const signerRole = signStep?.actor === ActorRole.executor ? StaffRole.executor : StaffRole.head;
    const headId =
      signerRole === StaffRole.executor
        ? principal.staffId
        : (resolvingHeadId(loaded.events, regulation, state) ??
          (await listStaffWithRole(trx, provider.id, StaffRole.head))[0]?.id);
    const head = headId ? await findStaffAccount(trx, headId) : undefined;
    if (
      !head?.isActive ||
      head.organisationId !== provider.id ||
      !head.roles.includes(signerRole)
    ) {
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [{ path: 'signer', rule: 'no_head_of_provider' }],
      });
    }
    const now = services.now();
    // The document is issued on the application's clock (a sandbox application's as-of day).
    const issuedOn = loaded.now;
    const documentId = randomUUID();
    const sequence = await nextDocumentSequence(trx);
    const number = `${template.numberPrefix}-${issuedOn.getUTCFullYear()}-${String(sequence).padStart(6, '0')}`;
    const content: DocumentContent = {
      id: documentId,
      number,
      kind: template.kind,
      serviceCode: regulation.service,
      language: draftLanguage,
      issuedAt: issuedOn.toISOString(),
      organisation: provider.nameRu,
      fields,
      signer: { name: head.fullName, role: template.signerRole },
      template,
      replacesNumber: null,
      // A sandbox installation's or a sandbox application's document (docs/sandbox.md).
      ...(services.sandbox || record.clockOffsetMs !== null ? { sandbox: true as const } : {}),
    };
    const hash = contentSha256(content);
    // What the head signs: the body, with no draft mark, no signature line and no QR code.
    const pdf = await renderDocumentPdf(content, { template, mode: { kind: 'signed_content' } });
    const draftId = randomUUID();
    const pdfSha256 = sha256Hex(pdf);
    await insertPreparedDocument(trx, {
      id: draftId,
      applicationId: record.id,
      documentId,
      number,
      kind: template.kind,
      serviceCode: regulation.service,
      content: content as unknown as Record<string, unknown>,
      contentSha256: hash,
      pdf,
      pdfSha256,
      preparedBy: principal.staffId,
      signerStaffId: head.id,
      preparedAt: now,
    });
    const next =
      payloads.length === 0
        ? state
        : await recordEvents(
            trx,
            {
              id: record.id,
              number: record.number,
              regulation,
              clock: loaded.clock,
              events: loaded.events,
              clockOffsetMs: record.clockOffsetMs,
            },
            {
              kind: 'staff',
              userId: principal.staffId,
              role: StaffRole.executor,
              organisationId: principal.organisationId,
            },
            payloads,
            issuedOn,
          );
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: principal.staffId },
      action: 'document.prepared',
      subjectType: 'application',
      subjectId: record.id,
      details: {
        number: record.number,
        draftId,
        documentId,
        documentNumber: number,
        kind: template.kind,
        pdfSha256,
        signerStaffId: head.id,
      },
    });
    return {
      applicationId: record.id,
      response: {
        applicationId: record.id,
        draftId,
        documentId,
        number,
        kind: template.kind,
        pdfSha256,
        pdfSha256Base64: Buffer.from(pdfSha256, 'hex').toString('base64'),
        status: next.status,
        currentStepId: next.currentStepId ?? null,
        version: next.version,
      },
    };
  });
}

/**
 * The draft as staff see it: the body the head will sign, with the draft mark (kk/ru) across
 * and at the top of every page, no signature line and no QR code.
 */
export function renderDraftPdf(draft: {
  kind: string;
  serviceCode: string | null;
  content: Record<string, unknown>;
}): Promise<Uint8Array> {
  const content = draft.content as unknown as DocumentContent;
  return renderDocumentPdf(content, {
    template: templateOf(content),
    mode: { kind: 'draft' },
  });
}
