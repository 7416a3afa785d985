import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { issueCrl, withKeysMadeAhead } from './certificate-authority.js';
import { certificateInfo, normaliseSerial, pemOrDer, toPem } from './certificate-info.js';
import type { SigningCredential } from './cms-sign.js';
import {
  createDemoPki,
  demoHolders,
  issueHolderCredentials,
  type DemoPki,
  type HolderCredentials,
} from './demo-pki.js';
import type { CertificateHolder } from './nca-conventions.js';
import { exportPkcs12, importPkcs12, signingCredentialOf, type Pkcs12Contents } from './pkcs12.js';
import { TrustStore } from './trust-store.js';
import * as x509 from './x509.js';

/**
 * The folder layout of trust material (PKI_DIR, default ./data/pki):
 *
 * - `trusted/`  CA certificates (PEM or DER: .pem .cer .crt .der); self-signed ones are
 *               trusted roots, the others intermediates — administrators drop the real
 *               НУЦ РК root and issuing CA certificates here;
 * - `crl/`      revocation lists (.crl, PEM or DER), e.g. НУЦ РК's nca_rsa.crl;
 * - `embedded/` the embedded default's CA keys (PKCS#12);
 * - `demo/`     PKCS#12 key files of the demo citizens and staff (`<IIN>.p12`).
 */
export const PkiFolder = {
  trusted: 'trusted',
  crl: 'crl',
  embedded: 'embedded',
  demo: 'demo',
} as const;

/** What loading a trust folder did; a bad file is reported, not thrown (batch operation). */
export interface TrustStoreLoad {
  store: TrustStore;
  roots: string[];
  intermediates: string[];
  crls: string[];
  errors: Array<{ file: string; error: string }>;
}

function listFiles(directory: string, extensions: readonly string[]): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory)
    .filter((name) => extensions.includes(path.extname(name).toLowerCase()))
    .sort()
    .map((name) => path.join(directory, name));
}

/** Loads every trusted CA certificate and CRL under `pkiDirectory` into a new trust store. */
export function loadTrustStore(pkiDirectory: string): TrustStoreLoad {
  const result: TrustStoreLoad = {
    store: new TrustStore(),
    roots: [],
    intermediates: [],
    crls: [],
    errors: [],
  };
  const certificates: Array<{ file: string; der: Uint8Array }> = [];
  for (const file of listFiles(path.join(pkiDirectory, PkiFolder.trusted), [
    '.pem',
    '.cer',
    '.crt',
    '.der',
  ])) {
    try {
      for (const der of pemOrDer(fs.readFileSync(file))) certificates.push({ file, der });
    } catch (error) {
      result.errors.push({ file, error: (error as Error).message });
    }
  }
  for (const { file, der } of certificates) {
    try {
      const info = certificateInfo(der);
      if (info.subjectKey === info.issuerKey && info.node.verify(info.publicKey)) {
        result.store.addRoot(der);
        result.roots.push(file);
      } else {
        result.store.addIntermediate(der);
        result.intermediates.push(file);
      }
    } catch (error) {
      result.errors.push({ file, error: (error as Error).message });
    }
  }
  for (const file of listFiles(path.join(pkiDirectory, PkiFolder.crl), ['.crl', '.pem', '.der'])) {
    try {
      for (const der of pemOrDer(fs.readFileSync(file))) result.store.addCrl(der);
      result.crls.push(file);
    } catch (error) {
      result.errors.push({ file, error: (error as Error).message });
    }
  }
  return result;
}

/**
 * Where the embedded PKI's certificates start: before the earliest regulation's effective
 * period (2013), so that the demo applications, dated inside those periods, are signed with
 * certificates valid at their time. Their ends stay relative to the day of `pki init`.
 */
export const embeddedPkiValidFrom = new Date('2010-01-01T00:00:00Z');

/** The password of the embedded default's demo key files (printed by `qyzmet signer --help`). */
export const DEMO_KEY_PASSWORD = 'Qyzmet2026';

/**
 * Creates the embedded default's PKI in `pkiDirectory` unless it exists: root and issuing
 * CA (certificates in trusted/, keys in embedded/), their CRLs in crl/, and a PKCS#12 file per
 * demo citizen and staff member in demo/ (password {@link DEMO_KEY_PASSWORD}).
 * Returns the created PKI, or undefined when the folder was already initialised.
 */
