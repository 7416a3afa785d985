import { randomUUID } from 'node:crypto';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import {
  DocumentLanguage,
  checkFields,
  contentSha256,
  sha256Hex,
  verificationCode,
  type DocumentContent,
  type FieldValue,
} from '../../documents/document-content.js';
import { renderDocumentPdf } from '../../documents/render-pdf.js';
import {
  findTemplate,
  isDocumentKind,
  type DocumentKind,
  type DocumentTemplate,
} from '../../documents/templates.js';
import type { ResultDocument } from '../../domain/regulation/ResultDocument.js';
import { certificateInfo } from '../../signing/certificate-info.js';
import { signCms, type SigningCredential } from '../../signing/cms-sign.js';
import { confirmSignature } from '../../signing/confirm-signature.js';
import { displayName } from '../../signing/nca-conventions.js';
import type { TrustStore } from '../../signing/trust-store.js';
import { appendAudit, type AuditActor } from '../../storage/audit.repository.js';
import type { Database } from '../../storage/db.js';
import type { Transaction } from 'kysely';
import type { Tables } from '../../storage/schema.js';
import { insertDocument, nextDocumentSequence } from '../../storage/document.repository.js';

/** What signs and where documents are verified: built once at boot. */
export interface DocumentSigningContext {
  trustStore: TrustStore;
  /** External address of the server; the QR code points to `${publicUrl}/verify/<id>`. */
  publicUrl: string;
}

/** A document to issue. */
export interface IssueDocumentInput {
  kind: DocumentKind;
  serviceCode: string | null;
  /** The regulation's `results` entry of this kind (title and fields); generic when absent. */
  definition?: Pick<ResultDocument, 'title' | 'fields'>;
  /** The exact layout (a reissue keeps the replaced document's). */
  template?: DocumentTemplate;
  applicationId?: string | null;
  language?: DocumentLanguage;
  organisation?: string | null;
  fields: Record<string, FieldValue>;
  /** The official who signs it (the regulation names the role: head, operator, …). */
  signer: SigningCredential;
  /**
   * Who must sign, when the caller knows it: the official's IIN and the BIN of the provider
   * (the regulation names the signing role; the engine knows who holds it).
   */
  expectedSigner?: { iin?: string; bin?: string };
  /**
   * Runs in the transaction that stores the document, e.g. to append the audit row
   * (`appendAudit(trx, …)` of the identity module) and the application's action together.
   */
  onStored?: (
    transaction: Transaction<Tables>,
    document: { id: string; number: string },
  ) => Promise<void>;
  /** Who issues it, for the audit row (the official's staff account; system by default). */
  actor?: AuditActor;
  /** For a reissue: the document this one replaces, and its number. */
  replaces?: { id: string; number: string };
  /** Issued by a sandbox installation (docs/sandbox.md): marked as not a legal act. */
  sandbox?: boolean;
  /**
   * Who may download a document of no application (a courier register): the organisations
   * named are written into the content (see download-document.ts).
   */
  access?: {
    organisationId?: string;
    fromOrganisationId?: string;
    toOrganisationId?: string;
    citizenIin?: string;
  };
}

/** An issued document: what the caller shows or hands out. */
export interface IssuedDocument {
  id: string;
  number: string;
  kind: DocumentKind;
  contentSha256: string;
  /** The issued PDF (body and signature stamp) and its SHA-256. */
  pdfSha256: string;
  pdf: Uint8Array;
  /** The PDF the CMS covers (the body) and its SHA-256, printed on the issued PDF. */
  signedContent: Uint8Array;
  signedContentSha256: string;
  /** The code printed on the issued PDF and accepted by /verify. */
  verificationCode: string;
  signerName: string;
  signedAt: Date;
  verifyUrl: string;
}

