import * as x509 from './x509.js';
import { keyAlgorithm, type KeyAlgorithmProvider, type PrivateKey } from './crypto-provider.js';
import {
  CertificatePurpose,
  extendedKeyUsages,
  subjectAttributes,
  type CertificateHolder,
} from './nca-conventions.js';

/** A certification authority: its certificate, its private key and the chain above it. */
export interface CertificateAuthority {
  certificate: x509.X509Certificate;
  privateKey: PrivateKey;
  /** The certificates above this one, nearest first (empty for a root). */
  chain: x509.X509Certificate[];
}

/** A key pair with its certificate, issued to a holder for one purpose. */
export interface IssuedCredential {
  purpose: CertificatePurpose;
  certificate: x509.X509Certificate;
  privateKey: PrivateKey;
  /** The issuing CA and the certificates above it, nearest first. */
  chain: x509.X509Certificate[];
}

/** When a certificate is valid. */
export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

type KeyPair = { publicKey: PrivateKey; privateKey: PrivateKey };

function makeKeys(provider: KeyAlgorithmProvider): Promise<KeyPair> {
  return provider.crypto.subtle.generateKey(provider.algorithm, true, [
    'sign',
    'verify',
  ]) as Promise<KeyPair>;
}

/** Key pairs being made ahead on the thread pool, and for which provider. */
const spareKeys: Array<{ provider: KeyAlgorithmProvider; keys: Promise<KeyPair> }> = [];
let keysAhead = 0;

function makeSpareKeys(): void {
  while (spareKeys.length < keysAhead) {
    const provider = keyAlgorithm();
    const keys = makeKeys(provider);
    keys.catch(() => {}); // taken by `generateKeys`, which sees the failure; never unhandled
    spareKeys.push({ provider, keys });
  }
}

/**
 * Runs `work` with up to `count` key pairs generated ahead: an RSA key pair is made on libuv's
 * thread pool, so the next ones are made while this thread does something else (the demo seed's
 * statements); without it the seed waited for every signer's keys in turn (issue 21). Keys made
 * ahead and not used are dropped at the end.
 */
export async function withKeysMadeAhead<T>(count: number, work: () => Promise<T>): Promise<T> {
  keysAhead = count;
  makeSpareKeys();
  try {
    return await work();
  } finally {
    keysAhead = 0;
    spareKeys.length = 0;
  }
}

async function generateKeys(): Promise<KeyPair> {
  const provider = keyAlgorithm();
  let spare = spareKeys.shift();
  // A spare of another provider (a test switched the algorithm) is not used.
  while (spare && spare.provider !== provider) spare = spareKeys.shift();
  makeSpareKeys();
  return spare ? spare.keys : makeKeys(provider);
}

// The typings of JsonName allow only plain strings; the runtime also takes
// { utf8String | printableString | ia5String } objects, which pin the ASN.1 string type.
function caName(commonName: string): x509.JsonName {
  return [
    { '2.5.4.3': [{ utf8String: commonName }] },
    { '2.5.4.10': [{ utf8String: 'Qyzmet' }] },
    { '2.5.4.6': [{ printableString: 'KZ' }] },
  ] as unknown as x509.JsonName;
}

function randomSerial(): string {
  const bytes = new Uint8Array(16);
  keyAlgorithm().crypto.getRandomValues(bytes);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return Buffer.from(bytes).toString('hex');
}

/**
 * Creates a self-signed root CA (the embedded default's counterpart of НУЦ РК's root
 * "КУЦ РК"). Its certificate is what administrators distribute as a trusted root.
 */
export async function createRootCa(
  options: { commonName: string } & Validity,
): Promise<CertificateAuthority> {
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: caName(options.commonName),
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    keys: keys as never,
    signingAlgorithm: keyAlgorithm().algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as never),
    ],
  });
  return { certificate, privateKey: keys.privateKey, chain: [] };
}

/** Creates an issuing CA (НУЦ РК's counterpart) signed by the root. */
export async function createIssuingCa(
  root: CertificateAuthority,
  options: { commonName: string } & Validity,
): Promise<CertificateAuthority> {
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: caName(options.commonName),
    issuer: root.certificate.subjectName,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    publicKey: keys.publicKey as never,
    signingKey: root.privateKey as never,
    signingAlgorithm: keyAlgorithm().algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as never),
      await x509.AuthorityKeyIdentifierExtension.create(root.certificate),
    ],
  });
  return { certificate, privateKey: keys.privateKey, chain: [root.certificate, ...root.chain] };
}

/**
 * Issues a certificate in НУЦ РК's conventions: signing certificates carry
 * digitalSignature + nonRepudiation and emailProtection; authentication certificates carry
 * digitalSignature + keyEncipherment and clientAuth (see nca-conventions.ts).
 */
export async function issueCertificate(
  ca: CertificateAuthority,
  options: {
    holder: CertificateHolder;
    purpose: CertificatePurpose;
    serialNumber?: string;
  } & Validity,
): Promise<IssuedCredential> {
  const keys = await generateKeys();
  const usage =
    options.purpose === CertificatePurpose.signing
      ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation
      : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment;
  const subject: x509.JsonName = subjectAttributes(options.holder).map(([oid, value, kind]) => ({
    [oid]: [{ [kind]: value }],
  })) as unknown as x509.JsonName;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: options.serialNumber ?? randomSerial(),
    subject,
    issuer: ca.certificate.subjectName,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    publicKey: keys.publicKey as never,
    signingKey: ca.privateKey as never,
    signingAlgorithm: keyAlgorithm().algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(usage, true),
      new x509.ExtendedKeyUsageExtension(extendedKeyUsages(options.holder, options.purpose)),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as never),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
    ],
  });
  return {
    purpose: options.purpose,
    certificate,
    privateKey: keys.privateKey,
    chain: [ca.certificate, ...ca.chain],
  };
}

/** One revoked certificate in a CRL. */
export interface Revocation {
  /** Hex serial number, as `X509Certificate.serialNumber` gives it. */
  serialNumber: string;
  revokedAt: Date;
}

/** Issues a certificate revocation list (список отозванных сертификатов) signed by the CA. */
export async function issueCrl(
  ca: CertificateAuthority,
  options: { revoked: readonly Revocation[]; thisUpdate: Date; nextUpdate: Date },
): Promise<x509.X509Crl> {
  return x509.X509CrlGenerator.create({
    issuer: ca.certificate.subjectName,
    thisUpdate: options.thisUpdate,
    nextUpdate: options.nextUpdate,
    entries: options.revoked.map((entry) => ({
      serialNumber: entry.serialNumber,
      revocationDate: entry.revokedAt,
      reason: x509.X509CrlReason.keyCompromise,
    })),
    signingKey: ca.privateKey as never,
    signingAlgorithm: keyAlgorithm().algorithm,
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(ca.certificate)],
  });
}
