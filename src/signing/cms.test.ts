import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignatureFailure } from '../domain/signature/signature-failure.js';
import { toPem } from './certificate-info.js';
import { createRootCa, createIssuingCa, issueCrl } from './certificate-authority.js';
import { signCms } from './cms-sign.js';
import { verifyCms } from './cms-verify.js';
import { createDemoPki, issueHolderCredentials, type DemoPki } from './demo-pki.js';
import type { CertificateHolder } from './nca-conventions.js';

const now = new Date('2026-03-02T06:00:00Z');
const citizen: CertificateHolder = {
  iin: '900101300123',
  surname: 'Сейітқали',
  name: 'Әлия',
  patronymic: 'Нұрланқызы',
};
const official: CertificateHolder = {
  iin: '780312350345',
  surname: 'Жұмабеков',
  name: 'Ержан',
  organisation: { name: 'Отдел образования', bin: '040340001234' },
};
const content = new TextEncoder().encode('Өтініш / Заявление № 0001: экстернат');

let pki: DemoPki;
let revokedPki: DemoPki;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-cms-'));

beforeAll(async () => {
  pki = await createDemoPki({ now, holders: [citizen, official] });
  revokedPki = await createDemoPki({ now, holders: [citizen] });
  // Revoke the citizen's signing certificate in a second PKI, one hour before now.
  const serial = revokedPki.holders[0]!.signing.certificate.serialNumber;
  revokedPki.crl = await issueCrl(revokedPki.issuing, {
    revoked: [{ serialNumber: serial, revokedAt: new Date(now.getTime() - 3_600_000) }],
    thisUpdate: new Date(now.getTime() - 60_000),
    nextUpdate: new Date(now.getTime() + 86_400_000),
  });
}, 60_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function sign(credential = pki.holders[0]!.signing, attached = false, at = now) {
  return signCms({ credential, content, signingTime: at, attached });
}

describe('CAdES-BES signatures', () => {
  it('accepts a valid detached signature and reports the signer from the certificate', async () => {
    const cms = await sign();
    const result = verifyCms({
      cms,
      content,
      trustStore: pki.trustStore(),
      now,
      expected: { iin: citizen.iin },
    });
    expect(result.valid).toBe(true);
    if (!result.valid) return;
    expect(result.signer.identity).toMatchObject({
      commonName: 'СЕЙІТҚАЛИ ӘЛИЯ',
      surname: 'СЕЙІТҚАЛИ',
      patronymic: 'НҰРЛАНҚЫЗЫ',
      iin: citizen.iin,
      country: 'KZ',
    });
    expect(result.signingTime.toISOString()).toBe(now.toISOString());
  });

  it('accepts an attached signature and returns the content it carries', async () => {
    const cms = await sign(undefined, true);
    const result = verifyCms({ cms, trustStore: pki.trustStore(), now });
    expect(result.valid && Buffer.from(result.content).equals(Buffer.from(content))).toBe(true);
  });

  it('reads the BIN of an employee from OU and checks it', async () => {
    const cms = await sign(pki.holders[1]!.signing);
    const store = pki.trustStore();
    const ok = verifyCms({
      cms,
      content,
      trustStore: store,
      now,
      expected: { iin: official.iin, bin: '040340001234' },
    });
    expect(ok.valid).toBe(true);
    const wrong = verifyCms({
      cms,
      content,
      trustStore: store,
      now,
      expected: { bin: '040340001235' },
    });
    expect(wrong).toMatchObject({ valid: false, failure: SignatureFailure.binMismatch });
  });

  it('refuses tampered content', async () => {
    const cms = await sign();
    const altered = new TextEncoder().encode('Өтініш / Заявление № 0002: экстернат');
    const result = verifyCms({ cms, content: altered, trustStore: pki.trustStore(), now });
    expect(result).toMatchObject({ valid: false, failure: SignatureFailure.contentAltered });
    if (!result.valid) expect(result.message.ru).toContain('Не подтверждение подлинности ЭЦП');
  });

  it('refuses a signature made with an expired certificate', async () => {
    const expired = await issueHolderCredentials(
      pki.issuing,
      citizen,
      new Date('2025-01-01T00:00:00Z'),
      30,
    );
    const cms = await sign(expired.signing);
    const result = verifyCms({ cms, content, trustStore: pki.trustStore(), now });
    expect(result).toMatchObject({ valid: false, failure: SignatureFailure.certificateExpired });
    if (!result.valid) expect(result.message.kk).toContain('мерзімі өтіп кеткен');
  });

  it('refuses a revoked certificate, but not for a time before its revocation', async () => {
    const credential = revokedPki.holders[0]!.signing;
    const store = revokedPki.trustStore();
    const cms = await sign(credential);
    const result = verifyCms({ cms, content, trustStore: store, now });
    expect(result).toMatchObject({ valid: false, failure: SignatureFailure.certificateRevoked });
    const earlier = verifyCms({
      cms: await sign(credential, false, new Date(now.getTime() - 7_200_000)),
      content,
      trustStore: store,
      now,
      revocationTime: new Date(now.getTime() - 7_200_000),
    });
    expect(earlier.valid).toBe(true);
  });

  it('refuses a certificate from an unknown CA', async () => {
    const otherRoot = await createRootCa({
      commonName: 'OTHER ROOT',
      notBefore: new Date('2025-01-01'),
      notAfter: new Date('2035-01-01'),
    });
    const otherCa = await createIssuingCa(otherRoot, {
      commonName: 'OTHER CA',
      notBefore: new Date('2025-01-01'),
      notAfter: new Date('2035-01-01'),
    });
    const stranger = await issueHolderCredentials(otherCa, citizen, new Date('2026-01-01'), 365);
    const result = verifyCms({
      cms: await sign(stranger.signing),
      content,
      trustStore: pki.trustStore(),
      now,
    });
    expect(result).toMatchObject({ valid: false, failure: SignatureFailure.unknownCa });
  });

  it('refuses a signature whose IIN differs from the request', async () => {
    const result = verifyCms({
      cms: await sign(),
      content,
      trustStore: pki.trustStore(),
      now,
      expected: { iin: '850505400234' },
    });
    expect(result).toMatchObject({ valid: false, failure: SignatureFailure.iinMismatch });
    if (!result.valid) {
      expect(result.message.en).toContain('IIN');
      expect(result.signer?.identity.iin).toBe(citizen.iin);
    }
  });

  it('refuses a document signed with the authentication key', async () => {
    const result = verifyCms({
      cms: await sign(pki.holders[0]!.authentication),
      content,
      trustStore: pki.trustStore(),
      now,
    });
    expect(result).toMatchObject({ valid: false, failure: SignatureFailure.wrongKeyPurpose });
  });

  it('refuses when no CRL of the issuer is known', async () => {
    const store = pki.trustStore();
    const bare = new (store.constructor as new () => typeof store)();
    bare.addRoot(new Uint8Array(pki.root.certificate.rawData));
    const result = verifyCms({ cms: await sign(), content, trustStore: bare, now });
    expect(result).toMatchObject({ valid: false, failure: SignatureFailure.revocationUnknown });
  });

  it('refuses garbage and a detached signature without its content', async () => {
    expect(
      verifyCms({ cms: new Uint8Array([1, 2, 3]), trustStore: pki.trustStore(), now }),
    ).toMatchObject({ failure: SignatureFailure.malformed });
    expect(verifyCms({ cms: await sign(), trustStore: pki.trustStore(), now })).toMatchObject({
      failure: SignatureFailure.contentMissing,
    });
  });

  it('verifies a CAdES made by OpenSSL (BER with indefinite lengths)', async () => {
    // OpenSSL signs at the wall-clock time: a PKI valid around it.
    const live = await createDemoPki({ now: new Date(), holders: [citizen] });
    const credential = live.holders[0]!.signing;
    const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', credential.privateKey);
    fs.writeFileSync(path.join(tmp, 'key.pem'), toPem(new Uint8Array(pkcs8), 'PRIVATE KEY'));
    fs.writeFileSync(
      path.join(tmp, 'cert.pem'),
      toPem(new Uint8Array(credential.certificate.rawData)),
    );
    fs.writeFileSync(
      path.join(tmp, 'chain.pem'),
      toPem(new Uint8Array(live.issuing.certificate.rawData)),
    );
    fs.writeFileSync(path.join(tmp, 'in.bin'), content);
    const out = path.join(tmp, 'openssl.p7s');
    execFileSync('openssl', [
      'cms',
      '-sign',
      '-cades',
      '-binary',
      '-nodetach',
      '-stream',
      '-outform',
      'DER',
      '-in',
      path.join(tmp, 'in.bin'),
      '-signer',
      path.join(tmp, 'cert.pem'),
      '-inkey',
      path.join(tmp, 'key.pem'),
      '-certfile',
      path.join(tmp, 'chain.pem'),
      '-out',
      out,
    ]);
    const cms = new Uint8Array(fs.readFileSync(out));
    expect(cms[1]).toBe(0x80); // indefinite length: BER, as streaming signers produce
    const result = verifyCms({
      cms,
      trustStore: live.trustStore(),
      now: new Date(),
      expected: { iin: citizen.iin },
    });
    expect(result.valid && Buffer.from(result.content).equals(Buffer.from(content))).toBe(true);
  });

  it('embeds the signer certificate and its chain as given, alike on every signature', async () => {
    const credential = pki.holders[1]!.signing;
    const first = await sign(credential);
    // The second signature reuses the parsed certificate: RSA PKCS#1 v1.5 is deterministic.
    const second = await sign(credential);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(first).content });
    const embedded = (signedData.certificates ?? []).map((certificate) =>
      Buffer.from((certificate as pkijs.Certificate).toSchema().toBER(false)),
    );
    const expected = [credential.certificate, ...(credential.chain ?? [])].map((certificate) =>
      Buffer.from(certificate.rawData),
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(embedded).toEqual(expected);
    // Another holder's signature names that holder, not the cached one.
    const other = verifyCms({
      cms: await sign(pki.holders[0]!.signing),
      content,
      trustStore: pki.trustStore(),
      now,
      expected: { iin: citizen.iin },
    });
    expect(other.valid).toBe(true);
  });

  it('is accepted by openssl cms -verify, detached and attached', async () => {
    const caFile = path.join(tmp, 'root.pem');
    fs.writeFileSync(caFile, toPem(new Uint8Array(pki.root.certificate.rawData)));
    const data = path.join(tmp, 'data.bin');
    fs.writeFileSync(data, content);
    const detached = path.join(tmp, 'detached.p7s');
    fs.writeFileSync(detached, await sign());
    const attached = path.join(tmp, 'attached.p7s');
    fs.writeFileSync(attached, await sign(undefined, true));
    const run = (args: string[]) =>
      execFileSync(
        'openssl',
        ['cms', '-verify', '-inform', 'DER', '-binary', '-CAfile', caFile, ...args],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    run(['-in', detached, '-content', data, '-out', path.join(tmp, 'out1.bin')]);
    run(['-in', attached, '-out', path.join(tmp, 'out2.bin')]);
    expect(fs.readFileSync(path.join(tmp, 'out2.bin')).equals(Buffer.from(content))).toBe(true);
    fs.writeFileSync(data, 'altered');
    expect(() =>
      run(['-in', detached, '-content', data, '-out', path.join(tmp, 'out3.bin')]),
    ).toThrow();
  });
});
