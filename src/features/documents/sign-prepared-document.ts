import { z } from 'zod';
import { detachedCms } from '../../domain/shared/detached-cms.js';
import { listAvailableCommands } from '../../domain/application/available-commands.js';
import { getFlow, getStep } from '../../domain/application/fold.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import { StaffRole, staffRoleForActor } from '../../domain/shared/roles.js';
import { confirmSignature } from '../../signing/confirm-signature.js';
import { displayName } from '../../signing/nca-conventions.js';
import type { TrustStore } from '../../signing/trust-store.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { insertDocument } from '../../storage/document.repository.js';
import {
  findPreparedDocument,
  markPreparedSigned,
} from '../../storage/prepared-document.repository.js';
import { findStaffAccount } from '../../storage/staff-account.repository.js';
import { getOrganisation, type ApplicationServices } from '../../engine/application-services.js';
import { conflictDetails } from '../../engine/conflict.js';
import { getApplicationFor } from '../../engine/load-application.js';
import { parseInput } from '../../engine/parse-input.js';
import { engineTargetOf, recordEvents } from '../../engine/record-events.js';
import { runCommand } from '../../engine/run-command.js';
import {
  sha256Hex,
  templateOf,
  verificationCode,
  type DocumentContent,
} from '../../documents/document-content.js';
import { renderDocumentPdf } from '../../documents/render-pdf.js';
import { verificationUrl } from './issue-document.js';
import { draftLanguage } from './result-draft.js';

export const SignDocumentInput = z
  .object({
    idempotencyKey: z.string(),
    applicationId: z.string().min(1),
    draftId: z.string().min(1).describe('The draft returned by prepare'),
    cms: detachedCms('the PDF or its SHA-256'),
    expectedVersion: z.number().int().positive().optional(),
  })
  .strict();
export type SignDocumentInput = z.input<typeof SignDocumentInput>;

export const SignedDocumentResult = z.object({
  applicationId: z.string(),
  documentId: z.string(),
  number: z.string(),
  verifyUrl: z.string(),
  status: z.string(),
  currentStepId: z.string().nullable(),
  version: z.number(),
});
export type SignedDocumentResult = z.infer<typeof SignedDocumentResult>;

/**
 * Phase two of the two-phase signing (akimat-2015-232, extern, point 6, item 8: the head signs the
 * order): the head's CMS over the draft's PDF is checked like any signature (chain, validity,
 * CRL, the head's IIN and, when the provider has one, its BIN — a failure is the regulations'
 * "не подтверждение подлинности ЭЦП" and stores nothing); then the issued PDF is rendered —
 * the signed body with the stamp stating the signer's name (from the certificate), the CMS
 * signing time, the verification code and the SHA-256 of the body — and, in one transaction,
 * the immutable document (both PDFs) is stored under the reserved id and number, the draft is marked signed,
 * the head's signing step is completed with the document, and the audit rows are written.
 */
