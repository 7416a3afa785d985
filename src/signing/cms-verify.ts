import { createHash, verify as verifySignature } from 'node:crypto';
import type { LocalizedText } from '../domain/shared/locale.js';
import {
  SignatureFailure,
  signatureFailureMessage,
} from '../domain/signature/signature-failure.js';
import {
  certificateInfo,
  normaliseSerial,
  toHex,
  type CertificateInfo,
} from './certificate-info.js';
import { CmsOid } from './cms-sign.js';
import {
  childrenOf,
  contentOf,
  DerError,
  encodingOf,
  isTag,
  octetsOf,
  oidOf,
  readElement,
  timeOf,
  type Element,
} from './der.js';
import { CertificatePurpose, KeyPurposeOid, type SubjectIdentity } from './nca-conventions.js';
import type { TrustStore } from './trust-store.js';

/** How far in the future a signing time may lie (clock skew between the signer and us). */
const CLOCK_SKEW_MS = 5 * 60_000;

/** What to check. */
export interface VerifyCmsInput {
  /** DER (or BER) bytes of the CMS ContentInfo. */
  cms: Uint8Array;
  /** The signed data, for a detached signature. */
  content?: Uint8Array;
  trustStore: TrustStore;
  /** The current instant (injected clock). */
  now: Date;
  /** The IIN and/or BIN the request is made for; condition 2 requires them to match. */
  expected?: { iin?: string; bin?: string };
  /** Which kind of key must have signed; signing (nonRepudiation) by default. */
  purpose?: CertificatePurpose;
  /**
   * The instant at which the certificate must not be revoked: now for a fresh signature; the
   * trusted time of storage for a document signed earlier (a later revocation does not undo it).
   */
  revocationTime?: Date;
}

/** Who signed, as the certificate states it. */
export interface SignerDetails {
  identity: SubjectIdentity;
  serialNumber: string;
  fingerprint: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  certificate: Uint8Array;
}

/** The outcome; a failure carries its own code and kk/ru/en message. */
export type CmsVerification =
  | { valid: true; signer: SignerDetails; signingTime: Date; content: Uint8Array }
  | {
      valid: false;
      failure: SignatureFailure;
      message: LocalizedText;
      signer?: SignerDetails;
      signingTime?: Date;
    };

function fail(
  failure: SignatureFailure,
  signer?: CertificateInfo,
  signingTime?: Date,
): CmsVerification {
  return {
    valid: false,
    failure,
    message: signatureFailureMessage(failure),
    ...(signer ? { signer: details(signer) } : {}),
    ...(signingTime ? { signingTime } : {}),
  };
}

function details(info: CertificateInfo): SignerDetails {
  const issuerCn = info.certificate.issuer.typesAndValues.find((t) => t.type === '2.5.4.3');
  const issuerValue = (issuerCn?.value.valueBlock as { value?: unknown } | undefined)?.value;
  return {
    identity: info.identity,
    serialNumber: info.serialNumber,
    fingerprint: info.fingerprint,
    issuer: typeof issuerValue === 'string' ? issuerValue : '',
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    certificate: info.der,
  };
}

