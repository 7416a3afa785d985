import fs from 'node:fs';
import path from 'node:path';
import type { CertificateAuthority } from '../../signing/certificate-authority.js';
import type { SigningCredential } from '../../signing/cms-sign.js';
import { createDemoPki, issueHolderCredentials } from '../../signing/demo-pki.js';
import { DEMO_KEY_PASSWORD, PkiFolder, loadTrustStore } from '../../signing/pki-directory.js';
import { importPkcs12 } from '../../signing/pkcs12.js';
import type { TrustStore } from '../../signing/trust-store.js';
import * as x509 from '../../signing/x509.js';

/** Who signs a front-office document (receipt, refusal receipt, courier register). */
export interface OfficeSignerHolder {
  readonly staffId: string;
  readonly iin: string;
  readonly fullName: string;
  readonly organisationName: string;
  readonly bin: string | null;
}

/** A CA able to certify staff keys, and the trust store that accepts what it certifies. */
interface OfficeCa {
  readonly ca: CertificateAuthority;
  readonly trustStore: TrustStore;
  /** Where it comes from: the installation's embedded CA, or a CA kept in memory. */
  readonly origin: 'pki_directory' | 'memory';
}

const cas = new Map<string, Promise<OfficeCa>>();
const credentials = new Map<string, Promise<SigningCredential>>();

async function embeddedCa(pkiDirectory: string, now: Date): Promise<OfficeCa | undefined> {
  const file = path.join(pkiDirectory, PkiFolder.embedded, 'issuing-ca.p12');
  if (!fs.existsSync(file)) return undefined;
  const keys = await importPkcs12(new Uint8Array(fs.readFileSync(file)), DEMO_KEY_PASSWORD);
  const entry = keys.entries[0];
  if (!entry) return undefined;
  const certificate = new x509.X509Certificate(entry.certificate);
  const isValidNow =
    certificate.notBefore.getTime() <= now.getTime() &&
    now.getTime() <= certificate.notAfter.getTime();
  if (!isValidNow) return undefined;
  const chain = keys.caCertificates.map((der) => new x509.X509Certificate(der));
  return {
    ca: { certificate, privateKey: entry.privateKey, chain },
    trustStore: loadTrustStore(pkiDirectory).store,
    origin: 'pki_directory',
  };
}

async function memoryCa(now: Date): Promise<OfficeCa> {
  const pki = await createDemoPki({ now, holders: [] });
  return { ca: pki.issuing, trustStore: pki.trustStore(), origin: 'memory' };
}

function officeCa(pkiDirectory: string, now: Date): Promise<OfficeCa> {
  // The clock may be a test's (a regulation's historical period): a CA not valid then is not used.
  const key = `${pkiDirectory}|${now.getUTCFullYear()}`;
  let found = cas.get(key);
  if (!found) {
    found = embeddedCa(pkiDirectory, now)
      .catch(() => undefined)
      .then((embedded) => embedded ?? memoryCa(now));
    cas.set(key, found);
  }
  return found;
}

/**
 * The signing key of a front-office employee for the documents the front office issues, and
 * the trust store that checks it. The embedded CA of the installation (PKI_DIR) certifies a
 * key for the employee, kept in memory for the process; without an initialised PKI folder (or
 * when its CA is not valid at the clock's time) a CA in memory does it, and such documents are
 * verifiable only while the process runs. A deployment with the national CA replaces this by
 * the staff member's own key through NCALayer (engine gap: no staff key store on the server).
 */
export async function officeSigner(
  pkiDirectory: string,
  holder: OfficeSignerHolder,
  now: Date,
): Promise<{ signer: SigningCredential; trustStore: TrustStore }> {
  const { ca, trustStore } = await officeCa(pkiDirectory, now);
  const key = `${pkiDirectory}|${now.getUTCFullYear()}|${holder.staffId}`;
  let credential = credentials.get(key);
  if (!credential) {
    const [surname, name, patronymic] = splitName(holder.fullName);
    credential = issueHolderCredentials(
      ca,
      {
        iin: holder.iin,
        surname,
        name,
        ...(patronymic ? { patronymic } : {}),
        organisation: { name: holder.organisationName, bin: holder.bin ?? '000000000000' },
      },
      new Date(now.getTime() - 86_400_000),
      365,
    ).then((issued) => ({
      certificate: issued.signing.certificate,
      privateKey: issued.signing.privateKey,
      chain: issued.signing.chain,
    }));
    credentials.set(key, credential);
  }
  return { signer: await credential, trustStore };
}

/**
 * The signing key of an organisation itself, for the documents the platform issues on its
 * behalf without an employee's act (a kindergarten referral issued when the parent signs the
 * acceptance): certified like an employee's key by the installation's CA, the subject being the
 * organisation (its name as the common name, its BIN as the identification number and the
 * organisational unit). Kept in memory for the process, like the employees' keys.
 */
export async function organisationSigner(
  pkiDirectory: string,
  organisation: { readonly id: string; readonly name: string; readonly bin: string | null },
  now: Date,
): Promise<{ signer: SigningCredential; trustStore: TrustStore }> {
  const { ca, trustStore } = await officeCa(pkiDirectory, now);
  const key = `${pkiDirectory}|${now.getUTCFullYear()}|organisation|${organisation.id}`;
  let credential = credentials.get(key);
  if (!credential) {
    const bin = organisation.bin ?? '000000000000';
    credential = issueHolderCredentials(
      ca,
      {
        iin: bin,
        surname: organisation.name,
        name: '',
        organisation: { name: organisation.name, bin, isHead: true },
      },
      new Date(now.getTime() - 86_400_000),
      365,
    ).then((issued) => ({
      certificate: issued.signing.certificate,
      privateKey: issued.signing.privateKey,
      chain: issued.signing.chain,
    }));
    credentials.set(key, credential);
  }
  return { signer: await credential, trustStore };
}

function splitName(fullName: string): [string, string, string | undefined] {
  const words = fullName
    .replace(/[^\p{L}\s-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return [words[0] ?? 'STAFF', words[1] ?? 'STAFF', words[2]];
}
