import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import { runCli } from '../support/server.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('boot with a wrong setting', () => {
  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/qyzmet' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
  ])('fails with one line naming %s', async (setting, env) => {
    const result = await runCli(['serve'], env);
    expect(result.code).toBe(78);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(setting);
    expect(lines[0]).toMatch(/^qyzmet: Invalid configuration: /);
  });

  it('fails with one line naming DATABASE_URL when the server cannot be reached', async () => {
    const port = await closedPort();
    const result = await runCli(['serve'], {
      DATABASE_URL: `postgres://qyzmet:secret@127.0.0.1:${port}/qyzmet`,
    });
    expect(result.code).toBe(78);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DATABASE_URL');
    expect(lines[0]).toContain(`127.0.0.1:${port}/qyzmet`);
    expect(lines[0]).not.toContain('secret');
  });
});

describe(`qyzmet db on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  beforeAll(async () => {
    provisioned = await provisionDatabase();
  });
  afterAll(async () => {
    await provisioned?.dispose();
  });

  // Three CLI processes, each opening the database: generous limits for a busy machine.
  it(
    'shows pending migrations, applies them, then shows them applied',
    { timeout: 240_000 },
    async () => {
      const before = await runCli(['db', 'status', '--json'], provisioned.env, 75_000);
      expect(before.code).toBe(3);
      const pending = JSON.parse(before.stdout) as {
        database: string;
        applied: string[];
        pending: string[];
      };
      expect(pending.database).toBe(testBackend);
      expect(pending.applied).toEqual([]);
      expect(pending.pending.length).toBeGreaterThan(0);

      const migrate = await runCli(['db', 'migrate', '--json'], provisioned.env, 75_000);
      expect(migrate.code).toBe(0);
      expect(JSON.parse(migrate.stdout)).toEqual({
        database: testBackend,
        applied: pending.pending,
      });

      const after = await runCli(['db', 'status', '--json'], provisioned.env, 75_000);
      expect(after.code).toBe(0);
      expect(JSON.parse(after.stdout)).toMatchObject({ applied: pending.pending, pending: [] });
    },
  );

  it('rejects an unknown action with its usage', async () => {
    const result = await runCli(['db', 'drop'], provisioned.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown db action "drop"');
    expect(result.stderr).toContain('Usage: qyzmet db');
  });
});
