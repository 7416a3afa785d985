import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { fromRoot } from '../../src/config/paths.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCitizen, demoRepresentative } from '../../src/features/demo/demo-accounts.js';
import { seedDemo, type DemoSeedResult } from '../../src/features/demo/seed-demo.js';
import { verifyAuditTrail } from '../../src/features/audit/verify-audit-trail.js';
import { verifyDocument } from '../../src/features/documents/verify-document.js';
import { initialiseEmbeddedPki, loadTrustStore } from '../../src/signing/pki-directory.js';
import { verifyCms } from '../../src/signing/cms-verify.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { applicationServices, regulationCatalog } from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';

const tables = [
  'organisation',
  'staff_account',
  'citizen_account',
  'application',
  'application_event',
  'notification',
  'outbox_message',
  'audit_event',
  'command_receipt',
] as const;

async function counts(database: DatabaseHandle): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{
      count: number;
    }>`select count(*)::int8 as count from ${sql.table(table)}`.execute(database.db);
    result[table] = rows[0]!.count;
  }
  return result;
}

describe(`qyzmet demo seed on ${testBackend}`, () => {
  let database: DatabaseHandle;
  let first: DemoSeedResult;
  let afterFirst: Record<string, number>;
  const pkiDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-demo-pki-'));

  beforeAll(async () => {
    database = await createTestDatabase();
    await initialiseEmbeddedPki(pkiDirectory, new Date('2026-11-25T09:00:00Z'));
    const services = applicationServices(database, () => new Date('2026-11-25T10:00:00Z'));
    first = await seedDemo(services, { pkiDirectory, publicUrl: 'http://localhost:3000' });
    afterFirst = await counts(database);
  }, 240_000);
  afterAll(async () => {
    await database?.close();
    fs.rmSync(pkiDirectory, { recursive: true, force: true });
  });

  it('signs every demo result with the signer’s key of the PKI folder: each verifies', async () => {
    const documents = await database.db
      .selectFrom('document')
      .select(['id', 'signer_iin'])
      .execute();
    const signedSteps = await sql<{ count: number }>`
      select count(*)::int8 as count from audit_event where action = 'document.issued'`.execute(
      database.db,
    );
    expect(documents.length).toBeGreaterThan(10);
    expect(documents.length).toBe(signedSteps.rows[0]!.count);
    const trustStore = loadTrustStore(pkiDirectory).store;
    for (const document of documents) {
      const verified = await verifyDocument(
        database.db,
        trustStore,
        { id: document.id },
        new Date('2026-11-25T11:00:00Z'),
      );
      expect(verified?.genuine, `document ${document.id}`).toBe(true);
      expect(fs.existsSync(path.join(pkiDirectory, 'demo', `${document.signer_iin}.p12`))).toBe(
        true,
      );
    }
  });

  it('signs the front-office electronic request at the operator’s sign_request step with the operator’s key: each verifies', async () => {
    const requests = await database.db
      .selectFrom('front_office_request')
      .select(['id', 'content_bytes', 'signature', 'signer_iin', 'signed_at'])
      .execute();
    const signedSteps = await sql<{ count: number }>`
      select count(*)::int8 as count from audit_event
      where action = 'front_office_request.signed'
        and jsonb_array_length(details->'completedStepIds') > 0`.execute(database.db);
    // West (fo-send-request) and South Kazakhstan (fo-sign-request) front-office applications.
    expect(signedSteps.rows[0]!.count).toBeGreaterThan(3);
    const trustStore = loadTrustStore(pkiDirectory).store;
    for (const request of requests) {
      expect(request.signed_at, `request ${request.id}`).not.toBeNull();
      const verified = verifyCms({
        cms: request.signature!,
        content: request.content_bytes,
        trustStore,
        now: new Date('2026-11-25T11:00:00Z'),
        expected: { iin: request.signer_iin! },
      });
      expect(verified.valid, `request ${request.id}`).toBe(true);
      expect(fs.existsSync(path.join(pkiDirectory, 'demo', `${request.signer_iin}.p12`))).toBe(
        true,
      );
    }
  });

  it('gives every front-office operator a key for the local signer (README, issue 18 point 6)', () => {
    const operators = first.staff.filter((member) => member.role === 'front_office_operator');
    expect(operators.map((member) => member.organisationId)).toContain('kst-front-office');
    for (const member of operators) {
      expect(
        fs.existsSync(path.join(pkiDirectory, 'demo', `${member.iin}.p12`)),
        member.organisationId,
      ).toBe(true);
    }
  });

  it('leaves applications in the states the engine reaches, through the real use cases', async () => {
    for (const status of [
      'received',
      'in_work',
      'result_ready',
      'completed',
      'refused',
      'intake_refused',
      'suspended',
      'handed_back',
    ]) {
      expect(first.statuses[status], status).toBeGreaterThan(0);
    }
    // Every regulation has demo applications.
    const regulations = await database.db
      .selectFrom('application')
      .select('regulation_id')
      .distinct()
      .execute();
    expect(regulations.map((row) => row.regulation_id).sort()).toEqual(
      regulationCatalog()
        .all.map((regulation) => regulation.id)
        .sort(),
    );
    expect(first.skipped).toEqual([]);
    // Through every channel the regulations offer.
    const channels = await database.db
      .selectFrom('application')
      .select('channel')
      .distinct()
      .orderBy('channel')
      .execute();
    expect(channels.map((row) => row.channel)).toEqual([
      'front_office',
      'portal',
      'provider_office',
    ]);
    // A representative applied for the citizen.
    const represented = await database.db
      .selectFrom('application')
      .select('id')
      .where('representative_iin', '=', demoRepresentative.iin)
      .where('applicant_iin', '=', demoCitizen.iin)
      .execute();
    expect(represented.length).toBeGreaterThan(0);
    // Staff of every role the README lists.
    const roles = new Set(first.staff.map((member) => member.role));
    for (const role of ['registry_office', 'head', 'executor', 'front_office_operator', 'courier'])
      expect(roles.has(role as never), role).toBe(true);
    const kinds = await database.db
      .selectFrom('staff_account')
      .innerJoin('organisation', 'organisation.id', 'staff_account.organisation_id')
      .select('organisation.kind')
      .distinct()
      .execute();
    expect(kinds.map((row) => row.kind).sort()).toEqual(
      expect.arrayContaining([
        'archive',
        'district_education_department',
        'employment_department',
        'front_office',
        'school',
      ]),
    );
    expect((await verifyAuditTrail(database.db)).isIntact).toBe(true);
  });

  it('has every account the README lists, with the organisation it names', async () => {
    const readme = fs.readFileSync(fromRoot('README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Demo accounts'),
      readme.indexOf('## Development'),
    );
    const staffRows = [
      ...section.matchAll(/\|\s*(\w+)\s*\|\s*`([a-z-]+)`\s*\|\s*`(\d{12})`\s*\|/g),
    ];
    expect(staffRows.length).toBeGreaterThanOrEqual(14);
    for (const [, role, organisationId, iin] of staffRows) {
      const account = await database.db
        .selectFrom('staff_account')
        .select(['roles', 'password_hash'])
        .where('organisation_id', '=', organisationId!)
        .where('iin', '=', iin!)
        .executeTakeFirst();
      expect(account?.roles, `${role} of ${organisationId}`).toEqual([role]);
      expect(account?.password_hash).toBeTruthy();
    }
    expect(section).toContain(demoCitizen.iin);
    expect(section).toContain(demoRepresentative.iin);
  });

  it('changes nothing when run again', async () => {
    const services = applicationServices(database, () => new Date('2026-11-26T10:00:00Z'));
    const second = await seedDemo(services, { pkiDirectory });
    expect(await counts(database)).toEqual(afterFirst);
    expect(second.statuses).toEqual(first.statuses);
  }, 240_000);
});
