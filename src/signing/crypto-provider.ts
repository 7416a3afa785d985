import { webcrypto } from 'node:crypto';
import * as x509 from './x509.js';
import * as pkijs from 'pkijs';

/**
 * The cryptography behind the embedded certification authority and CMS signatures.
 *
 * The real НУЦ РК issues GOST R 34.310-2004 (ГОСТ 34.310) keys alongside RSA ones; GOST is not
 * available in Node's WebCrypto or OpenSSL 3 here, so the embedded default uses RSA-2048 with
 * SHA-256 (RSASSA-PKCS1-v1_5), which НУЦ also issues ("RSA256_…" key files) and which
 * `openssl cms -verify` accepts. The provider is pluggable: a deployment that needs GOST
 * supplies a {@link KeyAlgorithmProvider} backed by a GOST-capable engine (e.g. a PKCS#11
 * token or Kalkan) and registers it with {@link useKeyAlgorithm}.
 */
export interface KeyAlgorithmProvider {
  /** WebCrypto algorithm for key generation, import and signing. */
  readonly algorithm: RsaHashedKeyGenParams | EcKeyGenParams;
  /** The hash used in signatures and digests ("SHA-256"). */
  readonly hash: 'SHA-256';
  /** The WebCrypto implementation. */
  readonly crypto: webcrypto.Crypto;
}

type RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5';
  hash: 'SHA-256';
  modulusLength: number;
  publicExponent: Uint8Array;
};
type EcKeyGenParams = { name: 'ECDSA'; namedCurve: 'P-256'; hash: 'SHA-256' };

/** RSA-2048 / SHA-256 on Node's WebCrypto: the embedded default. */
export const rsaProvider: KeyAlgorithmProvider = {
  algorithm: {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
  },
  hash: 'SHA-256',
  crypto: webcrypto,
};

let current: KeyAlgorithmProvider = rsaProvider;

/** Selects the key algorithm provider for the CA, PKCS#12 and CMS code. */
export function useKeyAlgorithm(provider: KeyAlgorithmProvider): void {
  current = provider;
  configureLibraries(provider);
}

/** The provider in use. */
export function keyAlgorithm(): KeyAlgorithmProvider {
  return current;
}

function configureLibraries(provider: KeyAlgorithmProvider): void {
  x509.cryptoProvider.set(provider.crypto as never);
  pkijs.setEngine(
    'qyzmet',
    new pkijs.CryptoEngine({ name: 'qyzmet', crypto: provider.crypto as never }),
  );
}

configureLibraries(current);

/** A private key of the current provider. */
export type PrivateKey = webcrypto.CryptoKey;

/** Imports a PKCS#8 private key for signing with the current provider. */
export async function importPrivateKey(pkcs8: Uint8Array): Promise<webcrypto.CryptoKey> {
  return await current.crypto.subtle.importKey('pkcs8', pkcs8, current.algorithm, true, ['sign']);
}
