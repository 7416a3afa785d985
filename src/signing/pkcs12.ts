import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certificateInfo } from './certificate-info.js';
import { importPrivateKey, type PrivateKey } from './crypto-provider.js';
import type * as x509 from './x509.js';

const BagOid = {
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  certificate: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
} as const;

/** One key with its certificate, as stored in a PKCS#12 file. */
export interface Pkcs12Entry {
  /** Shown by NCALayer as the key's alias ("signing", "authentication"). */
  friendlyName: string;
  privateKey: PrivateKey;
  certificate: x509.X509Certificate | Uint8Array;
}

/** What a PKCS#12 file yields: the keys with their certificates, and the other (CA) certificates. */
export interface Pkcs12Contents {
  entries: Array<{
    friendlyName: string;
    privateKey: PrivateKey;
    pkcs8: Uint8Array;
    certificate: Uint8Array;
  }>;
  caCertificates: Uint8Array[];
}

const encoder = new TextEncoder();

function raw(certificate: x509.X509Certificate | Uint8Array): Uint8Array {
  return certificate instanceof Uint8Array ? certificate : new Uint8Array(certificate.rawData);
}

function bagAttributes(friendlyName: string, keyId: Uint8Array): pkijs.Attribute[] {
  return [
    new pkijs.Attribute({
      type: BagOid.friendlyName,
      values: [new asn1js.BmpString({ value: friendlyName })],
    }),
    new pkijs.Attribute({
      type: BagOid.localKeyId,
      values: [new asn1js.OctetString({ valueHex: keyId })],
    }),
  ];
}

/**
 * Writes a password-protected PKCS#12 file (the format of НУЦ РК's key files): each private key
 * in a PKCS#8 shrouded bag (PBES2, AES-256-CBC, PBKDF2-SHA-256), the certificates in cert bags,
 * and an HMAC-SHA-256 integrity MAC. OpenSSL 3 and NCALayer-compatible signers read it.
 */
export async function exportPkcs12(options: {
  entries: readonly Pkcs12Entry[];
  caCertificates?: ReadonlyArray<x509.X509Certificate | Uint8Array>;
  password: string;
  iterations?: number;
}): Promise<Uint8Array> {
  const password = encoder.encode(options.password);
  const iterations = options.iterations ?? 10_000;
  const bags: pkijs.SafeBag[] = [];
  for (const [index, entry] of options.entries.entries()) {
    const keyId = new Uint8Array(webcrypto.getRandomValues(new Uint8Array(20)));
    keyId[0] = index;
    const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', entry.privateKey);
    const keyBag = new pkijs.PKCS8ShroudedKeyBag({
      parsedValue: pkijs.PrivateKeyInfo.fromBER(pkcs8),
    });
    await keyBag.makeInternalValues({
      password: password.buffer,
      contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 } as never,
      hmacHashAlgorithm: 'SHA-256',
      iterationCount: iterations,
    });
    bags.push(
      new pkijs.SafeBag({
        bagId: BagOid.shroudedKey,
        bagValue: keyBag,
        bagAttributes: bagAttributes(entry.friendlyName, keyId),
      }),
      new pkijs.SafeBag({
        bagId: BagOid.certificate,
        bagValue: new pkijs.CertBag({
          parsedValue: pkijs.Certificate.fromBER(raw(entry.certificate)),
        }),
        bagAttributes: bagAttributes(entry.friendlyName, keyId),
      }),
    );
  }
  for (const certificate of options.caCertificates ?? []) {
    bags.push(
      new pkijs.SafeBag({
        bagId: BagOid.certificate,
        bagValue: new pkijs.CertBag({ parsedValue: pkijs.Certificate.fromBER(raw(certificate)) }),
      }),
    );
  }
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [{ privacyMode: 0, value: new pkijs.SafeContents({ safeBags: bags }) }],
        },
      }),
    },
  });
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues({ safeContents: [{}] });
  await pfx.makeInternalValues({
    password: password.buffer,
    iterations,
    pbkdf2HashAlgorithm: 'SHA-256',
    hmacHashAlgorithm: 'SHA-256',
  });
  return new Uint8Array(pfx.toSchema().toBER(false));
}

