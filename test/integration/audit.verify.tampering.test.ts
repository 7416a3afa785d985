import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import type { SignedAuditHead } from '../../src/features/audit/audit-head.js';
import { exportAuditHead, signAuditHead } from '../../src/features/audit/export-audit-head.js';
import { recordStart } from '../../src/features/installation/record-start.js';
import { useInstallationKeys } from '../../src/features/installation/use-installation-keys.js';
import { verifyAuditAgainstHead } from '../../src/features/audit/verify-audit-against-head.js';
import { verifyAuditTrail } from '../../src/features/audit/verify-audit-trail.js';
import { defaultDeliveryPolicy } from '../../src/features/job-services.js';
import { defaultDeadlinePolicy } from '../../src/domain/application/deadline-watch.js';
import { createBackgroundJobs } from '../../src/jobs/background-jobs.js';
import {
  ensureInstallationKeys,
  type InstallationKeys,
} from '../../src/signing/installation-key.js';
import { sealAuditEvents } from '../../src/storage/audit-chain.repository.js';
import {
  appendAudit,
  computeAuditHash,
  listAuditEvents,
  useAuditKey,
  type AuditEventRow,
} from '../../src/storage/audit.repository.js';
import type { Database, DatabaseHandle } from '../../src/storage/db.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';

// Issue 16, defect 8: each case below passed `audit verify` before migration 0101, the MACs,
// the coverage count and the exported head.

let database: DatabaseHandle;
let keys: InstallationKeys;
let pkiDirectory: string;
const clock = manualClock('2019-04-01T04:00:00Z');

class Rollback extends Error {}

