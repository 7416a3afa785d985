import { createHash, X509Certificate as NodeCertificate, type KeyObject } from 'node:crypto';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { childrenOf, contentOf, encodingOf, isTag, readElement } from './der.js';
import { readSubjectIdentity, type SubjectIdentity } from './nca-conventions.js';

/** Key usage bits of a certificate (RFC 5280, 4.2.1.3). */
export interface KeyUsage {
  digitalSignature: boolean;
  nonRepudiation: boolean;
  keyEncipherment: boolean;
  keyCertSign: boolean;
  cRLSign: boolean;
}

/** A parsed certificate with everything verification needs, computed once. */
export interface CertificateInfo {
  der: Uint8Array;
  /** SHA-256 of the DER, hex. */
  fingerprint: string;
  /** SHA-256 of the DER, raw (for ESSCertIDv2). */
  sha256: Uint8Array;
  certificate: pkijs.Certificate;
  node: NodeCertificate;
  publicKey: KeyObject;
  /** Hex of the DER subject / issuer names: keys for issuer look-ups. */
  subjectKey: string;
  issuerKey: string;
  /** Serial number, lowercase hex without leading zeros. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
  keyUsage: KeyUsage | undefined;
  extendedKeyUsage: string[];
  identity: SubjectIdentity;
}

const MAX_CACHED = 10_000;
const cache = new Map<string, CertificateInfo>();

/** Normalises a hex serial number: lowercase, no leading zeros. */
export function normaliseSerial(hex: string): string {
  const trimmed = hex.toLowerCase().replace(/^0+/, '');
  return trimmed === '' ? '0' : trimmed;
}

/** Hex of bytes. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex');
}

/**
 * The serial number and the issuer and subject names of a certificate, read from its DER
 * bytes as they are (the keys that CMS signer identifiers and CRL issuers are matched on).
 */
function rawFields(der: Uint8Array): { serial: string; issuerKey: string; subjectKey: string } {
  const certificate = readElement(der, 0);
  const tbs = childrenOf(der, childrenOf(der, certificate)[0]!);
  const offset = isTag(tbs[0], 2, 0) ? 1 : 0;
  const [serial, , issuer, , subject] = tbs.slice(offset);
  if (!serial || !issuer || !subject) throw new Error('not an X.509 certificate');
  return {
    serial: normaliseSerial(toHex(contentOf(der, serial))),
    issuerKey: toHex(encodingOf(der, issuer)),
    subjectKey: toHex(encodingOf(der, subject)),
  };
}

/** Hex of the DER issuer name of a CRL, read from its bytes as they are. */
export function crlIssuerKey(der: Uint8Array): string {
  const tbs = childrenOf(der, childrenOf(der, readElement(der, 0))[0]!);
  const offset = isTag(tbs[0], 0, 2) ? 1 : 0;
  const issuer = tbs[offset + 1];
  if (!issuer) throw new Error('not a CRL');
  return toHex(encodingOf(der, issuer));
}

function namePairs(name: pkijs.RelativeDistinguishedNames): Array<[string, string]> {
  return name.typesAndValues.map((entry) => {
    const block = entry.value.valueBlock as { value?: unknown };
    return [entry.type, typeof block.value === 'string' ? block.value : ''];
  });
}

function readKeyUsage(certificate: pkijs.Certificate): KeyUsage | undefined {
  const extension = certificate.extensions?.find((e) => e.extnID === '2.5.29.15');
  if (!extension) return undefined;
  const bits = (extension.parsedValue as asn1js.BitString).valueBlock.valueHexView;
  const first = bits[0] ?? 0;
  return {
    digitalSignature: (first & 0x80) !== 0,
    nonRepudiation: (first & 0x40) !== 0,
    keyEncipherment: (first & 0x20) !== 0,
    keyCertSign: (first & 0x04) !== 0,
    cRLSign: (first & 0x02) !== 0,
  };
}

function readExtendedKeyUsage(certificate: pkijs.Certificate): string[] {
  const extension = certificate.extensions?.find((e) => e.extnID === '2.5.29.37');
  return extension ? (extension.parsedValue as pkijs.ExtKeyUsage).keyPurposes : [];
}

function readIsCa(certificate: pkijs.Certificate): boolean {
  const extension = certificate.extensions?.find((e) => e.extnID === '2.5.29.19');
  return extension ? Boolean((extension.parsedValue as pkijs.BasicConstraints).cA) : false;
}

/**
 * Parses a certificate (DER bytes or an already parsed pkijs certificate) and caches the
 * result by its SHA-256, so CA and frequent signer certificates are parsed once.
 */
export function certificateInfo(input: Uint8Array | pkijs.Certificate): CertificateInfo {
  const der =
    input instanceof Uint8Array ? input : new Uint8Array(input.toSchema(false).toBER(false));
  const sha256 = createHash('sha256').update(der).digest();
  const fingerprint = sha256.toString('hex');
  const cached = cache.get(fingerprint);
  if (cached) return cached;
  const certificate = input instanceof Uint8Array ? pkijs.Certificate.fromBER(der) : input;
  const node = new NodeCertificate(der);
  const raw = rawFields(der);
  const info: CertificateInfo = {
    der,
    fingerprint,
    sha256: new Uint8Array(sha256),
    certificate,
    node,
    publicKey: node.publicKey,
    subjectKey: raw.subjectKey,
    issuerKey: raw.issuerKey,
    serialNumber: raw.serial,
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    isCa: readIsCa(certificate),
    keyUsage: readKeyUsage(certificate),
    extendedKeyUsage: readExtendedKeyUsage(certificate),
    identity: readSubjectIdentity(namePairs(certificate.subject)),
  };
  if (cache.size >= MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(fingerprint, info);
  return info;
}

/** Decodes PEM (one or more blocks) or returns DER bytes unchanged. */
export function pemOrDer(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  if (!text.includes('-----BEGIN')) return [bytes];
  const blocks = Buffer.from(bytes)
    .toString('latin1')
    .matchAll(/-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END [A-Z0-9 ]+-----/g);
  return [...blocks].map(
    (match) => new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')),
  );
}

/** PEM text of DER bytes. */
export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const base64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}

/** Node's hash name for a signature algorithm OID; undefined when unsupported. */
export function hashOfSignatureAlgorithm(oid: string): string | undefined {
  switch (oid) {
    case '1.2.840.113549.1.1.11':
    case '1.2.840.10045.4.3.2':
      return 'sha256';
    case '1.2.840.113549.1.1.12':
    case '1.2.840.10045.4.3.3':
      return 'sha384';
    case '1.2.840.113549.1.1.13':
    case '1.2.840.10045.4.3.4':
      return 'sha512';
    default:
      return undefined;
  }
}
