import type { LocalizedText } from '../../domain/shared/locale.js';
import type { SignatureFailure } from '../../domain/signature/signature-failure.js';
import {
  canonicalJson,
  sha256Hex,
  parseVerificationCode,
  templateOf,
  verificationCode,
  type DocumentContent,
} from '../../documents/document-content.js';
import type { Bilingual } from '../../documents/templates.js';
import { verifyCms } from '../../signing/cms-verify.js';
import type { TrustStore } from '../../signing/trust-store.js';
import type { Database } from '../../storage/db.js';
import {
  findDocument,
  findDocumentByVerificationCode,
  findReplacement,
} from '../../storage/document.repository.js';
import { createHash } from 'node:crypto';

/** What the public verification page states about a document. */
export interface DocumentVerification {
  id: string;
  number: string;
  kind: string;
  serviceCode: string | null;
  title: Bilingual;
  signerName: string;
  signedAt: Date;
  /** The stored document is intact and its signature verifies (and a presented copy matches). */
  genuine: boolean;
  /** The stored PDF and content still hash to the stored SHA-256 values. */
  intact: boolean;
  signature: { valid: true } | { valid: false; failure: SignatureFailure; message: LocalizedText };
  /** SHA-256 of the PDF file as issued (what a presented copy is compared with). */
  pdfSha256: string;
  contentSha256: string;
  /**
   * SHA-256 of the signed content — the value printed on the issued document under the same
   * name. For a document issued before the signature stamp, the PDF itself was signed.
   */
  signedContentSha256: string;
  /** Whether the signature covers the body without the stamp (else the whole PDF). */
  signedContentIsBody: boolean;
  /** The code printed on the issued document. */
  verificationCode: string;
  /** A copy someone presented (uploaded, or its SHA-256), compared with the issued PDF. */
  presented?: { sha256: string; matches: boolean };
  replaces?: { id: string; number: string };
  replacedBy?: { id: string; number: string };
  /** Issued by a sandbox installation (docs/sandbox.md): not a legal act. */
  sandbox: boolean;
  /** A sandbox document presented to a production installation: never genuine there. */
  refusedAsSandbox: boolean;
}

/**
 * Verifies a stored document for the public page /verify/<id>: recomputes the SHA-256 of the
 * stored PDFs and content, verifies the official's CMS signature over the signed content (the
 * body PDF; the whole PDF for documents issued before the stamp) (chain, validity
 * at signing, CRL at the stored time of signing — a later revocation does not undo a document
 * signed before it), and compares a presented copy when given. Undefined for an unknown id.
 */
export async function verifyDocument(
  db: Database,
  trustStore: TrustStore,
  input: { id: string; presentedSha256?: string; presentedBytes?: Uint8Array },
  now: Date,
  options: {
    /** A production installation: a sandbox-marked document is never genuine (docs/sandbox.md). */
    refuseSandbox?: boolean;
  } = {},
): Promise<DocumentVerification | undefined> {
  const document = await findDocument(db, input.id);
  if (!document) return undefined;
  const content = document.content as unknown as DocumentContent;
  const signedContent = document.signedContent ?? document.pdf;
  const signedContentSha256 = document.signedContentSha256 ?? document.pdfSha256;
  const intact =
    sha256Hex(document.pdf) === document.pdfSha256 &&
    sha256Hex(signedContent) === signedContentSha256 &&
    createHash('sha256').update(canonicalJson(content)).digest('hex') === document.contentSha256;
  const result = verifyCms({
    cms: document.signature,
    content: signedContent,
    trustStore,
    now,
    revocationTime: document.signedAt,
    ...(document.signerIin ? { expected: { iin: document.signerIin } } : {}),
  });
  const presentedSha256 =
    input.presentedBytes !== undefined
      ? sha256Hex(input.presentedBytes)
      : input.presentedSha256?.toLowerCase();
  // A presented value matches the issued file, or the signed content whose SHA-256 is printed
  // on the document (documents issued before the stamp printed the content's SHA-256).
  const accepted = new Set([
    document.pdfSha256,
    signedContentSha256,
    ...(document.signedContent ? [] : [document.contentSha256]),
  ]);
  const presented =
    presentedSha256 !== undefined
      ? { sha256: presentedSha256, matches: accepted.has(presentedSha256) }
      : undefined;
  const replacedBy = await findReplacement(db, document.id);
  const replaces = document.replacesDocumentId
    ? await findDocument(db, document.replacesDocumentId)
    : undefined;
  const isSandbox = content.sandbox === true;
  const refusedAsSandbox = isSandbox && options.refuseSandbox === true;
  return {
    id: document.id,
    number: document.number,
    kind: document.kind,
    serviceCode: document.serviceCode,
    title: templateOf(content).title,
    signerName: document.signerName,
    signedAt: document.signedAt,
    genuine: intact && result.valid && (presented?.matches ?? true) && !refusedAsSandbox,
    intact,
    signature: result.valid
      ? { valid: true }
      : { valid: false, failure: result.failure, message: result.message },
    pdfSha256: document.pdfSha256,
    contentSha256: document.contentSha256,
    signedContentSha256,
    signedContentIsBody: document.signedContent !== null,
    verificationCode: verificationCode(document.id),
    ...(presented ? { presented } : {}),
    ...(replaces ? { replaces: { id: replaces.id, number: replaces.number } } : {}),
    ...(replacedBy ? { replacedBy } : {}),
    sandbox: isSandbox,
    refusedAsSandbox,
  };
}

/** The id of the document whose verification code was typed, or undefined. */
export async function findDocumentIdByCode(
  db: Database,
  typed: string,
): Promise<string | undefined> {
  const code = parseVerificationCode(typed);
  if (!code) return undefined;
  return (await findDocumentByVerificationCode(db, code))?.id;
}