/** Runs `work` as the tables' owner (append-only triggers off), then rolls everything back. */
async function asOwnerRolledBack<T>(work: (trx: Database) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await database.db
    .transaction()
    .execute(async (trx) => {
      await sql`alter table audit_event disable trigger user`.execute(trx);
      await sql`alter table audit_anchor disable trigger user`.execute(trx);
      result = await work(trx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return result!;
}

/** Runs `work` in a transaction that is always rolled back (to try a refused statement). */
async function attempt(statement: (trx: Database) => Promise<unknown>): Promise<unknown> {
  return database.db
    .transaction()
    .execute(async (trx) => {
      await statement(trx);
      throw new Rollback();
    })
    .then(
      () => undefined,
      (error: unknown) => (error instanceof Rollback ? undefined : error),
    );
}

const sealAll = (db: Database = database.db) =>
  sealAuditEvents(db, { now: clock.now(), batchSize: 1_000, wait: true });

async function sealedRows(db: Database = database.db): Promise<AuditEventRow[]> {
  return (await listAuditEvents(db))
    .filter((row) => row.chainPosition !== null)
    .sort((a, b) => a.chainPosition! - b.chainPosition!);
}

beforeAll(async () => {
  database = await createTestDatabase();
  pkiDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-audit-pki-'));
  const instance = await recordStart(database.db, clock.now());
  keys = await useInstallationKeys(pkiDirectory, instance.installationId, clock.now());
  await createOrganisation(database, {
    id: 'wk-school',
    kind: 'school',
    regionCode: 'west-kazakhstan',
  });
  const registry = await createStaff(database, 'wk-school', 'west-kazakhstan', ['registry_office']);
  const services = applicationServices(database, clock.now);
  for (const index of [1, 2, 3]) {
    await submitApplication(services, registry, {
      idempotencyKey: `audit-tamper-${index}-key`,
      serviceCode: 'duplicates',
      channel: 'provider_office',
      applicantIin: '900101300007',
      providerOrganisationId: 'wk-school',
      fields: { 'applicant-iin': '900101300007' },
    });
  }
  // A read-like row with no application event behind it (only the exported head protects it).
  await appendAudit(database.db, {
    occurredAt: clock.now(),
    actor: { kind: 'staff', id: registry.staffId },
    action: 'application.read',
    subjectType: 'report',
  });
  await sealAll();
});
afterAll(async () => {
  useAuditKey(undefined);
  await database?.close();
  fs.rmSync(pkiDirectory, { recursive: true, force: true });
});

describe(`audit trail tampering (issue 16, defect 8) on ${testBackend}`, () => {
  it('starts intact: every row keyed, every application event audited', async () => {
    const result = await verifyAuditTrail(database.db);
    expect(result).toMatchObject({ isIntact: true, macsChecked: true, unsealedRows: 0 });
    expect(result.coverage.applicationEvents).toBeGreaterThanOrEqual(3);
    expect(result.coverage.applicationEventsWithoutAudit).toBe(0);
    const rows = await listAuditEvents(database.db);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.mac ?? ''))).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows, anchors and application events', async () => {
    const [first] = await sealedRows();
    const refusals = [
      (trx: Database) =>
        sql`update audit_event set details = '{"forged":true}'::jsonb where id = ${first!.id}`.execute(
          trx,
        ),
      (trx: Database) =>
        sql`update audit_event set chain_position = 999 where id = ${first!.id}`.execute(trx),
      (trx: Database) => sql`delete from audit_event where id = ${first!.id}`.execute(trx),
      (trx: Database) => sql`truncate audit_event, audit_anchor`.execute(trx),
      (trx: Database) => sql`truncate audit_anchor`.execute(trx),
      (trx: Database) => sql`update audit_anchor set head_hash = 'x'`.execute(trx),
      (trx: Database) => sql`delete from audit_anchor`.execute(trx),
      (trx: Database) => sql`truncate application_event cascade`.execute(trx),
      (trx: Database) => sql`delete from application_event`.execute(trx),
    ];
    for (const statement of refusals) {
      const error = (await attempt(statement)) as Error | undefined;
      expect(error?.message).toMatch(/append-only|immutable/);
    }
    // An unsealed row may still be sealed (the sealer's one update), and only once.
    const row = await appendAudit(database.db, {
      occurredAt: clock.now(),
      actor: { kind: 'system' },
      action: 'test.sealed_once',
      subjectType: 'test',
    });
    expect(await sealAll()).toMatchObject({ sealed: 1 });
    const error = (await attempt((trx) =>
      sql`update audit_event set previous_hash = null, chain_position = null where id = ${row.id}`.execute(
        trx,
      ),
    )) as Error | undefined;
    expect(error?.message).toMatch(/append-only/);
    expect((await verifyAuditTrail(database.db)).isIntact).toBe(true);
  });

  it('an emptied trail (TRUNCATE audit_event, audit_anchor) is not intact', async () => {
    const result = await asOwnerRolledBack(async (trx) => {
      await sql`truncate audit_event, audit_anchor`.execute(trx);
      return verifyAuditTrail(trx, { seal: false });
    });
    expect(result).toMatchObject({ isIntact: false, rows: 0, reason: 'audit_missing' });
    expect(result.coverage.applicationEventsWithoutAudit).toBe(result.coverage.applicationEvents);
    expect(result.coverage.applicationEvents).toBeGreaterThanOrEqual(3);
    expect(result.coverage.firstWithoutAudit).toMatch(/^application_event /);
  });

  it('a removed audit row of an application event is missing, even with the chain recomputed', async () => {
    const result = await asOwnerRolledBack(async (trx) => {
      const victim = await trx
        .selectFrom('audit_event')
        .select(['id', 'chain_position'])
        .where('subject_type', '=', 'application')
        .orderBy('chain_position', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      await rewriteChainWithout(trx, victim.id);
      return verifyAuditTrail(trx, { seal: false });
    });
    expect(result).toMatchObject({ isIntact: false, reason: 'audit_missing' });
    expect(result.coverage.applicationEventsWithoutAudit).toBe(1);
  });

  it('a forged row with a made-up MAC fails', async () => {
    const result = await asOwnerRolledBack(async (trx) => {
      const forged = forgedContent('staff.granted_admin');
      await sql`
        insert into audit_event (occurred_at, actor_kind, action, subject_type, details, hash, mac)
        values (${forged.occurredAt}, 'system', ${forged.action}, 'staff', '{}'::jsonb,
          ${computeAuditHash(null, forged)}, ${'0'.repeat(64)})`.execute(trx);
      return verifyAuditTrail(trx, { seal: false });
    });
    expect(result).toMatchObject({ isIntact: false, reason: 'mac_mismatch' });
  });

  it('a forged sealed row appended with its own anchor fails (no MAC)', async () => {
    const result = await asOwnerRolledBack(async (trx) => {
      const rows = await sealedRows(trx);
      const head = rows[rows.length - 1]!;
      const forged = forgedContent('staff.granted_admin');
      const hash = computeAuditHash(head.hash, forged);
      await sql`
        insert into audit_event (occurred_at, actor_kind, action, subject_type, details,
          previous_hash, hash, chain_position)
        values (${forged.occurredAt}, 'system', ${forged.action}, 'staff', '{}'::jsonb,
          ${head.hash}, ${hash}, ${head.chainPosition! + 1})`.execute(trx);
      await sql`insert into audit_anchor (chain_position, head_hash, sealed_at)
        values (${head.chainPosition! + 1}, ${hash}, now())`.execute(trx);
      return verifyAuditTrail(trx, { seal: false });
    });
    expect(result).toMatchObject({ isIntact: false, reason: 'mac_mismatch' });
  });

  it('a chain rewritten from a row on (hashes and anchors recomputed) fails against the exported head', async () => {
    const head = (await signAuditHead(database.db, keys.signer, clock.now()))!;
    expect(await verifyAuditAgainstHead(database.db, head, keys.signer.fingerprint)).toEqual({
      holdsHead: true,
      position: head.position,
      signer: keys.signer.fingerprint,
    });
    // Remove the row that no application event accounts for, and rebuild everything after.
    const removed = await asOwnerRolledBack(async (trx) => {
      const victim = await trx
        .selectFrom('audit_event')
        .select('id')
        .where('subject_type', '=', 'report')
        .executeTakeFirstOrThrow();
      await rewriteChainWithout(trx, victim.id);
      return {
        // What the database alone can show: nothing (every MAC, link and anchor is right).
        alone: await verifyAuditTrail(trx, { seal: false }),
        against: await verifyAuditAgainstHead(trx, head, keys.signer.fingerprint),
      };
    });
    expect(removed.alone.isIntact).toBe(true);
    expect(removed.against).toMatchObject({ holdsHead: false, failure: 'head_position_missing' });

    // Reorder two rows from the middle on and rebuild: same length, another head hash.
    const reordered = await asOwnerRolledBack(async (trx) => {
      await rewriteChain(trx, (rows) => {
        const middle = Math.floor(rows.length / 2);
        const swapped = [...rows];
        [swapped[middle], swapped[middle + 1]] = [swapped[middle + 1]!, swapped[middle]!];
        return swapped;
      });
      return {
        alone: await verifyAuditTrail(trx, { seal: false }),
        against: await verifyAuditAgainstHead(trx, head, keys.signer.fingerprint),
      };
    });
    expect(reordered.alone.isIntact).toBe(true);
    expect(reordered.against).toMatchObject({
      holdsHead: false,
      failure: 'head_hash_mismatch',
      position: head.position,
    });

    const truncated = await asOwnerRolledBack(async (trx) => {
      await sql`truncate audit_event, audit_anchor`.execute(trx);
      return verifyAuditAgainstHead(trx, head, keys.signer.fingerprint);
    });
    expect(truncated).toMatchObject({ holdsHead: false, failure: 'head_position_missing' });
  });

  it('an exported head altered or signed by another key is refused', async () => {
    const head = (await signAuditHead(database.db, keys.signer, clock.now()))!;
    const altered: SignedAuditHead = { ...head, position: head.position - 1 };
    expect(
      await verifyAuditAgainstHead(database.db, altered, keys.signer.fingerprint),
    ).toMatchObject({
      holdsHead: false,
      failure: 'head_signature_invalid',
    });
    const otherDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-audit-other-'));
    try {
      const other = await ensureInstallationKeys(otherDirectory, 'other', clock.now());
      const foreign = (await signAuditHead(database.db, other.signer, clock.now()))!;
      expect(
        await verifyAuditAgainstHead(database.db, foreign, keys.signer.fingerprint),
      ).toMatchObject({
        holdsHead: false,
        failure: 'head_unknown_signer',
      });
    } finally {
      fs.rmSync(otherDirectory, { recursive: true, force: true });
    }
    expect(await verifyAuditAgainstHead(database.db, { format: 'x' }, undefined)).toMatchObject({
      holdsHead: false,
      failure: 'head_malformed',
    });
  });

  it('the worker job exports the signed head to the folder and POSTs it to the URL', async () => {
    const received: string[] = [];
    const receiver = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(body);
        response.writeHead(201).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-audit-anchors-'));
    try {
      const services = {
        ...applicationServices(database, clock.now),
        deadlines: defaultDeadlinePolicy,
        delivery: defaultDeliveryPolicy,
      };
      const jobs = createBackgroundJobs(
        services,
        { send: async () => ({ delivered: true }) } as never,
        {
          signer: keys.signer,
          target: {
            directory,
            url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/anchors`,
          },
          everyMs: 60_000,
        },
      );
      const job = jobs.find((candidate) => candidate.name === 'audit-head-export')!;
      expect(job.everyMs).toBe(60_000);
      expect(await job.run()).toBe(1);
      // The same head is not exported twice.
      expect(await job.run()).toBe(0);
      const files = fs.readdirSync(directory);
      expect(files).toHaveLength(1);
      const exported = JSON.parse(
        fs.readFileSync(path.join(directory, files[0]!), 'utf8'),
      ) as SignedAuditHead;
      expect(received.map((body) => JSON.parse(body) as unknown)).toEqual([exported]);
      expect(
        await verifyAuditAgainstHead(database.db, exported, keys.signer.fingerprint),
      ).toMatchObject({
        holdsHead: true,
      });
      // A receiver that refuses: the file is still written, the round fails (logged, retried).
      receiver.removeAllListeners('request');
      receiver.on('request', (_request, response) => response.writeHead(503).end());
      await appendAudit(database.db, {
        occurredAt: clock.now(),
        actor: { kind: 'system' },
        action: 'test.more',
        subjectType: 'test',
      });
      await sealAll();
      await expect(
        exportAuditHead(
          database.db,
          keys.signer,
          { directory, url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/` },
          clock.now(),
        ),
      ).rejects.toThrow(/HTTP 503/);
      expect(fs.readdirSync(directory)).toHaveLength(2);
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
  // Last: the forged row is committed and stays (the trail is append-only).
  it('a forged unsealed row with a correct content hash is not sealed and fails (no MAC)', async () => {
    const forged = forgedContent('staff.granted_admin');
    // An insert is what the application's role may do: no trigger stops it.
    const { rows } = await sql<{ id: number }>`
      insert into audit_event (occurred_at, actor_kind, actor_id, action, subject_type, details, hash)
      values (${forged.occurredAt}, 'system', null, ${forged.action}, 'staff', '{}'::jsonb,
        ${computeAuditHash(null, forged)}) returning id`.execute(database.db);
    const round = await sealAll();
    expect(round).toEqual({ sealed: 0, hasLock: true, blockedAtId: rows[0]!.id });
    expect(await verifyAuditTrail(database.db)).toMatchObject({
      isIntact: false,
      reason: 'mac_mismatch',
      firstBrokenId: rows[0]!.id,
      unsealedRows: 1,
    });
  });
});

function forgedContent(action: string) {
  return {
    occurredAt: clock.now(),
    actorKind: 'system' as const,
    actorId: null,
    action,
    subjectType: 'staff',
    subjectId: null,
    details: {},
  };
}

/**
 * What an owner who knows the hash formula can do: delete one row and rebuild every position,
 * link, hash and anchor after it. Rows keep their own MACs (their content is unchanged).
 */
async function rewriteChainWithout(trx: Database, removedId: number): Promise<void> {
  await rewriteChain(trx, (rows) => rows.filter((row) => row.id !== removedId));
  await sql`delete from audit_event where id = ${removedId}`.execute(trx);
}

/** Rebuilds the whole chain (positions, links, hashes, one anchor) in the order `reorder` gives. */
async function rewriteChain(
  trx: Database,
  reorder: (rows: AuditEventRow[]) => AuditEventRow[],
): Promise<void> {
  const kept = reorder(await sealedRows(trx));
  await sql`delete from audit_anchor`.execute(trx);
  await sql`update audit_event set chain_position = -chain_position where chain_position is not null`.execute(
    trx,
  );
  let previous: string | null = null;
  let position = 0;
  for (const row of kept) {
    position += 1;
    const hash = computeAuditHash(previous, row);
    await sql`update audit_event set chain_position = ${position}, previous_hash = ${previous},
      hash = ${hash} where id = ${row.id}`.execute(trx);
    previous = hash;
  }
  await sql`insert into audit_anchor (chain_position, head_hash, sealed_at)
    values (${position}, ${previous}, now())`.execute(trx);
}
