import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signCms } from './cms-sign.js';
import { verifyCms } from './cms-verify.js';
import { createDemoPki } from './demo-pki.js';
import { exportPkcs12, importPkcs12, Pkcs12Error } from './pkcs12.js';

const now = new Date('2026-03-02T06:00:00Z');

describe('PKCS#12 key files', () => {
  it('round-trips both keys and the chain; the imported key signs verifiably; OpenSSL reads it', async () => {
    const pki = await createDemoPki({
      now,
      holders: [{ iin: '900101300123', surname: 'Сейітқали', name: 'Әлия' }],
    });
    const holder = pki.holders[0]!;
    const file = await exportPkcs12({
      entries: [
        {
          friendlyName: 'signing',
          privateKey: holder.signing.privateKey,
          certificate: holder.signing.certificate,
        },
        {
          friendlyName: 'authentication',
          privateKey: holder.authentication.privateKey,
          certificate: holder.authentication.certificate,
        },
      ],
      caCertificates: holder.signing.chain,
      password: 'Qwerty12',
    });
    const opened = await importPkcs12(file, 'Qwerty12');
    expect(opened.entries.map((e) => e.friendlyName).sort()).toEqual(['authentication', 'signing']);
    expect(opened.caCertificates).toHaveLength(2);
    const signing = opened.entries.find((e) => e.friendlyName === 'signing')!;
    const content = new TextEncoder().encode('test');
    const cms = await signCms({
      credential: {
        certificate: signing.certificate,
        privateKey: signing.privateKey,
        chain: opened.caCertificates,
      },
      content,
      signingTime: now,
      attached: false,
    });
    expect(verifyCms({ cms, content, trustStore: pki.trustStore(), now }).valid).toBe(true);

    await expect(importPkcs12(file, 'wrong')).rejects.toBeInstanceOf(Pkcs12Error);

    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-p12-'));
    try {
      fs.writeFileSync(path.join(tmp, 'k.p12'), file);
      const out = execFileSync(
        'openssl',
        ['pkcs12', '-in', path.join(tmp, 'k.p12'), '-passin', 'pass:Qwerty12', '-nokeys'],
        { encoding: 'utf8' },
      );
      expect(out.match(/BEGIN CERTIFICATE/g)).toHaveLength(4);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});
