import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ResultSigning } from '../../src/features/demo/sign-result.js';
import {
  demoStaffSigningKey,
  initialiseEmbeddedPki,
  loadTrustStore,
} from '../../src/signing/pki-directory.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { findOrganisation } from '../../src/storage/organisation.repository.js';
import { findStaffAccount } from '../../src/storage/staff-account.repository.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import type { ApplicationServices } from '../../src/engine/application-services.js';
import type { SignedDocumentResult } from '../../src/features/documents/sign-prepared-document.js';
import { signPreparedDocument } from '../../src/features/documents/sign-prepared-document.js';
import { prepareSampleDraft } from '../../src/features/demo/sign-result.js';
import { DraftOutcome } from '../../src/domain/application/drafting.js';
import { signCms, type SigningCredential } from '../../src/signing/cms-sign.js';
import type { TrustStore } from '../../src/signing/trust-store.js';
import { getApplicationFor } from '../../src/engine/load-application.js';

type Staff = Principal & { kind: 'staff' };

/** A detached CAdES over a SHA-256 (hex), as NCALayer's createCAdESFromBase64Hash makes it. */
export async function cmsOverSha256(
  credential: SigningCredential,
  sha256Hex: string,
  signingTime: Date,
): Promise<string> {
  const cms = await signCms({
    credential,
    digest: new Uint8Array(Buffer.from(sha256Hex, 'hex')),
    signingTime,
    attached: false,
  });
  return Buffer.from(cms).toString('base64');
}

/**
 * The two-phase signing every test uses where it once completed a signing step: the executor
 * prepares the draft of `outcome` at the current (review or drafting) step with sample field
 * values — or, when the executor signs (seed 003), at the signing step itself — then `signer`
 * signs its PDF with `credential`. Returns the signed document and the state reached.
 */
export async function prepareAndSign(
  services: ApplicationServices,
  options: {
    applicationId: string;
    executor: Principal;
    signer: Staff;
    credential: SigningCredential;
    trustStore: TrustStore;
    outcome?: DraftOutcome;
    keyPrefix: string;
    publicUrl?: string;
  },
): Promise<SignedDocumentResult> {
  const publicUrl = options.publicUrl ?? 'http://localhost';
  const { regulation } = await getApplicationFor(
    services,
    { kind: 'system' },
    options.applicationId,
  );
  const prepared = await prepareSampleDraft(services, { publicUrl }, options.executor, {
    applicationId: options.applicationId,
    serviceCode: regulation.service,
    outcome: options.outcome ?? DraftOutcome.result,
    idempotencyKey: `${options.keyPrefix}:prepare`,
  });
  return signPreparedDocument(
    services,
    { trustStore: options.trustStore, publicUrl },
    options.signer,
    {
      idempotencyKey: `${options.keyPrefix}:sign`,
      applicationId: options.applicationId,
      draftId: prepared.draftId,
      cms: await cmsOverSha256(options.credential, prepared.pdfSha256, services.now()),
    },
  );
}

/**
 * Signing for tests that drive applications through the engine: a fresh embedded PKI in a
 * temporary folder (never ./data), whose CA certifies each signer's key on first use with
 * the staff account's IIN and the organisation's BIN (as `seedDemo` does with PKI_DIR).
 */
export async function createTestResultSigning(
  database: DatabaseHandle,
  now: Date,
): Promise<ResultSigning & { readonly pkiDirectory: string; dispose(): void }> {
  const pkiDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-test-signing-'));
  await initialiseEmbeddedPki(pkiDirectory, now);
  const dispose = () => fs.rmSync(pkiDirectory, { recursive: true, force: true });
  process.once('exit', dispose);
  const keys = new Map<string, Promise<SigningCredential | undefined>>();
  return {
    pkiDirectory,
    publicUrl: 'http://localhost',
    trustStore: loadTrustStore(pkiDirectory).store,
    keyFor(principal) {
      let key = keys.get(principal.staffId);
      if (!key) {
        key = staffSigningKey(database, pkiDirectory, principal, now);
        keys.set(principal.staffId, key);
      }
      return key;
    },
    dispose,
  };
}

/**
 * A staff member's signing key from a PKI folder with an embedded CA (demo/<IIN>.p12, issued
 * on first use with the account's IIN and the organisation's BIN).
 */
export async function staffSigningKey(
  database: DatabaseHandle,
  pkiDirectory: string,
  principal: Staff,
  now: Date,
): Promise<SigningCredential | undefined> {
  const account = await findStaffAccount(database.db, principal.staffId);
  if (!account) return undefined;
  const organisation = await findOrganisation(database.db, account.organisationId);
  const isHead = account.roles.includes('head');
  return demoStaffSigningKey(
    pkiDirectory,
    {
      iin: account.iin,
      surname: 'Тестов',
      name: isHead ? 'Басшы' : 'Орындаушы',
      organisation: {
        name: organisation?.nameRu ?? account.organisationId,
        bin: organisation?.bin ?? '000000000000',
        isHead,
      },
    },
    now,
  );
}
