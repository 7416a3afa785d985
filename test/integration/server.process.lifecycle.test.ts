import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/config/paths.js';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';

describe(`qyzmet serve as a process on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  beforeAll(async () => {
    provisioned = await provisionDatabase();
  });
  afterAll(async () => {
    await provisioned?.dispose();
  });

  it('starts, serves /health, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [fromRoot('bin', 'qyzmet.js'), 'serve'], {
      env: {
        ...process.env,
        ...provisioned.env,
        QYZMET_NO_BUILD: '1',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
    });
    const lines: Array<Record<string, unknown>> = [];
    let buffer = '';
    const listening = new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>;
          buffer = buffer.slice(newline + 1);
          lines.push(line);
          if (typeof line.port === 'number') resolve(line.port);
        }
      });
    });
    const port = await listening;
    const health = await fetch(`http://127.0.0.1:${port}/health`, {
      headers: { 'x-request-id': 'lifecycle-1' },
    });
    expect(await health.json()).toMatchObject({ status: 'ok', database: testBackend });

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const messages = lines.map((line) => line.msg);
    expect(messages).toContain('installation started');
    expect(messages.indexOf('stopped')).toBeGreaterThan(
      messages.indexOf('shutting down: finishing in-flight requests'),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'request', requestId: 'lifecycle-1', status: 200 }),
    );
  });
});
