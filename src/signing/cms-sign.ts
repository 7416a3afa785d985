import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type * as x509 from './x509.js';
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

/**
 * Creates a CAdES-BES signature: CMS SignedData with the signed attributes contentType,
 * signingTime, messageDigest and signingCertificateV2, the signer's certificate and its CA
 * chain. Returns the DER bytes of the ContentInfo (what NCALayer returns as base64).
 */
export async function signCms(input: CmsSignInput): Promise<Uint8Array> {
  const signerDer = rawOf(input.credential.certificate);
  const signer = pkijs.Certificate.fromBER(signerDer);
  const digest =
    input.digest ?? new Uint8Array(createHash('sha256').update(input.content).digest());
  const attributes = [
    attribute(CmsOid.contentType, new asn1js.ObjectIdentifier({ value: CmsOid.data })),
    attribute(CmsOid.signingTime, new asn1js.UTCTime({ valueDate: input.signingTime })),
    attribute(CmsOid.messageDigest, new asn1js.OctetString({ valueHex: digest })),
    attribute(CmsOid.signingCertificateV2, signingCertificateV2(signer, signerDer)),
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
    certificates: [
      signer,
      ...(input.credential.chain ?? []).map((c) => pkijs.Certificate.fromBER(rawOf(c))),
    ],
  });
  if (input.attached && input.content) {
    signedData.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: input.content });
  }
  await signedData.sign(input.credential.privateKey as never, 0, keyAlgorithm().hash);
  const contentInfo = new pkijs.ContentInfo({
    contentType: CmsOid.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}