export async function signPreparedDocument(
  services: ApplicationServices,
  context: { trustStore: TrustStore; publicUrl: string },
  principal: Principal,
  rawInput: SignDocumentInput,
): Promise<SignedDocumentResult> {
  const input = parseInput(SignDocumentInput, rawInput);
  return runCommand(services, principal, 'sign_document', input, async (trx) => {
    const loaded = await getApplicationFor(services, principal, input.applicationId, trx);
    const { state, regulation, record } = loaded;
    const available = listAvailableCommands(state, regulation, principal, record.regionCode);
    const command = available.find((candidate) => candidate.kind === 'sign_document');
    const step =
      command?.kind === 'sign_document'
        ? getStep(getFlow(regulation, state.channel), command.stepId)
        : undefined;
    if (step?.action !== 'sign_result' || principal.kind !== 'staff') {
      const isOwnSide = principal.kind === 'staff' && principal.roles.includes(StaffRole.head);
      throw new DomainError(isOwnSide ? ErrorCode.conflict : ErrorCode.forbidden, {
        ...conflictDetails(state, available),
        reason: 'not_a_signing_step',
      });
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== state.version) {
      throw new DomainError(ErrorCode.conflict, {
        ...conflictDetails(state, available),
        reason: 'stale_version',
      });
    }
    const draft = await findPreparedDocument(trx, record.id, input.draftId);
    if (!draft) throw new DomainError(ErrorCode.notFound, { draftId: input.draftId });
    if (draft.state !== 'draft' || draft.signerStaffId !== principal.staffId) {
      throw new DomainError(ErrorCode.conflict, {
        ...conflictDetails(state, available),
        reason: draft.state !== 'draft' ? 'draft_not_current' : 'draft_names_another_signer',
      });
    }
    const head = await findStaffAccount(trx, principal.staffId);
    const provider = await getOrganisation(
      services,
      trx,
      state.providerOrganisationId,
      'providerOrganisationId',
    );
    const now = services.now();
    const cms = new Uint8Array(Buffer.from(input.cms.replace(/\s+/g, ''), 'base64'));
    const verified = confirmSignature({
      cms,
      content: draft.pdf,
      trustStore: context.trustStore,
      now,
      expected: { iin: head?.iin ?? '', ...(provider.bin ? { bin: provider.bin } : {}) },
    });
    const signerIin = verified.signer.identity.iin ?? null;
    const signerName = displayName(verified.signer.identity);
    const content = draft.content as unknown as DocumentContent;
    const template = templateOf(content);
    // The head signed the body (draft.pdf); the issued PDF adds the stamp stating that signature.
    const pdf = await renderDocumentPdf(content, {
      template,
      mode: {
        kind: 'issued',
        stamp: {
          signerName,
          signedAt: verified.signingTime,
          verificationCode: verificationCode(draft.documentId),
          verifyUrl: verificationUrl(context.publicUrl, draft.documentId),
          signedContentSha256: draft.pdfSha256,
        },
      },
    });
    const pdfSha256 = sha256Hex(pdf);
    await insertDocument(trx, {
      id: draft.documentId,
      number: draft.number,
      kind: draft.kind,
      serviceCode: draft.serviceCode,
      applicationId: record.id,
      language: draftLanguage,
      content: draft.content,
      contentSha256: draft.contentSha256,
      pdf,
      pdfSha256,
      signedContent: draft.pdf,
      signedContentSha256: draft.pdfSha256,
      signerName,
      signerIin,
      signedAt: verified.signingTime,
      signature: cms,
      replacesDocumentId: null,
    });
    if (!(await markPreparedSigned(trx, draft.id, now))) {
      throw new DomainError(ErrorCode.conflict, { reason: 'draft_not_current' });
    }
    const next = await recordEvents(
      trx,
      engineTargetOf(loaded),
      {
        kind: 'staff',
        userId: principal.staffId,
        // The step's signer: the head in most regulations, the executor in some (akimat-2012-149).
        role: staffRoleForActor(step.actor) ?? StaffRole.head,
        organisationId: principal.organisationId,
      },
      [{ type: 'step_completed', stepId: step.id, documentIds: [draft.documentId] }],
      loaded.now, // the application's clock (docs/sandbox.md); the signature itself is real time
    );
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'staff', id: principal.staffId },
      action: 'document.issued',
      subjectType: 'document',
      subjectId: draft.documentId,
      details: {
        number: draft.number,
        kind: draft.kind,
        serviceCode: draft.serviceCode,
        applicationId: record.id,
        contentSha256: draft.contentSha256,
        pdfSha256,
        signedContentSha256: draft.pdfSha256,
        signerIin,
        draftId: draft.id,
        replaces: null,
      },
    });
    return {
      applicationId: record.id,
      response: {
        applicationId: record.id,
        documentId: draft.documentId,
        number: draft.number,
        verifyUrl: verificationUrl(context.publicUrl, draft.documentId),
        status: next.status,
        currentStepId: next.currentStepId ?? null,
        version: next.version,
      },
    };
  });
}
