import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { NCALayerClient } from 'ncalayer-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/config/paths.js';
import { SignatureFailure } from '../../src/domain/signature/signature-failure.js';
import { verifyCms } from '../../src/signing/cms-verify.js';
import { createDemoPki, type DemoPki } from '../../src/signing/demo-pki.js';
import { exportPkcs12 } from '../../src/signing/pkcs12.js';

// Drives `qyzmet signer` (a child process, as a developer runs it) with ncalayer-js-client's
// own NCALayerClient over WebSocket, and checks the signatures it returns.
const citizen = {
  iin: '900101300123',
  surname: 'Сейітқали',
  name: 'Әлия',
  patronymic: 'Нұрланқызы',
};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-signer-'));
let pki: DemoPki;
let child: ChildProcess;
let url: string;
let client: NCALayerClient;
const data = Buffer.from('Өтініш: экстернат / Заявление: экстернат');

beforeAll(async () => {
  pki = await createDemoPki({ now: new Date(), holders: [citizen] });
  const holder = pki.holders[0]!;
  const file = path.join(tmp, `${citizen.iin}.p12`);
  fs.writeFileSync(
    file,
    await exportPkcs12({
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
      password: 'secret-1',
    }),
  );
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fromRoot('src/cli/run.ts'),
      'signer',
      '--p12',
      file,
      '--password',
      'secret-1',
      '--port',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], cwd: fromRoot() },
  );
  const first = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`signer exited with ${code}`)));
  });
  url = (JSON.parse(first) as { listening: string }).listening;
  client = new NCALayerClient(url, false);
  expect(await client.connect()).toBe('1.4');
}, 60_000);

afterAll(async () => {
  client?.wsConnection?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

function check(base64: string, content?: Uint8Array, purpose?: 'signing' | 'authentication') {
  return verifyCms({
    cms: new Uint8Array(Buffer.from(base64, 'base64')),
    ...(content ? { content } : {}),
    trustStore: pki.trustStore(),
    now: new Date(),
    expected: { iin: citizen.iin },
    ...(purpose ? { purpose } : {}),
  });
}

describe('qyzmet signer speaks NCALayer through ncalayer-js-client', () => {
  it('lists no hardware tokens and describes the signing key', async () => {
    expect(await client.getActiveTokens()).toEqual([]);
    const info = await client.getKeyInfo(NCALayerClient.fileStorageType);
    expect(info.subjectCn).toBe('СЕЙІТҚАЛИ ӘЛИЯ');
    expect(info.pem).toContain('BEGIN CERTIFICATE');
    expect(Number(info.certNotAfter)).toBeGreaterThan(Date.now());
  });

  it('basicsSignCMS: detached signature with the person signing key verifies against the data', async () => {
    const signature = await client.basicsSignCMS(
      NCALayerClient.basicsStoragePKCS12,
      data.toString('base64'),
      NCALayerClient.basicsCMSParamsDetached,
      NCALayerClient.basicsSignerSignPerson,
    );
    expect(typeof signature).toBe('string');
    expect(check(signature as string, data).valid).toBe(true);
  });

  it('basicsSignCMS: attached, several documents, and the authentication key when asked for it', async () => {
    const signatures = await client.basicsSignCMS(
      NCALayerClient.basicsStoragePKCS12,
      [data.toString('base64'), Buffer.from('second').toString('base64')],
      NCALayerClient.basicsCMSParamsAttached,
      NCALayerClient.basicsSignerSignAny,
    );
    expect(signatures).toHaveLength(2);
    const second = check((signatures as string[])[1]!);
    expect(second.valid && Buffer.from(second.content).toString()).toBe('second');
    const auth = await client.basicsSignCMS(
      NCALayerClient.basicsStoragePKCS12,
      data.toString('base64'),
      NCALayerClient.basicsCMSParamsDetached,
      NCALayerClient.basicsSignerAuthPerson,
    );
    expect(check(auth as string, data)).toMatchObject({
      failure: SignatureFailure.wrongKeyPurpose,
    });
    expect(check(auth as string, data, 'authentication').valid).toBe(true);
  });

  it('createCAdESFromBase64 (attached and detached) and createCAdESFromBase64Hash', async () => {
    const attached = await client.createCAdESFromBase64(
      'PKCS12',
      data.toString('base64'),
      'SIGNATURE',
      true,
    );
    expect(check(attached).valid).toBe(true);
    const detached = await client.createCAdESFromBase64(
      'PKCS12',
      data.toString('base64'),
      'SIGNATURE',
      false,
    );
    expect(check(detached, data).valid).toBe(true);
    expect(check(detached, Buffer.from('other'))).toMatchObject({
      failure: SignatureFailure.contentAltered,
    });
    const digest = (await import('node:crypto')).createHash('sha256').update(data).digest('base64');
    const fromHash = await client.createCAdESFromBase64Hash('PKCS12', digest, 'SIGNATURE');
    expect(check(fromHash, data).valid).toBe(true);
  });

  it('answers unsupported calls with an NCALayer error', async () => {
    await expect(client.signXml('PKCS12', '<a/>')).rejects.toThrow(
      /500: method signXml is not supported/,
    );
    await expect(client.getKeyInfo('AKKZIDCardStore')).rejects.toThrow(
      /storage AKKZIDCardStore is not available/,
    );
  });
});