export async function initialiseEmbeddedPki(
  pkiDirectory: string,
  now: Date,
): Promise<DemoPki | undefined> {
  const marker = path.join(pkiDirectory, PkiFolder.embedded, 'issuing-ca.p12');
  if (fs.existsSync(marker)) return undefined;
  const pki = await createDemoPki({ now, holders: demoHolders, validFrom: embeddedPkiValidFrom });
  for (const folder of Object.values(PkiFolder)) {
    fs.mkdirSync(path.join(pkiDirectory, folder), { recursive: true });
  }
  const write = (folder: string, name: string, data: Uint8Array | string) =>
    fs.writeFileSync(path.join(pkiDirectory, folder, name), data, { mode: 0o600 });
  write(
    PkiFolder.trusted,
    'qyzmet-root-ca.pem',
    toPem(new Uint8Array(pki.root.certificate.rawData)),
  );
  write(
    PkiFolder.trusted,
    'qyzmet-issuing-ca.pem',
    toPem(new Uint8Array(pki.issuing.certificate.rawData)),
  );
  write(PkiFolder.crl, 'qyzmet-issuing-ca.crl', new Uint8Array(pki.crl.rawData));
  write(PkiFolder.crl, 'qyzmet-root-ca.crl', new Uint8Array(pki.rootCrl.rawData));
  for (const [name, ca] of [
    ['root-ca.p12', pki.root],
    ['issuing-ca.p12', pki.issuing],
  ] as const) {
    write(
      PkiFolder.embedded,
      name,
      await exportPkcs12({
        entries: [{ friendlyName: 'ca', privateKey: ca.privateKey, certificate: ca.certificate }],
        caCertificates: ca.chain,
        password: DEMO_KEY_PASSWORD,
      }),
    );
  }
  for (const credentials of pki.holders) {
    await writeHolderKeys(pkiDirectory, credentials);
  }
  return pki;
}

/** Writes a holder's signing and authentication keys to demo/<IIN>.p12. */
async function writeHolderKeys(pkiDirectory: string, credentials: HolderCredentials) {
  fs.mkdirSync(path.join(pkiDirectory, PkiFolder.demo), { recursive: true });
  fs.writeFileSync(
    path.join(pkiDirectory, PkiFolder.demo, `${credentials.holder.iin}.p12`),
    await exportPkcs12({
      entries: [
        {
          friendlyName: 'signing',
          privateKey: credentials.signing.privateKey,
          certificate: credentials.signing.certificate,
        },
        {
          friendlyName: 'authentication',
          privateKey: credentials.authentication.privateKey,
          certificate: credentials.authentication.certificate,
        },
      ],
      caCertificates: credentials.signing.chain,
      password: DEMO_KEY_PASSWORD,
    }),
    { mode: 0o600 },
  );
}

/** Whether the folder holds a CA certificate (trusted/): the embedded one or a real CA's. */
export function hasTrustedCa(pkiDirectory: string): boolean {
  return (
    listFiles(path.join(pkiDirectory, PkiFolder.trusted), ['.pem', '.cer', '.crt', '.der']).length >
    0
  );
}

/**
 * The first start's `pki init`: creates the embedded PKI when the folder has no CA
 * certificate at all (a folder with a real CA is left alone). Returns what was created, or
 * undefined when nothing was.
 */
export async function ensureEmbeddedPki(
  pkiDirectory: string,
  now: Date,
): Promise<DemoPki | undefined> {
  if (hasTrustedCa(pkiDirectory)) return undefined;
  return withKeysMadeAhead(2, () => initialiseEmbeddedPki(pkiDirectory, now));
}

/**
 * The signing key of a demo staff member from the folder's demo/<IIN>.p12; when there is
 * none, the embedded issuing CA certifies one (valid from {@link embeddedPkiValidFrom}, so
 * it signs demo applications of historical periods) and it is written there, for the
 * browser's signer too. Undefined when the folder has no embedded CA (e.g. a real CA only).
 */
