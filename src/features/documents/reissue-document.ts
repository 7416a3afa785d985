import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import {
  templateOf,
  type DocumentContent,
  type FieldValue,
} from '../../documents/document-content.js';
import type { SigningCredential } from '../../signing/cms-sign.js';
import type { AuditActor } from '../../storage/audit.repository.js';
import type { Database } from '../../storage/db.js';
import { findDocument, findReplacement } from '../../storage/document.repository.js';
import {
  issueDocument,
  type DocumentSigningContext,
  type IssuedDocument,
} from './issue-document.js';

/**
 * Reissues a document: a new document (new id and number, signed now) that references the
 * old one; the old row stays as it was (documents are immutable). `fields` override the old
 * values (e.g. a corrected name). A document is replaced at most once: reissue the newest.
 */
export async function reissueDocument(
  db: Database,
  context: DocumentSigningContext,
  input: {
    documentId: string;
    fields?: Record<string, FieldValue>;
    signer: SigningCredential;
    actor?: AuditActor;
  },
  now: Date,
): Promise<IssuedDocument> {
  const old = await findDocument(db, input.documentId);
  if (!old) throw new DomainError(ErrorCode.notFound, { document: input.documentId });
  const replacement = await findReplacement(db, old.id);
  if (replacement) {
    throw new DomainError(ErrorCode.conflict, {
      document: old.number,
      replacedBy: replacement.number,
      allowedActions: [`reissue ${replacement.number}`],
    });
  }
  const content = old.content as unknown as DocumentContent;
  try {
    return await issueDocument(
      db,
      context,
      {
        kind: content.kind,
        serviceCode: content.serviceCode,
        template: templateOf(content),
        applicationId: old.applicationId,
        language: content.language,
        organisation: content.organisation,
        fields: { ...content.fields, ...input.fields },
        signer: input.signer,
        replaces: { id: old.id, number: old.number },
        ...(content.sandbox ? { sandbox: true } : {}),
        ...(input.actor ? { actor: input.actor } : {}),
      },
      now,
    );
  } catch (error) {
    // Two reissues at once: the unique index lets one through.
    if ((error as { code?: string }).code === '23505') {
      throw new DomainError(ErrorCode.conflict, {
        document: old.number,
        reason: 'already_replaced',
      });
    }
    throw error;
  }
}
