import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/features/api-tokens/create-api-token.js';
import { ensureInstallationKeys } from '../../src/signing/installation-key.js';
import { useAuditKey } from '../../src/storage/audit.repository.js';
import { openDatabase } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { createOrganisation, createStaff } from '../support/applications.js';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import { runCli } from '../support/server.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';

/**
 * Issue 16, resilience suite: kill -9 of the built server while it takes submits over the
 * JSON API, on the suite's backend (PGlite in a data directory on the PGlite run, a fresh
 * database on the PostgreSQL server on the PostgreSQL run — `npm run test:all` runs both).
 * Twice: start, load, kill -9 mid-load. Then a third start, in which every key ever sent is
 * retried: an acknowledged key (201) must return its first application, an unacknowledged
 * one exactly one application. At the end the database holds exactly one application and one
 * receipt per key, and `qyzmet audit verify` finds the chain intact with every application
 * event covered.
 */
const applicantIin = '900101300007';
const workers = 4;
const kills = 2;

interface Outcome {
  status: number | 'error';
  applicationId?: string;
  body?: unknown;
}

describe(`kill -9 of qyzmet serve under submit load on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  let pkiDirectory: string;
  let token: string;
  let server: ServerProcess | undefined;
  const env = (): Record<string, string> => ({
    ...provisioned.env,
    PKI_DIR: pkiDirectory,
    AUDIT_ANCHOR_DIR: path.join(pkiDirectory, 'anchors'),
    DATABASE_POOL_SIZE: '4',
    WORKER_ENABLED: 'true',
    WORKER_POLL_MS: '200',
  });

  beforeAll(async () => {
    provisioned = await provisionDatabase();
    pkiDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-kill-pki-'));
    // The organisation, its registry office and an API token, written with the installation's
    // audit key (as every process of the installation does) before the server first starts.
    const keys = await ensureInstallationKeys(pkiDirectory, 'resilience-suite', new Date());
    useAuditKey(keys.auditKey);
    const database = await openDatabase(provisioned.database);
    try {
      await migrateToLatest(database.db);
      await createOrganisation(database, {
        id: 'kst-school-1',
        kind: 'school',
        regionCode: 'kostanay',
        timeZone: 'Asia/Qostanay',
      });
      // The front office where the result is collected (a field chosen from the region's offices).
      await createOrganisation(database, {
        id: 'kst-fo-1',
        kind: 'front_office',
        regionCode: 'kostanay',
        timeZone: 'Asia/Qostanay',
      });
      const staff = await createStaff(database, 'kst-school-1', 'kostanay', ['registry_office']);
      token = (
        await createApiToken(
          database.db,
          { kind: 'system', id: 'test' },
          {
            name: 'kill-9 load',
            organisationId: 'kst-school-1',
            roles: ['registry_office'] as never,
            staffAccountId: staff.staffId,
          },
          new Date(),
        )
      ).token;
    } finally {
      await database.close();
      useAuditKey(undefined);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.killHard();
    await provisioned?.dispose();
    if (pkiDirectory) fs.rmSync(pkiDirectory, { recursive: true, force: true });
  });

  async function submit(url: string, key: string): Promise<Outcome> {
    try {
      const response = await fetch(`${url}/api/v1/applications`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
          'accept-language': 'ru',
        },
        body: JSON.stringify({
          serviceCode: 'duplicates',
          channel: 'provider_office',
          applicantIin,
          providerOrganisationId: 'kst-school-1',
          // The national duplicates standard (in force today: the regional ones are repealed).
          fields: {
            'applicant-iin': applicantIin,
            'document-status': 'lost',
            'name-changed': 'no',
            'result-front-office': 'kst-fo-1',
          },
        }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json().catch(() => ({}))) as { applicationId?: string };
      return response.status === 201
        ? { status: 201, applicationId: body.applicationId }
        : { status: response.status, body };
    } catch {
      return { status: 'error' };
    }
  }

  it('keeps every acknowledged submit exactly once and the audit chain intact', async () => {
    const sent = new Map<string, Outcome>();
    const killedWhileInFlight: number[] = [];

    for (let round = 0; round < kills; round += 1) {
      server = await startServerProcess(env());
      const running = server;
      let isLoading = true;
      let inFlight = 0;
      let acknowledged = 0;
      const load = Array.from({ length: workers }, async (_, worker) => {
        for (let i = 0; isLoading; i += 1) {
          const key = `kill-${round}-${worker}-${String(i).padStart(5, '0')}`;
          inFlight += 1;
          const outcome = await submit(running.url, key);
          inFlight -= 1;
          sent.set(key, outcome);
          if (outcome.status === 201) acknowledged += 1;
          if (outcome.status === 'error') isLoading = false;
        }
      });
      // Load until a good number of submits were acknowledged, then kill -9 mid-flight.
      const deadline = Date.now() + 30_000;
      while (acknowledged < 25 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      killedWhileInFlight.push(inFlight);
      await running.killHard();
      expect(running.exited()?.signal).toBe('SIGKILL');
      isLoading = false;
      await Promise.all(load);
      const refused = [...sent.values()].filter((o) => o.status !== 201 && o.status !== 'error');
      expect(refused.slice(0, 3)).toEqual([]);
      expect(acknowledged).toBeGreaterThanOrEqual(25);
    }
    // The kills landed under load: requests were in flight when the process died.
    expect(killedWhileInFlight.some((n) => n > 0)).toBe(true);
    // Under load, only 201 or a lost connection: never a 5xx.
    const statuses = new Set([...sent.values()].map((outcome) => outcome.status));
    expect([...statuses].filter((status) => status !== 201 && status !== 'error')).toEqual([]);

    // Third start: retry every key ever sent.
    server = await startServerProcess(env());
    const replayed = new Map<string, Outcome>();
    const keys = [...sent.keys()];
    await Promise.all(
      Array.from({ length: workers }, async (_, worker) => {
        for (let i = worker; i < keys.length; i += workers) {
          replayed.set(keys[i]!, await submit(server!.url, keys[i]!));
        }
      }),
    );
    for (const [key, first] of sent) {
      const again = replayed.get(key)!;
      expect(again.status, key).toBe(201);
      if (first.status === 201) expect(again.applicationId, key).toBe(first.applicationId);
    }
    await server.stop();
    expect(server.exited()?.code).toBe(0);
    server = undefined;

    // Exactly one application and one receipt per key; nothing without a key.
    const database = await openDatabase(provisioned.database);
    try {
      const applications = await database.db.selectFrom('application').select('id').execute();
      const receipts = await database.db
        .selectFrom('command_receipt')
        .select(['idempotency_key', 'application_id'])
        .execute();
      expect(receipts.length).toBe(sent.size);
      expect(applications.length).toBe(sent.size);
      expect(new Set(receipts.map((r) => r.idempotency_key))).toEqual(new Set(sent.keys()));
      expect(new Set(receipts.map((r) => r.application_id))).toEqual(
        new Set(applications.map((a) => a.id)),
      );
      for (const receipt of receipts) {
        expect(receipt.application_id).toBe(replayed.get(receipt.idempotency_key)!.applicationId);
      }
    } finally {
      await database.close();
    }

    const verified = await runCli(['audit', 'verify', '--json'], env(), 120_000);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    const report = JSON.parse(verified.stdout.trim().split('\n').at(-1)!) as {
      isIntact: boolean;
      macsChecked: boolean;
      coverage: { applicationEvents: number };
    };
    expect(report).toMatchObject({ isIntact: true, macsChecked: true });
    expect(report.coverage.applicationEvents).toBeGreaterThanOrEqual(sent.size);
    console.log(
      `kill -9 on ${testBackend}: ${kills} kills (in flight: ${killedWhileInFlight.join(', ')}), ` +
        `${sent.size} keys, ${[...sent.values()].filter((o) => o.status === 201).length} acknowledged, ` +
        `${sent.size} retried after restart; audit intact`,
    );
  }, 280_000);
});