export async function demoStaffSigningKey(
  pkiDirectory: string,
  holder: CertificateHolder,
  now: Date,
): Promise<SigningCredential | undefined> {
  const file = path.join(pkiDirectory, PkiFolder.demo, `${holder.iin}.p12`);
  if (fs.existsSync(file)) {
    return signingCredentialOf(
      await importPkcs12(new Uint8Array(fs.readFileSync(file)), DEMO_KEY_PASSWORD),
    );
  }
  const caFile = path.join(pkiDirectory, PkiFolder.embedded, 'issuing-ca.p12');
  if (!fs.existsSync(caFile)) return undefined;
  const keys = await importIssuingCa(caFile);
  const entry = keys.entries[0];
  if (!entry) return undefined;
  const certificate = new x509.X509Certificate(entry.certificate);
  const notBefore = certificate.notBefore;
  const days = Math.ceil((now.getTime() - notBefore.getTime()) / 86_400_000) + 365;
  const credentials = await issueHolderCredentials(
    {
      certificate,
      privateKey: entry.privateKey,
      chain: keys.caCertificates.map((der) => new x509.X509Certificate(der)),
    },
    holder,
    notBefore,
    days,
  );
  await writeHolderKeys(pkiDirectory, credentials);
  return {
    certificate: credentials.signing.certificate,
    privateKey: credentials.signing.privateKey,
    chain: credentials.signing.chain,
  };
}

/**
 * The embedded issuing CA's key file, imported once while its bytes stay the same: a PKCS#12 import derives its keys with 10,000 PBKDF
 * rounds in JavaScript, and the demo seed certified each of its 17 signers with a fresh import
 * (issue 21, docs/performance.md). A handful of folders at most (tests make many).
 */
const issuingCaImports = new Map<string, { stamp: string; keys: Promise<Pkcs12Contents> }>();

function importIssuingCa(caFile: string): Promise<Pkcs12Contents> {
  const bytes = fs.readFileSync(caFile);
  const stamp = createHash('sha256').update(bytes).digest('hex');
  const cached = issuingCaImports.get(caFile);
  if (cached?.stamp === stamp) return cached.keys;
  const keys = importPkcs12(new Uint8Array(bytes), DEMO_KEY_PASSWORD);
  issuingCaImports.delete(caFile);
  if (issuingCaImports.size >= 8) issuingCaImports.delete(issuingCaImports.keys().next().value!);
  issuingCaImports.set(caFile, { stamp, keys });
  keys.catch(() => {
    if (issuingCaImports.get(caFile)?.keys === keys) issuingCaImports.delete(caFile);
  });
  return keys;
}

/**
 * Revokes a certificate issued by the embedded issuing CA: re-issues its CRL in crl/ with the
 * earlier entries plus this one (for demos of the "revoked certificate" refusal; a real CA
 * publishes its own CRLs). Returns the number of revoked certificates in the new CRL.
 */
export async function revokeWithEmbeddedCa(
  pkiDirectory: string,
  serialNumber: string,
  revokedAt: Date,
  now: Date,
): Promise<number> {
  const keys = await importIssuingCa(path.join(pkiDirectory, PkiFolder.embedded, 'issuing-ca.p12'));
  const entry = keys.entries[0];
  if (!entry) throw new Error('the embedded issuing CA key file holds no key');
  const crlFile = path.join(pkiDirectory, PkiFolder.crl, 'qyzmet-issuing-ca.crl');
  const previous = fs.existsSync(crlFile)
    ? new x509.X509Crl(new Uint8Array(fs.readFileSync(crlFile))).entries.map((e) => ({
        serialNumber: e.serialNumber,
        revokedAt: e.revocationDate,
      }))
    : [];
  const normalised = normaliseSerial(serialNumber);
  const revoked = previous.some((e) => normaliseSerial(e.serialNumber) === normalised)
    ? previous
    : [
        ...previous,
        { serialNumber: normalised.length % 2 ? `0${normalised}` : normalised, revokedAt },
      ];
  const crl = await issueCrl(
    {
      certificate: new x509.X509Certificate(entry.certificate),
      privateKey: entry.privateKey,
      chain: [],
    },
    { revoked, thisUpdate: now, nextUpdate: new Date(now.getTime() + 7 * 86_400_000) },
  );
  fs.writeFileSync(crlFile, new Uint8Array(crl.rawData));
  return revoked.length;
}