/** The URL printed in the QR code of a document. */
export function verificationUrl(publicUrl: string, id: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verify/${id}`;
}

/**
 * Issues a document: checks the fields against the template of the service, numbers it,
 * renders its body (both titles, number, fields), signs the body with the official's key
 * (detached CAdES-BES), checks that signature like any other (chain, validity, CRL), renders
 * the issued PDF — the body with the signature stamp: the signer's name from the certificate,
 * the CMS signing time, the verification code, the SHA-256 of the body and the QR code to
 * /verify/<id> — and stores the immutable row with both PDFs.
 */
export async function issueDocument(
  db: Database,
  context: DocumentSigningContext,
  input: IssueDocumentInput,
  now: Date,
): Promise<IssuedDocument> {
  const template = !isDocumentKind(input.kind)
    ? undefined
    : (input.template ?? findTemplate(input.kind, input.definition));
  if (!template) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [
        {
          path: 'kind',
          rule: 'not_issued_by_service',
          params: { kind: input.kind, service: input.serviceCode ?? '*' },
        },
      ],
    });
  }
  const issues = checkFields(template, input.fields);
  if (issues.length > 0) throw new DomainError(ErrorCode.validationFailed, { issues });

  const signerCertificate = certificateInfo(
    input.signer.certificate instanceof Uint8Array
      ? input.signer.certificate
      : new Uint8Array(input.signer.certificate.rawData),
  );
  const id = randomUUID();
  const sequence = await nextDocumentSequence(db);
  const number = `${template.numberPrefix}-${now.getUTCFullYear()}-${String(sequence).padStart(6, '0')}`;
  const content: DocumentContent = {
    id,
    number,
    kind: input.kind,
    serviceCode: input.serviceCode,
    language: input.language ?? DocumentLanguage.bilingual,
    issuedAt: now.toISOString(),
    organisation: input.organisation ?? signerCertificate.identity.organisation ?? null,
    fields: input.fields,
    signer: { name: displayName(signerCertificate.identity), role: template.signerRole },
    template,
    replacesNumber: input.replaces?.number ?? null,
    ...input.access,
    ...(input.sandbox ? { sandbox: true as const } : {}),
  };
  const hash = contentSha256(content);
  const verifyUrl = verificationUrl(context.publicUrl, id);
  // The official signs the body; the issued PDF adds the stamp stating that signature.
  const body = await renderDocumentPdf(content, { template, mode: { kind: 'signed_content' } });
  const bodySha256 = sha256Hex(body);
  const signature = await signCms({
    credential: input.signer,
    content: body,
    signingTime: now,
    attached: false,
  });
  // The official's own key must pass the same checks as a citizen's (no expired or revoked keys).
  const verified = confirmSignature({
    cms: signature,
    content: body,
    trustStore: context.trustStore,
    now,
    ...(input.expectedSigner ? { expected: input.expectedSigner } : {}),
  });
  const signerName = displayName(verified.signer.identity);
  const pdf = await renderDocumentPdf(content, {
    template,
    mode: {
      kind: 'issued',
      stamp: {
        signerName,
        signedAt: verified.signingTime,
        verificationCode: verificationCode(id),
        verifyUrl,
        signedContentSha256: bodySha256,
      },
    },
  });

  const stored = {
    id,
    number,
    kind: input.kind,
    serviceCode: input.serviceCode,
    applicationId: input.applicationId ?? null,
    language: content.language,
    content: content as unknown as Record<string, unknown>,
    contentSha256: hash,
    pdf,
    pdfSha256: sha256Hex(pdf),
    signedContent: body,
    signedContentSha256: bodySha256,
    signerName,
    signerIin: verified.signer.identity.iin ?? null,
    signedAt: verified.signingTime,
    signature,
    replacesDocumentId: input.replaces?.id ?? null,
  };
  await db.transaction().execute(async (transaction) => {
    await insertDocument(transaction, stored);
    await appendAudit(transaction, {
      occurredAt: now,
      actor: input.actor ?? { kind: 'system' },
      action: input.replaces ? 'document.reissued' : 'document.issued',
      subjectType: 'document',
      subjectId: id,
      details: {
        number,
        kind: input.kind,
        serviceCode: input.serviceCode,
        applicationId: input.applicationId ?? null,
        contentSha256: hash,
        pdfSha256: stored.pdfSha256,
        signedContentSha256: bodySha256,
        signerIin: stored.signerIin,
        replaces: input.replaces?.number ?? null,
      },
    });
    await input.onStored?.(transaction, { id, number });
  });
  return {
    id,
    number,
    kind: input.kind,
    contentSha256: hash,
    pdfSha256: stored.pdfSha256,
    pdf,
    signedContent: body,
    signedContentSha256: bodySha256,
    verificationCode: verificationCode(id),
    signerName,
    signedAt: stored.signedAt,
    verifyUrl,
  };
}
