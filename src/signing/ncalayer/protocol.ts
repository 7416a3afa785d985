/**
 * NCALayer's WebSocket protocol as `ncalayer-js-client` 1.5 speaks it (read from
 * node_modules/ncalayer-js-client/ncalayer-client.js):
 *
 * - on connect the server sends `{"result":{"version":"…"}}`; the client then probes
 *   `{"module":"kz.digiflow.mobile.extensions","method":"getVersion"}` (KAZTOKEN) and
 *   treats an error answer as "not KAZTOKEN";
 * - "basics" module: `{"module":"kz.gov.pki.knca.basics","method":"sign","args":{allowedStorages,
 *   format,data,signingParams,signerParams,locale}}` → `{"status":true,"body":{"result":…}}`, or
 *   `{"status":false,"code","message","details"}`; a body without `result` means "cancelled";
 * - "commonUtils" module: `{"module":"kz.gov.pki.knca.commonUtils","method":…,"args":[…]}` →
 *   `{"code":"200","responseObject":…}` or `{"code":"500","message":…}`. Methods:
 *   getActiveTokens, getKeyInfo [storage], createCAdESFromBase64 [storage, keyType, data, attach],
 *   createCAdESFromBase64Hash [storage, keyType, hash], createCMSSignatureFromBase64
 *   [storage, keyType, data, attach], signXml, signXmls, changeLocale [locale].
 */
export const NcaModule = {
  basics: 'kz.gov.pki.knca.basics',
  commonUtils: 'kz.gov.pki.knca.commonUtils',
  kaztoken: 'kz.digiflow.mobile.extensions',
} as const;

/** The storage type of a PKCS#12 file ("Файловое хранилище"). */
export const FILE_STORAGE = 'PKCS12';

/** `keyType` of the commonUtils methods. */
export const NcaKeyType = { signature: 'SIGNATURE', authentication: 'AUTHENTICATION' } as const;

/** A request as the client sends it. */
export interface NcaRequest {
  module?: unknown;
  method?: unknown;
  args?: unknown;
}

/** The "basics" sign arguments. */
export interface BasicsSignArgs {
  allowedStorages?: string[] | null;
  format?: string;
  data?: string | string[];
  signingParams?: { decode?: boolean; encapsulate?: boolean; digested?: boolean };
  signerParams?: { extKeyUsageOids?: string[]; chain?: unknown };
  locale?: string;
}

/** The answer to a basics call. */
export type BasicsResponse =
  | { status: true; body: { result: string | string[] } }
  | { status: false; code: string; message: string; details: string };

/** The answer to a commonUtils call. */
export type CommonUtilsResponse =
  { code: '200'; responseObject?: unknown } | { code: string; message: string };

/** What getKeyInfo returns (the fields NCALayer returns). */
export interface KeyInfo {
  alias: string;
  keyId: string;
  algorithm: string;
  subjectCn: string;
  subjectDn: string;
  issuerCn: string;
  issuerDn: string;
  serialNumber: string;
  certNotBefore: string;
  certNotAfter: string;
  authorityKeyIdentifier: string;
  pem: string;
}
