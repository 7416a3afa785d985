import { createHash, verify as verifySignature } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { LocalizedText } from '../domain/shared/locale.js';
import { SignatureFailure, signatureFailureMessage } from '../domain/signature/signature-failure.js';
import {
  certificateInfo,
  normaliseSerial,
  toHex,
  type CertificateInfo,
} from './certificate-info.js';
import { CmsOid } from './cms-sign.js';
import { CertificatePurpose, type SubjectIdentity } from './nca-conventions.js';
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

/** The raw certificates in the SignedData, with their original encoding. */
function embeddedCertificates(signedDataSchema: asn1js.Sequence): CertificateInfo[] {
  const block = signedDataSchema.valueBlock.value.find(
    (element) => element.idBlock.tagClass === 3 && element.idBlock.tagNumber === 0,
  ) as asn1js.Constructed | undefined;
  if (!block) return [];
  return block.valueBlock.value
    .filter((element) => element.idBlock.tagClass === 1 && element.idBlock.tagNumber === 16)
    .map((element) => certificateInfo(new Uint8Array(element.valueBeforeDecodeView)));
}

function findSigner(sid: unknown, certificates: CertificateInfo[]): CertificateInfo | undefined {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    const serial = normaliseSerial(toHex(sid.serialNumber.valueBlock.valueHexView));
    const issuerKey = toHex(sid.issuer.toSchema().toBER(false));
    return certificates.find((c) => c.serialNumber === serial && c.issuerKey === issuerKey);
  }
  if (sid instanceof asn1js.Constructed) {
    const keyId = toHex((sid.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView);
    return certificates.find((c) => {
      const extension = c.certificate.extensions?.find((e) => e.extnID === '2.5.29.14');
      return (
        extension !== undefined &&
        toHex((extension.parsedValue as asn1js.OctetString).valueBlock.valueHexView) === keyId
      );
    });
  }
  return undefined;
}

function attributeValue(signerInfo: pkijs.SignerInfo, type: string): asn1js.AsnType | undefined {
  return signerInfo.signedAttrs?.attributes.find((a) => a.type === type)?.values[0];
}

/** Whether the SigningCertificateV2 (or v1) attribute names this certificate. */
function namesCertificate(value: asn1js.AsnType, signer: CertificateInfo, v2: boolean): boolean {
  const certs = (value as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence | undefined;
  const certId = certs?.valueBlock.value[0] as asn1js.Sequence | undefined;
  if (!certId) return false;
  let hashName = v2 ? 'sha256' : 'sha1';
  let index = 0;
  const first = certId.valueBlock.value[0];
  if (v2 && first instanceof asn1js.Sequence) {
    const oid = (first.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
    const named = HASH_BY_OID[oid];
    if (!named) return false;
    hashName = named;
    index = 1;
  }
  const hash = certId.valueBlock.value[index] as asn1js.OctetString | undefined;
  if (!(hash instanceof asn1js.OctetString)) return false;
  const expected =
    hashName === 'sha256' ? signer.sha256 : createHash(hashName).update(signer.der).digest();
  return Buffer.from(hash.valueBlock.valueHexView).equals(Buffer.from(expected));
}

/**
 * Verifies a CAdES-BES signature completely: structure and mandatory signed attributes,
 * the content digest, the signing-certificate binding, the signature value, the chain to a
 * trusted root, the validity of every certificate at the signing time, the key's purpose,
 * revocation by CRL, and the IIN/BIN expected for the request (regulations' condition 2).
 * Never throws for a bad signature: the result names the first failed check.
 */
export function verifyCms(input: VerifyCmsInput): CmsVerification {
  let signedData: pkijs.SignedData;
  let signedDataSchema: asn1js.Sequence;
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(input.cms);
    if (contentInfo.contentType !== CmsOid.signedData) return fail(SignatureFailure.malformed);
    signedDataSchema = contentInfo.content as asn1js.Sequence;
    signedData = new pkijs.SignedData({ schema: signedDataSchema });
  } catch {
    return fail(SignatureFailure.malformed);
  }
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) return fail(SignatureFailure.malformed);

  const contentTypeValue = attributeValue(signerInfo, CmsOid.contentType);
  const digestValue = attributeValue(signerInfo, CmsOid.messageDigest);
  const timeValue = attributeValue(signerInfo, CmsOid.signingTime);
  const certV2 = attributeValue(signerInfo, CmsOid.signingCertificateV2);
  const certV1 = attributeValue(signerInfo, '1.2.840.113549.1.9.16.2.12');
  if (
    !(contentTypeValue instanceof asn1js.ObjectIdentifier) ||
    !(digestValue instanceof asn1js.OctetString) ||
    !(timeValue instanceof asn1js.UTCTime || timeValue instanceof asn1js.GeneralizedTime) ||
    (!certV2 && !certV1)
  ) {
    return fail(SignatureFailure.attributesMissing);
  }
  const signingTime = timeValue.toDate();

  let certificates: CertificateInfo[];
  try {
    certificates = embeddedCertificates(signedDataSchema);
  } catch {
    return fail(SignatureFailure.malformed);
  }
  const signer = findSigner(signerInfo.sid, certificates);
  if (!signer) return fail(SignatureFailure.signerCertificateMissing, undefined, signingTime);

  const embedded = signedData.encapContentInfo.eContent?.valueBlock.valueHexView;
  const content = embedded ? new Uint8Array(embedded) : input.content;
  if (!content) return fail(SignatureFailure.contentMissing, signer, signingTime);

  const hashName = HASH_BY_OID[signerInfo.digestAlgorithm.algorithmId];
  if (!hashName) return fail(SignatureFailure.malformed, signer, signingTime);
  const digest = createHash(hashName).update(content).digest();
  if (!digest.equals(Buffer.from(digestValue.valueBlock.valueHexView))) {
    return fail(SignatureFailure.contentAltered, signer, signingTime);
  }
  if (!namesCertificate(certV2 ?? certV1!, signer, certV2 !== undefined)) {
    return fail(SignatureFailure.signingCertificateMismatch, signer, signingTime);
  }

  const signedAttributes = new Uint8Array(signerInfo.signedAttrs!.encodedValue);
  signedAttributes[0] = 0x31; // signed over as SET OF, not as the [0] IMPLICIT tag (RFC 5652, 5.4)
  let signatureOk = false;
  try {
    signatureOk = verifySignature(
      hashName,
      signedAttributes,
      signer.publicKey,
      signerInfo.signature.valueBlock.valueHexView,
    );
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
  const purposeOk =
    usage === undefined ||
    (purpose === CertificatePurpose.signing ? usage.nonRepudiation : usage.digitalSignature);
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
