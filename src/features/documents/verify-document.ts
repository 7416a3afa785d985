import type { LocalizedText } from '../../domain/shared/locale.js';
import type { SignatureFailure } from '../../domain/signature/signature-failure.js';
import {
  canonicalJson,
  sha256Hex,
  type DocumentContent,
} from '../../documents/document-content.js';
import { findTemplate, type Bilingual, type DocumentKind } from '../../documents/templates.js';
import { verifyCms } from '../../signing/cms-verify.js';
import type { TrustStore } from '../../signing/trust-store.js';
import type { Database } from '../../storage/db.js';
import { findDocument, findReplacement } from '../../storage/document.repository.js';
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
  /** SHA-256 of the PDF as issued. */
  pdfSha256: string;
  contentSha256: string;
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
 * stored PDF and content, verifies the official's CMS signature over the PDF (chain, validity
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
  const intact =
    sha256Hex(document.pdf) === document.pdfSha256 &&
    createHash('sha256').update(canonicalJson(content)).digest('hex') === document.contentSha256;
  const result = verifyCms({
    cms: document.signature,
    content: document.pdf,
    trustStore,
    now,
    revocationTime: document.signedAt,
    ...(document.signerIin ? { expected: { iin: document.signerIin } } : {}),
  });
  const presentedSha256 =
    input.presentedBytes !== undefined
      ? sha256Hex(input.presentedBytes)
      : input.presentedSha256?.toLowerCase();
  const presented =
    presentedSha256 !== undefined
      ? { sha256: presentedSha256, matches: presentedSha256 === document.pdfSha256 }
      : undefined;
  const template = findTemplate(document.kind as DocumentKind, document.serviceCode);
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
    title: template?.title ?? { kk: document.kind, ru: document.kind },
    signerName: document.signerName,
    signedAt: document.signedAt,
    genuine: intact && result.valid && (presented?.matches ?? true) && !refusedAsSandbox,
    intact,
    signature: result.valid
      ? { valid: true }
      : { valid: false, failure: result.failure, message: result.message },
    pdfSha256: document.pdfSha256,
    contentSha256: document.contentSha256,
    ...(presented ? { presented } : {}),
    ...(replaces ? { replaces: { id: replaces.id, number: replaces.number } } : {}),
    ...(replacedBy ? { replacedBy } : {}),
    sandbox: isSandbox,
    refusedAsSandbox,
  };
}