/** Thrown when a PKCS#12 file cannot be opened: wrong password or not a PKCS#12 file. */
export class Pkcs12Error extends Error {
  override name = 'Pkcs12Error';
}

/**
 * Reads a password-protected PKCS#12 file: checks the integrity MAC with the password,
 * decrypts the shrouded keys and pairs them with their certificates by localKeyId.
 */
export async function importPkcs12(
  bytes: Uint8Array,
  passwordText: string,
): Promise<Pkcs12Contents> {
  const password = encoder.encode(passwordText).buffer;
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(bytes);
    await pfx.parseInternalValues({ password, checkIntegrity: true });
  } catch (error) {
    throw new Pkcs12Error(
      `cannot open the PKCS#12 file (wrong password?): ${(error as Error).message}`,
    );
  }
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw new Pkcs12Error('the PKCS#12 file holds no authenticated safe');
  await safe.parseInternalValues({
    safeContents: safe.safeContents.map(() => ({ password })),
  });
  const keys = new Map<string, { name: string; pkcs8: Uint8Array }>();
  const certificates: Array<{ keyId?: string; der: Uint8Array }> = [];
  for (const contents of safe.parsedValue?.safeContents ?? []) {
    for (const bag of contents.value.safeBags) {
      const keyIdAttribute = bag.bagAttributes?.find(
        (a: pkijs.Attribute) => a.type === BagOid.localKeyId,
      )?.values[0];
      const keyId =
        keyIdAttribute instanceof asn1js.OctetString
          ? Buffer.from(keyIdAttribute.valueBlock.valueHexView).toString('hex')
          : undefined;
      const nameAttribute = bag.bagAttributes?.find(
        (a: pkijs.Attribute) => a.type === BagOid.friendlyName,
      )?.values[0];
      const name = nameAttribute instanceof asn1js.BmpString ? nameAttribute.valueBlock.value : '';
      if (bag.bagId === BagOid.shroudedKey) {
        const keyBag = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        // Public at run time, declared protected in pkijs' typings (it is the documented way).
        await (
          keyBag as unknown as { parseInternalValues(p: object): Promise<void> }
        ).parseInternalValues({ password });
        const pkcs8 = new Uint8Array(keyBag.parsedValue!.toSchema().toBER(false));
        keys.set(keyId ?? String(keys.size), { name, pkcs8 });
      } else if (bag.bagId === BagOid.certificate) {
        const certBag = bag.bagValue as pkijs.CertBag;
        const certificate = certBag.parsedValue as pkijs.Certificate;
        certificates.push({ keyId, der: new Uint8Array(certificate.toSchema(false).toBER(false)) });
      }
    }
  }
  const entries: Pkcs12Contents['entries'] = [];
  for (const [keyId, key] of keys) {
    const certificate = certificates.find((c) => c.keyId === keyId);
    if (!certificate) continue;
    entries.push({
      friendlyName: key.name,
      pkcs8: key.pkcs8,
      privateKey: await importPrivateKey(key.pkcs8),
      certificate: certificate.der,
    });
  }
  const paired = new Set(entries.map((e) => Buffer.from(e.certificate).toString('hex')));
  return {
    entries,
    caCertificates: certificates
      .filter((c) => !paired.has(Buffer.from(c.der).toString('hex')))
      .map((c) => c.der),
  };
}

/**
 * The signing key of a PKCS#12 file as a credential for `signCms` (the entry whose
 * certificate has nonRepudiation, else the one named "signing"), with the file's CA chain.
 * Throws Pkcs12Error when the file has no signing key.
 */
export function signingCredentialOf(contents: Pkcs12Contents): {
  certificate: Uint8Array;
  privateKey: PrivateKey;
  chain: Uint8Array[];
} {
  const entry =
    contents.entries.find((candidate) => {
      const usage = certificateInfo(candidate.certificate).keyUsage;
      return usage?.nonRepudiation === true;
    }) ?? contents.entries.find((candidate) => candidate.friendlyName === 'signing');
  if (!entry) throw new Pkcs12Error('the PKCS#12 file holds no signing key');
  return {
    certificate: entry.certificate,
    privateKey: entry.privateKey,
    chain: contents.caCertificates,
  };
}
