import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/cli/server.js';
import { toPem } from '../../src/signing/certificate-info.js';
import { createDemoPki, demoHolders } from '../../src/signing/demo-pki.js';
import { loadTrustStore } from '../../src/signing/pki-directory.js';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import { testConfig } from '../support/server.js';

/** A logger that keeps the JSON lines it writes. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe(`the embedded PKI at the server's first start on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  const folders: string[] = [];
  const emptyFolder = () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-first-start-pki-'));
    folders.push(folder);
    return folder;
  };
  beforeAll(async () => {
    provisioned = await provisionDatabase();
  });
  afterAll(async () => {
    await provisioned?.dispose();
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('creates the CA, CRLs and demo keys in a folder without a CA, logs it, and keeps them on restart', async () => {
    const directory = path.join(emptyFolder(), 'pki');
    const config = { ...testConfig(provisioned.database), pki: { directory, ncalayerUrl: '' } };
    const first = capturingLogger();
    const server = await startServer(config, first.logger as never);
    await server.close();

    const loaded = loadTrustStore(directory);
    expect(loaded.roots).toHaveLength(1);
    expect(loaded.intermediates).toHaveLength(1);
    expect(loaded.crls).toHaveLength(2);
    expect(fs.readdirSync(path.join(directory, 'demo')).sort()).toEqual(
      demoHolders.map((holder) => `${holder.iin}.p12`).sort(),
    );
    expect(fs.existsSync(path.join(directory, 'embedded', 'issuing-ca.p12'))).toBe(true);
    const created = first.lines.find((line) => String(line.msg).startsWith('embedded PKI created'));
    expect(created).toMatchObject({ directory, roots: 1, intermediates: 1 });
    // Logged before the server listens (the demo seed, when on, runs in between).
    expect(first.lines.indexOf(created!)).toBeLessThan(
      first.lines.findIndex((line) => String(line.msg).startsWith('listening')),
    );

    const root = fs.readFileSync(path.join(directory, 'trusted', 'qyzmet-root-ca.pem'), 'utf8');
    const second = capturingLogger();
    const restarted = await startServer(config, second.logger as never);
    await restarted.close();
    expect(fs.readFileSync(path.join(directory, 'trusted', 'qyzmet-root-ca.pem'), 'utf8')).toBe(
      root,
    );
    expect(second.lines.some((line) => String(line.msg).startsWith('embedded PKI created'))).toBe(
      false,
    );
  });

  it('leaves a folder that already trusts a CA (e.g. НУЦ РК) alone', async () => {
    const directory = emptyFolder();
    fs.mkdirSync(path.join(directory, 'trusted'));
    const other = await createDemoPki({ now: new Date(), holders: [] });
    fs.writeFileSync(
      path.join(directory, 'trusted', 'nca-root.pem'),
      toPem(new Uint8Array(other.root.certificate.rawData)),
    );
    const config = { ...testConfig(provisioned.database), pki: { directory, ncalayerUrl: '' } };
    const server = await startServer(config, capturingLogger().logger as never);
    await server.close();
    // No embedded CA, CRLs or demo keys: only the installation's own audit keys (issue 16,
    // defect 8), which every installation needs whoever its CA is.
    expect(fs.readdirSync(directory)).toEqual(['installation', 'trusted']);
    expect(fs.readdirSync(path.join(directory, 'installation')).sort()).toEqual([
      'audit.key',
      'signer.pem',
    ]);
    expect(fs.readdirSync(path.join(directory, 'trusted'))).toEqual(['nca-root.pem']);
  });

  it('gives test servers a temporary PKI folder, never the repository’s ./data', () => {
    const directory = testConfig(provisioned.database).pki.directory;
    expect(directory.startsWith(os.tmpdir())).toBe(true);
    expect(directory).not.toContain(`${path.sep}data${path.sep}`);
  });
});
