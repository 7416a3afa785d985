import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readOrganisationSeedFiles,
  seedOrganisations,
  toOrganisationRows,
} from '../../src/features/identity/seed-organisations.js';
import { verifyAuditTrail } from '../../src/features/audit/verify-audit-trail.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { findOrganisation, listOrganisations } from '../../src/storage/organisation.repository.js';
import { createTestDatabase } from '../support/database.js';
import { regulationCatalog } from '../support/applications.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const files = readOrganisationSeedFiles(regulationCatalog().vocabulary).map((file) => file.content);

describe('seed-organisations', () => {
  it('loads every region of the sources with the names and addresses of seed 003', async () => {
    const now = new Date('2026-01-10T04:00:00Z');
    const result = await seedOrganisations(database.db, files, now);
    const total = toOrganisationRows(files).length;
    expect(result.created).toHaveLength(total);

    const south = await listOrganisations(database.db, { regionCode: 'south_kazakhstan' });
    const count = (kind: string) => south.filter((o) => o.kind === kind).length;
    // seed 003: 15 education departments (kindergarten annex 1), 19 archives (archive annex 1),
    // 15 employment departments + the regional one (unemployed annex 1), 21 front offices (annex 2).
    expect(count('district_education_department')).toBe(15);
    expect(count('archive')).toBe(19);
    expect(count('employment_department')).toBe(16);
    expect(count('front_office')).toBe(21);

    const archive = await findOrganisation(database.db, 'sko-archive');
    expect(archive).toMatchObject({
      nameRu: 'Южно-Казахстанский областной государственный архив',
      addressRu: 'г. Шымкент, ул. Байтурсынова, 20',
      timeZone: 'Asia/Almaty',
      scheduleKind: 'provider_office',
    });
    const frontOffice = await findOrganisation(database.db, 'sko-front-office-shymkent-3');
    expect(frontOffice).toMatchObject({
      addressRu: 'город Шымкент, улица Оспанова, дом № 61',
      scheduleKind: 'front_office',
      parentId: 'sko-front-office',
    });
    for (const region of ['west_kazakhstan', 'aktobe', 'kostanay']) {
      const organisations = await listOrganisations(database.db, { regionCode: region });
      expect(organisations.map((o) => o.kind)).toEqual(
        expect.arrayContaining(['region_akimat', 'front_office']),
      );
    }
    expect((await findOrganisation(database.db, 'kst-front-office'))?.timeZone).toBe(
      'Asia/Qostanay',
    );

    const audit = await listAuditEvents(database.db, { action: 'organisation.created' });
    expect(audit).toHaveLength(total);
    expect(audit[0]).toMatchObject({ actorKind: 'system', subjectType: 'organisation' });
    expect(audit[0]?.occurredAt.toISOString()).toBe(now.toISOString());
    expect(await verifyAuditTrail(database.db)).toMatchObject({ isIntact: true });
  });

  it('is idempotent and audits only real changes', async () => {
    const before = (await listAuditEvents(database.db)).length;
    const again = await seedOrganisations(database.db, files, new Date('2026-01-11T04:00:00Z'));
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual([]);
    expect((await listAuditEvents(database.db)).length).toBe(before);

    const edited = structuredClone(files);
    const first = edited[0]!.organisations[0]!;
    first.phone = '+7 700 000 00 00';
    const changed = await seedOrganisations(database.db, edited, new Date('2026-01-12T04:00:00Z'));
    expect(changed.updated).toEqual([first.id]);
    const updates = await listAuditEvents(database.db, { action: 'organisation.updated' });
    expect(updates).toHaveLength(1);
    expect(updates[0]?.details).toMatchObject({ after: { phone: '+7 700 000 00 00' } });
    expect(await verifyAuditTrail(database.db)).toMatchObject({ isIntact: true });
  });
});
