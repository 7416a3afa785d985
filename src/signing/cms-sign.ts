import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type * as x509 from './x509.js';
import { childrenOf, encodingOf, readElement } from './der.js';
import { keyAlgorithm, type PrivateKey } from './crypto-provider.js';

/** Object identifiers of CMS and CAdES-BES (RFC 5652, RFC 5035, ETSI EN 319 122-1). */
export const CmsOid = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

/** A key and certificate that can sign, with the CA chain to embed. */
export interface SigningCredential {
  certificate: x509.X509Certificate | Uint8Array;
  privateKey: PrivateKey;
  /** CA certificates to embed (issuing CA first); the root may be left out. */
  chain?: ReadonlyArray<x509.X509Certificate | Uint8Array>;
}

/** What to sign. */
export type CmsSignInput = {
  credential: SigningCredential;
  signingTime: Date;
  /** Include the content in the CMS (attached) or not (detached). */
  attached: boolean;
} & (
  | { content: Uint8Array; digest?: undefined }
  /** Sign a precomputed SHA-256 of the content (always detached). */
  | { digest: Uint8Array; content?: undefined }
);

function rawOf(certificate: x509.X509Certificate | Uint8Array): Uint8Array {
  return certificate instanceof Uint8Array ? certificate : new Uint8Array(certificate.rawData);
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/**
 * SigningCertificateV2 (RFC 5035): the SHA-256 of the signer's certificate plus its issuer and
 * serial, binding the signature to that certificate (CAdES-BES requirement).
 */
function signingCertificateV2(certificate: pkijs.Certificate, der: Uint8Array): asn1js.Sequence {
  const certHash = createHash('sha256').update(der).digest();
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 4 },
            value: [certificate.issuer.toSchema()],
          }),
        ],
      }),
      new asn1js.Integer({ valueHex: certificate.serialNumber.valueBlock.valueHexView }),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** What every signature by one certificate repeats: its parsed form and its attribute. */
interface SignerParts {
  certificate: pkijs.Certificate;
  signingCertificateV2: asn1js.Sequence;
}

/**
 * Parsed signer certificates by their DER (base64), so that a run of signatures by one
 * official does not parse the certificate and hash it again for each (in a profile of issuing
 * receipts that was more than half of the signing time). Bounded: started afresh when full.
 */
const signerCache = new Map<string, SignerParts>();
const SIGNER_CACHE_SIZE = 256;

function signerParts(der: Uint8Array): SignerParts {
  const key = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  let parts = signerCache.get(key);
  if (!parts) {
    const certificate = pkijs.Certificate.fromBER(der);
    parts = { certificate, signingCertificateV2: signingCertificateV2(certificate, der) };
    if (signerCache.size >= SIGNER_CACHE_SIZE) signerCache.clear();
    signerCache.set(key, parts);
  }
  return parts;
}

/** A DER element: identifier byte, definite length, content. */
function derElement(identifier: number, content: readonly Uint8Array[]): Uint8Array {
  const length = content.reduce((sum, part) => sum + part.length, 0);
  const lengthBytes: number[] = [];
  if (length < 0x80) lengthBytes.push(length);
  else {
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256))
      lengthBytes.unshift(rest & 0xff);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  return Buffer.concat([Uint8Array.of(identifier, ...lengthBytes), ...content]);
}

/**
 * Creates a CAdES-BES signature: CMS SignedData with the signed attributes contentType,
 * signingTime, messageDigest and signingCertificateV2, the signer's certificate and its CA
 * chain. Returns the DER bytes of the ContentInfo (what NCALayer returns as base64).
 *
 * The certificates are embedded as their DER bytes as given (`certificates [0] IMPLICIT`,
 * signer first, then the chain): pkijs would parse each one and encode it again, to the same
 * bytes, for every signature.
 */
export async function signCms(input: CmsSignInput): Promise<Uint8Array> {
  const signerDer = rawOf(input.credential.certificate);
  const { certificate: signer, signingCertificateV2: certificateAttribute } =
    signerParts(signerDer);
  const digest =
    input.digest ?? new Uint8Array(createHash('sha256').update(input.content).digest());
  const attributes = [
    attribute(CmsOid.contentType, new asn1js.ObjectIdentifier({ value: CmsOid.data })),
    attribute(CmsOid.signingTime, new asn1js.UTCTime({ valueDate: input.signingTime })),
    attribute(CmsOid.messageDigest, new asn1js.OctetString({ valueHex: digest })),
    attribute(CmsOid.signingCertificateV2, certificateAttribute),
  ];
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: CmsOid.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: signer.issuer,
          serialNumber: signer.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
  });
  if (input.attached && input.content) {
    signedData.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: input.content });
  }
  await signedData.sign(input.credential.privateKey as never, 0, keyAlgorithm().hash);
  // SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo, [0] certificates,
  // signerInfos }: the certificates go in between, as DER.
  const encoded = new Uint8Array(signedData.toSchema(true).toBER(false));
  const fields = childrenOf(encoded, readElement(encoded, 0));
  const certificates = [signerDer, ...(input.credential.chain ?? []).map(rawOf)];
  const body = derElement(0x30, [
    ...fields.slice(0, 3).map((field) => encodingOf(encoded, field)),
    derElement(0xa0, certificates),
    ...fields.slice(3).map((field) => encodingOf(encoded, field)),
  ]);
  const contentType = new Uint8Array(
    new asn1js.ObjectIdentifier({ value: CmsOid.signedData }).toBER(false),
  );
  return derElement(0x30, [contentType, derElement(0xa0, [body])]);
}