const HASH_BY_OID: Record<string, string> = {
  [CmsOid.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.3.14.3.2.26': 'sha1',
};

const SIGNING_CERTIFICATE_V1 = '1.2.840.113549.1.9.16.2.12';

/** What verification needs from a CMS, located in its bytes without building a tree. */
interface ParsedCms {
  certificates: Uint8Array[];
  eContent: Uint8Array | undefined;
  sid: { issuerKey: string; serialNumber: string } | { keyId: string };
  digestOid: string;
  /** The signed attributes re-tagged as SET OF: what the signature covers (RFC 5652, 5.4). */
  signedAttributes: Uint8Array;
  attributes: Map<string, Element>;
  signature: Uint8Array;
}

/** Walks ContentInfo → SignedData → first SignerInfo. Throws DerError when malformed. */
function parseCms(bytes: Uint8Array): ParsedCms {
  const contentInfo = childrenOf(bytes, readElement(bytes, 0));
  if (oidOf(bytes, contentInfo[0]!) !== CmsOid.signedData || !isTag(contentInfo[1], 2, 0)) {
    throw new DerError('not a SignedData');
  }
  const signedData = childrenOf(bytes, childrenOf(bytes, contentInfo[1])[0]!);
  const encapsulated = childrenOf(bytes, signedData[2]!);
  const eContentWrapper = encapsulated[1];
  const eContent = isTag(eContentWrapper, 2, 0)
    ? octetsOf(bytes, childrenOf(bytes, eContentWrapper)[0]!)
    : undefined;
  let index = 3;
  let certificates: Uint8Array[] = [];
  if (isTag(signedData[index], 2, 0)) {
    certificates = childrenOf(bytes, signedData[index]!)
      .filter((element) => isTag(element, 0, 16))
      .map((element) => encodingOf(bytes, element));
    index += 1;
  }
  if (isTag(signedData[index], 2, 1)) index += 1;
  const signerInfos = signedData[index];
  if (!isTag(signerInfos, 0, 17)) throw new DerError('no signerInfos');
  const signerInfo = childrenOf(bytes, childrenOf(bytes, signerInfos)[0]!);
  const [, sidElement, digestAlgorithm, attributesElement] = signerInfo;
  if (!sidElement || !digestAlgorithm || !isTag(attributesElement, 2, 0)) {
    throw new DerError('a SignerInfo without signed attributes');
  }
  let sid: ParsedCms['sid'];
  if (isTag(sidElement, 0, 16)) {
    const [issuer, serial] = childrenOf(bytes, sidElement);
    sid = {
      issuerKey: toHex(encodingOf(bytes, issuer!)),
      serialNumber: normaliseSerial(toHex(contentOf(bytes, serial!))),
    };
  } else {
    sid = { keyId: toHex(contentOf(bytes, sidElement)) };
  }
  const attributes = new Map<string, Element>();
  for (const attribute of childrenOf(bytes, attributesElement)) {
    const [type, values] = childrenOf(bytes, attribute);
    const first = values ? childrenOf(bytes, values)[0] : undefined;
    if (type && first) attributes.set(oidOf(bytes, type), first);
  }
  const signedAttributes = new Uint8Array(encodingOf(bytes, attributesElement));
  signedAttributes[0] = 0x31;
  const signature = signerInfo[5];
  if (!isTag(signature, 0, 4)) throw new DerError('no signature value');
  return {
    certificates,
    eContent,
    sid,
    digestOid: oidOf(bytes, childrenOf(bytes, digestAlgorithm)[0]!),
    signedAttributes,
    attributes,
    signature: contentOf(bytes, signature),
  };
}

function findSigner(
  sid: ParsedCms['sid'],
  certificates: CertificateInfo[],
): CertificateInfo | undefined {
  if ('serialNumber' in sid) {
    return certificates.find(
      (c) => c.serialNumber === sid.serialNumber && c.issuerKey === sid.issuerKey,
    );
  }
  return certificates.find((c) => {
    const extension = c.certificate.extensions?.find((e) => e.extnID === '2.5.29.14');
    return (
      extension !== undefined &&
      toHex(
        (extension.parsedValue as { valueBlock: { valueHexView: Uint8Array } }).valueBlock
          .valueHexView,
      ) === sid.keyId
    );
  });
}

/** Whether the SigningCertificateV2 (or v1) attribute names this certificate. */
function namesCertificate(
  bytes: Uint8Array,
  value: Element,
  signer: CertificateInfo,
  v2: boolean,
): boolean {
  const certs = childrenOf(bytes, value)[0];
  const certId = certs ? childrenOf(bytes, certs)[0] : undefined;
  if (!certId) return false;
  const parts = childrenOf(bytes, certId);
  let hashName = v2 ? 'sha256' : 'sha1';
  let hash = parts[0];
  if (v2 && isTag(hash, 0, 16)) {
    const named = HASH_BY_OID[oidOf(bytes, childrenOf(bytes, hash)[0]!)];
    if (!named) return false;
    hashName = named;
    hash = parts[1];
  }
  if (!isTag(hash, 0, 4)) return false;
  const expected =
    hashName === 'sha256' ? signer.sha256 : createHash(hashName).update(signer.der).digest();
  return Buffer.from(contentOf(bytes, hash)).equals(Buffer.from(expected));
}

/**
 * Verifies a CAdES-BES signature completely: structure and mandatory signed attributes,
 * the content digest, the signing-certificate binding, the signature value, the chain to a
 * trusted root, the validity of every certificate at the signing time, the key's purpose,
 * revocation by CRL, and the IIN/BIN expected for the request (regulations' condition 2).
 * Never throws for a bad signature: the result names the first failed check.
 */
export function verifyCms(input: VerifyCmsInput): CmsVerification {
  const bytes = input.cms;
  let cms: ParsedCms;
  try {
    cms = parseCms(bytes);
  } catch {
    return fail(SignatureFailure.malformed);
  }
  const contentType = cms.attributes.get(CmsOid.contentType);
  const digestValue = cms.attributes.get(CmsOid.messageDigest);
  const timeValue = cms.attributes.get(CmsOid.signingTime);
  const certV2 = cms.attributes.get(CmsOid.signingCertificateV2);
  const certV1 = cms.attributes.get(SIGNING_CERTIFICATE_V1);
  if (
    !isTag(contentType, 0, 6) ||
    !isTag(digestValue, 0, 4) ||
    !(isTag(timeValue, 0, 23) || isTag(timeValue, 0, 24)) ||
    (!certV2 && !certV1)
  ) {
    return fail(SignatureFailure.attributesMissing);
  }
  let signingTime: Date;
  let certificates: CertificateInfo[];
  try {
    signingTime = timeOf(bytes, timeValue);
    certificates = cms.certificates.map((der) => certificateInfo(der));
  } catch {
    return fail(SignatureFailure.malformed);
  }
  const signer = findSigner(cms.sid, certificates);
  if (!signer) return fail(SignatureFailure.signerCertificateMissing, undefined, signingTime);

  const content = cms.eContent ?? input.content;
  if (!content) return fail(SignatureFailure.contentMissing, signer, signingTime);

  const hashName = HASH_BY_OID[cms.digestOid];
  if (!hashName) return fail(SignatureFailure.malformed, signer, signingTime);
  const digest = createHash(hashName).update(content).digest();
  if (!digest.equals(contentOf(bytes, digestValue))) {
    return fail(SignatureFailure.contentAltered, signer, signingTime);
  }
  let namesSigner = false;
  try {
    namesSigner = namesCertificate(bytes, (certV2 ?? certV1)!, signer, certV2 !== undefined);
  } catch {
    namesSigner = false;
  }
  if (!namesSigner) return fail(SignatureFailure.signingCertificateMismatch, signer, signingTime);

  let signatureOk = false;
  try {
    signatureOk = verifySignature(hashName, cms.signedAttributes, signer.publicKey, cms.signature);
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) return fail(SignatureFailure.signatureInvalid, signer, signingTime);

  const chain = input.trustStore.buildChain(signer, certificates);
  if (!chain.found) return fail(SignatureFailure.unknownCa, signer, signingTime);

  for (const certificate of chain.chain) {
    if (signingTime < certificate.notBefore) {
      return fail(SignatureFailure.certificateNotYetValid, signer, signingTime);
    }
    if (signingTime > certificate.notAfter) {
      return fail(SignatureFailure.certificateExpired, signer, signingTime);
    }
  }
  if (signingTime.getTime() > input.now.getTime() + CLOCK_SKEW_MS) {
    return fail(SignatureFailure.signingTimeInFuture, signer, signingTime);
  }

  const purpose = input.purpose ?? CertificatePurpose.signing;
  const usage = signer.keyUsage;
  // НУЦ's authentication key: digitalSignature with keyEncipherment and clientAuth; a
  // signing key (nonRepudiation, emailProtection) does not authenticate (nca-conventions.ts).
  const isAuthenticationKey =
    usage !== undefined &&
    usage.digitalSignature &&
    !usage.nonRepudiation &&
    (signer.extendedKeyUsage.length === 0
      ? usage.keyEncipherment
      : signer.extendedKeyUsage.includes(KeyPurposeOid.clientAuth));
  const purposeOk =
    purpose === CertificatePurpose.signing
      ? usage === undefined || usage.nonRepudiation
      : isAuthenticationKey;
  if (!purposeOk) return fail(SignatureFailure.wrongKeyPurpose, signer, signingTime);

  const revocationTime = input.revocationTime ?? input.now;
  for (const certificate of chain.chain) {
    if (input.trustStore.isRoot(certificate)) continue;
    const crl = input.trustStore.findCrl(certificate);
    if (!crl) return fail(SignatureFailure.revocationUnknown, signer, signingTime);
    const revokedAt = crl.revoked.get(certificate.serialNumber);
    if (revokedAt && revokedAt.getTime() <= revocationTime.getTime()) {
      return fail(SignatureFailure.certificateRevoked, signer, signingTime);
    }
  }

  if (input.expected?.iin !== undefined && signer.identity.iin !== input.expected.iin) {
    return fail(SignatureFailure.iinMismatch, signer, signingTime);
  }
  if (input.expected?.bin !== undefined && signer.identity.bin !== input.expected.bin) {
    return fail(SignatureFailure.binMismatch, signer, signingTime);
  }
  return { valid: true, signer: details(signer), signingTime, content };
}
