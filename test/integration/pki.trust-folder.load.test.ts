import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SignatureFailure } from '../../src/domain/signature/signature-failure.js';
import { toPem } from '../../src/signing/certificate-info.js';
import { signCms } from '../../src/signing/cms-sign.js';
import { verifyCms } from '../../src/signing/cms-verify.js';
import { createDemoPki } from '../../src/signing/demo-pki.js';
import { importPkcs12, signingCredentialOf } from '../../src/signing/pkcs12.js';
import {
  DEMO_KEY_PASSWORD,
  initialiseEmbeddedPki,
  loadTrustStore,
  revokeWithEmbeddedCa,
} from '../../src/signing/pki-directory.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-pki-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the trust folder', () => {
  it('initialises the embedded CA with demo keys once; the demo keys sign verifiably', async () => {
    const now = new Date();
    const created = await initialiseEmbeddedPki(tmp, now);
    expect(created?.holders.length).toBeGreaterThan(2);
    expect(await initialiseEmbeddedPki(tmp, now)).toBeUndefined();
    const loaded = loadTrustStore(tmp);
    expect(loaded.errors).toEqual([]);
    expect(loaded.roots.map((f) => path.basename(f))).toEqual(['qyzmet-root-ca.pem']);
    expect(loaded.intermediates.map((f) => path.basename(f))).toEqual(['qyzmet-issuing-ca.pem']);
    expect(loaded.crls).toHaveLength(2);

    const staff = created!.holders.find((h) => h.holder.organisation)!;
    const keys = await importPkcs12(
      new Uint8Array(fs.readFileSync(path.join(tmp, 'demo', `${staff.holder.iin}.p12`))),
      DEMO_KEY_PASSWORD,
    );
    const signing = keys.entries.find((e) => e.friendlyName === 'signing')!;
    const content = new TextEncoder().encode('document');
    const cms = await signCms({
      credential: {
        certificate: signing.certificate,
        privateKey: signing.privateKey,
        chain: keys.caCertificates,
      },
      content,
      signingTime: now,
      attached: false,
    });
    expect(
      verifyCms({
        cms,
        content,
        trustStore: loaded.store,
        now,
        expected: { iin: staff.holder.iin, bin: staff.holder.organisation!.bin },
      }).valid,
    ).toBe(true);
  }, 120_000);

  it('revokes a demo key with the embedded CA: the next load refuses its signatures', async () => {
    const now = new Date();
    const citizen = '900101300123';
    const keys = await importPkcs12(
      new Uint8Array(fs.readFileSync(path.join(tmp, 'demo', `${citizen}.p12`))),
      DEMO_KEY_PASSWORD,
    );
    const credential = signingCredentialOf(keys);
    const content = new TextEncoder().encode('application');
    const cms = await signCms({ credential, content, signingTime: now, attached: false });
    expect(verifyCms({ cms, content, trustStore: loadTrustStore(tmp).store, now }).valid).toBe(
      true,
    );
    const serial = new (await import('../../src/signing/x509.js')).X509Certificate(
      credential.certificate,
    ).serialNumber;
    expect(await revokeWithEmbeddedCa(tmp, serial, new Date(now.getTime() - 1000), now)).toBe(1);
    expect(verifyCms({ cms, content, trustStore: loadTrustStore(tmp).store, now })).toMatchObject({
      failure: SignatureFailure.certificateRevoked,
    });
  }, 120_000);

  it('takes an administrator’s real CA and CRL from files, and reports a bad file without failing', async () => {
    const now = new Date();
    const other = await createDemoPki({
      now,
      holders: [{ iin: '850505400234', surname: 'Иванов', name: 'Пётр' }],
    });
    const content = new TextEncoder().encode('request');
    const cms = await signCms({
      credential: other.holders[0]!.signing,
      content,
      signingTime: now,
      attached: false,
    });
    expect(verifyCms({ cms, content, trustStore: loadTrustStore(tmp).store, now })).toMatchObject({
      failure: SignatureFailure.unknownCa,
    });

    fs.writeFileSync(
      path.join(tmp, 'trusted', 'nca-root.cer'),
      new Uint8Array(other.root.certificate.rawData),
    );
    fs.writeFileSync(
      path.join(tmp, 'trusted', 'nca-issuing.pem'),
      toPem(new Uint8Array(other.issuing.certificate.rawData)),
    );
    fs.writeFileSync(path.join(tmp, 'crl', 'nca.crl'), new Uint8Array(other.crl.rawData));
    fs.writeFileSync(path.join(tmp, 'crl', 'nca-root.crl'), new Uint8Array(other.rootCrl.rawData));
    fs.writeFileSync(
      path.join(tmp, 'trusted', 'broken.pem'),
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
    );
    const loaded = loadTrustStore(tmp);
    expect(loaded.errors.map((e) => path.basename(e.file))).toEqual(['broken.pem']);
    expect(
      verifyCms({ cms, content, trustStore: loaded.store, now, expected: { iin: '850505400234' } })
        .valid,
    ).toBe(true);
  }, 120_000);
});
