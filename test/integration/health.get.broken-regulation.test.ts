// Issue 14: a broken regulation file does not stop the server. It starts on a regulations
// folder (REGULATIONS_DIR) where one definition has an error; /health reports `degraded` and
// names the file; the broken version is not offered, and the other services work.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { startServer, type RunningServer } from '../../src/cli/server.js';
import { regulationsDirectory } from '../../src/storage/regulation-files.js';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import { testConfig } from '../support/server.js';

describe(`a broken regulation file on ${testBackend}`, () => {
  let folder: string;
  let provisioned: ProvisionedDatabase;
  let server: RunningServer;
  let url: string;

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-broken-regulation-'));
    fs.cpSync(regulationsDirectory, folder, { recursive: true });
    const file = path.join(folder, 'aktobe', 'extern-permission.yaml');
    const text = fs.readFileSync(file, 'utf8');
    // An actor the engine does not know, on the head's step.
    const broken = text.replace(/actor: head\n/, 'actor: clerk\n');
    expect(broken).not.toBe(text);
    fs.writeFileSync(file, broken);
    provisioned = await provisionDatabase();
    const config = { ...testConfig(provisioned.database), regulationsDirectory: folder };
    server = await startServer(config, createLogger(config));
    url = `http://127.0.0.1:${server.port}`;
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    await provisioned?.dispose();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('/health is degraded (200) and names the file; the other definitions run', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      regulations: { running: number; broken: { file: string; errors: number }[] };
    };
    expect(body.status).toBe('degraded');
    expect(body.regulations.broken).toHaveLength(1);
    expect(body.regulations.broken[0]!.file).toMatch(/^aktobe[/\\]extern-permission\.yaml$/);
    expect(body.regulations.broken[0]!.errors).toBeGreaterThan(0);
    const total = fs
      .readdirSync(folder, { recursive: true })
      .filter(
        (name) =>
          /^[a-z-]+[/\\][a-z-]+(\.\d{4}-\d{2}-\d{2})?\.yaml$/.test(String(name)) &&
          !String(name).startsWith('_'),
      );
    expect(body.regulations.running).toBe(total.length - 1);
  });

  it('the broken version is not offered; the other services are', async () => {
    // A day when Aktobe's and Kostanay's own regulations were in force.
    const inForce = async (region: string) => {
      const response = await fetch(`${url}/api/v1/regulations?region=${region}&date=2019-06-03`);
      expect(response.status).toBe(200);
      return JSON.stringify(await response.json());
    };
    const aktobe = await inForce('aktobe');
    expect(aktobe).not.toContain('aktobe.extern-permission');
    expect(aktobe).toContain('aktobe.duplicates');
    expect(await inForce('kostanay')).toContain('kostanay.extern-permission');
  });
});
