// Typings for the parts of ncalayer-js-client (CommonJS, no typings of its own) the tests use.
declare module 'ncalayer-js-client' {
  export class NCALayerClient {
    constructor(url?: string, allowKmdHttpApi?: boolean);
    static readonly basicsStoragePKCS12: string[];
    static readonly basicsCMSParamsDetached: object;
    static readonly basicsCMSParamsAttached: object;
    static readonly basicsSignerSignAny: object;
    static readonly basicsSignerSignPerson: object;
    static readonly basicsSignerAuthPerson: object;
    static readonly fileStorageType: string;
    wsConnection: { close(): void } | null;
    connect(): Promise<string>;
    getActiveTokens(): Promise<string[]>;
    getKeyInfo(storageType: string): Promise<Record<string, string>>;
    basicsSignCMS(
      allowedStorages: string[] | null,
      data: string | ArrayBuffer | Array<string | ArrayBuffer>,
      signingParams: object,
      signerParams: object,
      locale?: string,
    ): Promise<string | string[]>;
    createCAdESFromBase64(
      storageType: string,
      data: string,
      keyType?: string,
      attach?: boolean,
    ): Promise<string>;
    createCAdESFromBase64Hash(storageType: string, hash: string, keyType?: string): Promise<string>;
    signXml(storageType: string, xml: string): Promise<string>;
  }
  export class NCALayerError extends Error {}
}
