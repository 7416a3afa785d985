import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { certificateInfo, toPem, type CertificateInfo } from '../certificate-info.js';
import { signCms } from '../cms-sign.js';
import type { PrivateKey } from '../crypto-provider.js';
import type { Pkcs12Contents } from '../pkcs12.js';
import {
  FILE_STORAGE,
  NcaKeyType,
  NcaModule,
  type BasicsResponse,
  type BasicsSignArgs,
  type CommonUtilsResponse,
  type KeyInfo,
  type NcaRequest,
} from './protocol.js';

/** The version the signer reports on connect. */
export const SIGNER_VERSION = '1.4';

/** A key the signer can use: its certificate (parsed), private key and CA chain. */
interface SignerKey {
  alias: string;
  info: CertificateInfo;
  privateKey: PrivateKey;
  chain: Uint8Array[];
}

/** A running NCALayer-compatible signer. */
export interface RunningSigner {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

class ProtocolError extends Error {}

/**
 * Starts a local NCALayer-compatible signer: a WebSocket server that answers the calls of
 * `ncalayer-js-client` with CAdES-BES signatures made with the keys of a PKCS#12 file, so
 * development and browser tests sign exactly as with the real NCALayer (which listens on
 * wss://127.0.0.1:13579; this one speaks plain ws:// on the loopback interface, so a page
 * connects with `new NCALayerClient('ws://127.0.0.1:13579')`). No user prompt: every request
 * is signed with the key the request selects (by key type or extended key usages).
 */
export async function startNcaLayerSigner(options: {
  keys: Pkcs12Contents;
  port?: number;
  host?: string;
  now?: () => Date;
}): Promise<RunningSigner> {
  const now = options.now ?? (() => new Date());
  const keys: SignerKey[] = options.keys.entries.map((entry) => ({
    alias: entry.friendlyName,
    info: certificateInfo(entry.certificate),
    privateKey: entry.privateKey,
    chain: options.keys.caCertificates,
  }));
  if (keys.length === 0) throw new Error('the PKCS#12 file holds no key with a certificate');
  const host = options.host ?? '127.0.0.1';
  const server = new WebSocketServer({ port: options.port ?? 13579, host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.on('connection', (socket) => {
    socket.send(JSON.stringify({ result: { version: SIGNER_VERSION } }));
    socket.on('message', (data) => {
      void answer(socket, String(data), keys, now);
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `ws://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

async function answer(
  socket: WebSocket,
  text: string,
  keys: SignerKey[],
  now: () => Date,
): Promise<void> {
  let request: NcaRequest;
  try {
    request = JSON.parse(text) as NcaRequest;
  } catch {
    socket.send(JSON.stringify({ code: '500', message: 'malformed JSON' }));
    return;
  }
  if (request.module === NcaModule.basics) {
    socket.send(JSON.stringify(await basics(request, keys, now)));
    return;
  }
  socket.send(JSON.stringify(await commonUtils(request, keys, now)));
}

function fromBase64(value: unknown): Uint8Array {
  if (typeof value !== 'string') throw new ProtocolError('data must be a base64 string');
  return new Uint8Array(Buffer.from(value, 'base64'));
}

function selectByKeyType(keys: SignerKey[], keyType: unknown): SignerKey {
  const wanted =
    keyType === NcaKeyType.signature
      ? (k: SignerKey) => k.info.keyUsage?.nonRepudiation === true
      : keyType === NcaKeyType.authentication
        ? (k: SignerKey) => k.info.keyUsage?.keyEncipherment === true
        : () => true;
  const key = keys.find(wanted);
  if (!key) throw new ProtocolError(`no ${String(keyType)} key in the storage`);
  return key;
}

function selectByUsages(keys: SignerKey[], usages: readonly string[]): SignerKey {
  const key = keys.find((k) => usages.every((oid) => k.info.extendedKeyUsage.includes(oid)));
  if (!key)
    throw new ProtocolError('no key in the storage matches the requested extended key usages');
  return key;
}

function sign(
  key: SignerKey,
  now: () => Date,
  content: Uint8Array,
  attached: boolean,
  digested = false,
) {
  return signCms({
    credential: { certificate: key.info.der, privateKey: key.privateKey, chain: key.chain },
    signingTime: now(),
    attached: attached && !digested,
    ...(digested ? { digest: content } : { content }),
  });
}

async function basics(
  request: NcaRequest,
  keys: SignerKey[],
  now: () => Date,
): Promise<BasicsResponse> {
  try {
    if (request.method !== 'sign')
      throw new ProtocolError(`unknown method ${String(request.method)}`);
    const args = (request.args ?? {}) as BasicsSignArgs;
    if (args.format !== 'cms')
      throw new ProtocolError(`format ${String(args.format)} is not supported (only cms)`);
    if (Array.isArray(args.allowedStorages) && !args.allowedStorages.includes(FILE_STORAGE)) {
      throw new ProtocolError('none of the allowed storages is available (only PKCS12 files)');
    }
    const key = selectByUsages(keys, args.signerParams?.extKeyUsageOids ?? []);
    const decode = args.signingParams?.decode ?? false;
    const encapsulate = args.signingParams?.encapsulate ?? true;
    const digested = args.signingParams?.digested ?? false;
    const documents = Array.isArray(args.data) ? args.data : [args.data];
    const result: string[] = [];
    for (const document of documents) {
      if (typeof document !== 'string')
        throw new ProtocolError('data must be a string or an array of strings');
      const bytes = decode || digested ? fromBase64(document) : new TextEncoder().encode(document);
      const cms = await sign(key, now, bytes, encapsulate, digested);
      result.push(Buffer.from(cms).toString('base64'));
    }
    return { status: true, body: { result } };
  } catch (error) {
    return { status: false, code: '500', message: (error as Error).message, details: '' };
  }
}

function keyInfo(key: SignerKey): KeyInfo {
  const node = key.info.node;
  const aki = key.info.certificate.extensions?.find((e) => e.extnID === '2.5.29.35');
  return {
    alias: key.alias,
    keyId: createHash('sha1').update(key.info.der).digest('hex'),
    algorithm: 'RSA',
    subjectCn: key.info.identity.commonName,
    subjectDn: node.subject.replace(/\n/g, ','),
    issuerCn: /CN=([^\n]*)/.exec(node.issuer)?.[1] ?? '',
    issuerDn: node.issuer.replace(/\n/g, ','),
    serialNumber: key.info.serialNumber,
    certNotBefore: String(key.info.notBefore.getTime()),
    certNotAfter: String(key.info.notAfter.getTime()),
    authorityKeyIdentifier: aki
      ? Buffer.from(aki.extnValue.valueBlock.valueHexView).toString('hex')
      : '',
    pem: toPem(key.info.der),
  };
}

async function commonUtils(
  request: NcaRequest,
  keys: SignerKey[],
  now: () => Date,
): Promise<CommonUtilsResponse> {
  try {
    if (request.module !== NcaModule.commonUtils)
      throw new ProtocolError(`module ${String(request.module)} not found`);
    const args = Array.isArray(request.args) ? (request.args as unknown[]) : [];
    const storage = args[0];
    const requireFileStorage = () => {
      if (storage !== FILE_STORAGE)
        throw new ProtocolError(`storage ${String(storage)} is not available`);
    };
    switch (request.method) {
      case 'getActiveTokens':
        // Hardware tokens plugged in: none; the PKCS#12 file storage is always available.
        return { code: '200', responseObject: [] };
      case 'getKeyInfo':
        requireFileStorage();
        return {
          code: '200',
          responseObject: keyInfo(selectByKeyType(keys, NcaKeyType.signature)),
        };
      case 'createCAdESFromBase64':
      case 'createCMSSignatureFromBase64': {
        requireFileStorage();
        const cms = await sign(
          selectByKeyType(keys, args[1]),
          now,
          fromBase64(args[2]),
          args[3] === true,
        );
        return { code: '200', responseObject: Buffer.from(cms).toString('base64') };
      }
      case 'createCAdESFromBase64Hash': {
        requireFileStorage();
        const cms = await sign(
          selectByKeyType(keys, args[1]),
          now,
          fromBase64(args[2]),
          false,
          true,
        );
        return { code: '200', responseObject: Buffer.from(cms).toString('base64') };
      }
      case 'changeLocale':
        return { code: '200' };
      default:
        throw new ProtocolError(`method ${String(request.method)} is not supported by this signer`);
    }
  } catch (error) {
    return { code: '500', message: (error as Error).message };
  }
}
