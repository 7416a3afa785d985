import {
  X509Certificate as NodeCertificate,
  createPrivateKey,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { toPem } from './certificate-info.js';
import { keyAlgorithm, type PrivateKey } from './crypto-provider.js';
import * as x509 from './x509.js';

/**
 * The installation's own key material, in `PKI_DIR/installation/` (created at the first start
 * like the embedded PKI, never stored in the database):
 *
 * - `audit.key`    — 32 random bytes (hex): the secret under which every audit row carries a
 *                    MAC (storage/audit.repository.ts). Whoever has only the database cannot
 *                    forge a row that passes `audit verify`;
 * - `signer.pem`   — the installation's private key (PKCS#8) and its self-signed certificate
 *                    "QYZMET INSTALLATION <id>": it signs the audit chain's head exported for
 *                    auditors (features/audit/export-audit-head.ts).
 *
 * Every process that writes or verifies audit rows (server, `qyzmet worker`, `qyzmet audit`)
 * must see the same folder.
 */
export const installationFolder = 'installation';

export interface InstallationSigner {
  readonly privateKey: KeyObject;
  /** The certificate, PEM. */
  readonly certificatePem: string;
  /** SHA-256 fingerprint of the certificate (hex, upper case with colons, as OpenSSL prints). */
  readonly fingerprint: string;
}

export interface InstallationKeys {
  readonly auditKey: Buffer;
  readonly signer: InstallationSigner;
}

const auditKeyFile = 'audit.key';
const signerFile = 'signer.pem';

/** Writes a file only if it does not exist yet (two processes starting at once agree). */
function writeOnce(file: string, data: string): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temporary, data, { mode: 0o600 });
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function signerOf(pem: string): InstallationSigner {
  const certificatePem = pem.slice(pem.indexOf('-----BEGIN CERTIFICATE-----'));
  const certificate = new NodeCertificate(certificatePem);
  return {
    privateKey: createPrivateKey(pem),
    certificatePem,
    fingerprint: certificate.fingerprint256,
  };
}

/** The installation's keys, or undefined when the folder does not hold them (yet). */
export function loadInstallationKeys(pkiDirectory: string): InstallationKeys | undefined {
  const folder = path.join(pkiDirectory, installationFolder);
  const keyPath = path.join(folder, auditKeyFile);
  const signerPath = path.join(folder, signerFile);
  if (!fs.existsSync(keyPath) || !fs.existsSync(signerPath)) return undefined;
  const hex = fs.readFileSync(keyPath, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${keyPath} must hold 64 hexadecimal digits`);
  return {
    auditKey: Buffer.from(hex, 'hex'),
    signer: signerOf(fs.readFileSync(signerPath, 'utf8')),
  };
}

/**
 * Creates the installation's keys in `pkiDirectory/installation/` unless they exist, and
 * returns them (`created` tells whether this call made them).
 */
export async function ensureInstallationKeys(
  pkiDirectory: string,
  installationId: string,
  now: Date,
): Promise<InstallationKeys & { created: boolean }> {
  const existing = loadInstallationKeys(pkiDirectory);
  if (existing) return { ...existing, created: false };
  const folder = path.join(pkiDirectory, installationFolder);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  writeOnce(path.join(folder, auditKeyFile), `${randomBytes(32).toString('hex')}\n`);
  const signerPath = path.join(folder, signerFile);
  if (!fs.existsSync(signerPath)) {
    const provider = keyAlgorithm();
    const keys = (await provider.crypto.subtle.generateKey(provider.algorithm, true, [
      'sign',
      'verify',
    ])) as { publicKey: PrivateKey; privateKey: PrivateKey };
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomBytes(16).toString('hex').replace(/^./, '1'),
      name: [
        { '2.5.4.3': [{ utf8String: `QYZMET INSTALLATION ${installationId}` }] },
        { '2.5.4.10': [{ utf8String: 'Qyzmet' }] },
        { '2.5.4.6': [{ printableString: 'KZ' }] },
      ] as unknown as x509.JsonName,
      notBefore: now,
      notAfter: new Date(now.getTime() + 30 * 365 * 86_400_000),
      keys: keys as never,
      signingAlgorithm: provider.algorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
          true,
        ),
      ],
    });
    const pkcs8 = new Uint8Array(await provider.crypto.subtle.exportKey('pkcs8', keys.privateKey));
    const keyPem = toPem(pkcs8, 'PRIVATE KEY');
    writeOnce(signerPath, keyPem + toPem(new Uint8Array(certificate.rawData)));
  }
  return { ...loadInstallationKeys(pkiDirectory)!, created: true };
}

/** Signs `data` with the installation's key (SHA-256; base64). */
export function signWithInstallationKey(signer: InstallationSigner, data: string): string {
  return sign('sha256', Buffer.from(data), signer.privateKey).toString('base64');
}

/**
 * Checks a signature made by {@link signWithInstallationKey} against the certificate that
 * comes with it; returns its fingerprint when it verifies, undefined otherwise.
 */
export function verifyInstallationSignature(
  certificatePem: string,
  data: string,
  signature: string,
): { fingerprint: string } | undefined {
  try {
    const certificate = new NodeCertificate(certificatePem);
    const isValid = verify(
      'sha256',
      Buffer.from(data),
      certificate.publicKey,
      Buffer.from(signature, 'base64'),
    );
    return isValid ? { fingerprint: certificate.fingerprint256 } : undefined;
  } catch {
    return undefined;
  }
}
