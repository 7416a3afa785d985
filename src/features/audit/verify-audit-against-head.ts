import { verifyInstallationSignature } from '../../signing/installation-key.js';
import { findChainRow } from '../../storage/audit-chain.repository.js';
import type { Database } from '../../storage/db.js';
import { findInstance } from '../../storage/instance.repository.js';
import { SignedAuditHead, signedTextOf } from './audit-head.js';

/** Why the database does not hold an exported head. */
export const HeadCheckFailure = {
  /** Not a head file of this format. */
  malformed: 'head_malformed',
  /** The signature does not verify with the certificate in the file. */
  signatureInvalid: 'head_signature_invalid',
  /** Signed by a key other than this installation's (its certificate in PKI_DIR). */
  unknownSigner: 'head_unknown_signer',
  /** Exported by another installation. */
  otherInstallation: 'head_other_installation',
  /** The chain has no row at the head's position: its rows from there on were removed. */
  positionMissing: 'head_position_missing',
  /** The row at the head's position has another hash (or MAC): the chain was rewritten. */
  hashMismatch: 'head_hash_mismatch',
} as const;
export type HeadCheckFailure = (typeof HeadCheckFailure)[keyof typeof HeadCheckFailure];

export type HeadCheck =
  | { readonly holdsHead: true; readonly position: number; readonly signer: string }
  | {
      readonly holdsHead: false;
      readonly failure: HeadCheckFailure;
      readonly position: number | null;
    };

/**
 * Checks that the database's audit chain contains an exported, signed head: the signature
 * verifies, it was made by this installation's key (`installationFingerprint`, when known) for
 * this installation, and the row at its position has its hash and MAC. A chain truncated or
 * rewritten since that export — even with every hash recomputed and new anchors — fails here.
 * Run it after {@link verifyAuditTrail}, which proves the rest of the chain is consistent.
 */
export async function verifyAuditAgainstHead(
  db: Database,
  headJson: unknown,
  installationFingerprint: string | undefined,
): Promise<HeadCheck> {
  const parsed = SignedAuditHead.safeParse(headJson);
  if (!parsed.success)
    return { holdsHead: false, failure: HeadCheckFailure.malformed, position: null };
  const head = parsed.data;
  const signed = verifyInstallationSignature(head.certificate, signedTextOf(head), head.signature);
  if (!signed)
    return {
      holdsHead: false,
      failure: HeadCheckFailure.signatureInvalid,
      position: head.position,
    };
  if (installationFingerprint !== undefined && signed.fingerprint !== installationFingerprint)
    return { holdsHead: false, failure: HeadCheckFailure.unknownSigner, position: head.position };
  const instance = await findInstance(db);
  if (instance?.installationId !== head.installationId)
    return {
      holdsHead: false,
      failure: HeadCheckFailure.otherInstallation,
      position: head.position,
    };
  const row = await findChainRow(db, head.position);
  if (!row)
    return { holdsHead: false, failure: HeadCheckFailure.positionMissing, position: head.position };
  if (row.hash !== head.hash || row.mac !== head.mac)
    return { holdsHead: false, failure: HeadCheckFailure.hashMismatch, position: head.position };
  return { holdsHead: true, position: head.position, signer: signed.fingerprint };
}
