import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canPerform } from '../../src/domain/identity/authorisation.js';
import {
  createStaffAccount,
  getStaffPrincipal,
} from '../../src/features/identity/create-staff-account.js';
import {
  readOrganisationSeedFiles,
  seedOrganisations,
} from '../../src/features/identity/seed-organisations.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { createTestDatabase } from '../support/database.js';
import { regulationCatalog } from '../support/applications.js';

let database: DatabaseHandle;
const now = new Date('2026-05-04T05:30:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  await seedOrganisations(
    database.db,
    readOrganisationSeedFiles(regulationCatalog().vocabulary).map((file) => file.content),
    now,
  );
});
afterAll(async () => {
  await database.close();
});

describe('staff accounts scoped to one organisation', () => {
  it('lets a region administrator create staff in their region only, and audits it', async () => {
    const { staffId: adminId } = await createStaffAccount(
      database.db,
      { kind: 'system' },
      {
        organisationId: 'sko-akimat',
        iin: '880215300010',
        fullName: 'Әкімші Облыстық',
        roles: ['region_administrator'],
      },
      now,
    );
    const admin = await getStaffPrincipal(database.db, adminId);
    expect(admin).toMatchObject({
      organisationId: 'sko-akimat',
      regionCode: 'south_kazakhstan',
      roles: ['region_administrator'],
    });

    const { staffId: headId } = await createStaffAccount(
      database.db,
      admin,
      {
        organisationId: 'sko-archive-kazygurt',
        iin: '961231456783',
        fullName: 'Басшы',
        roles: ['head'],
      },
      now,
    );
    await expect(
      createStaffAccount(
        database.db,
        admin,
        {
          organisationId: 'kst-front-office',
          iin: '961231456783',
          fullName: 'X',
          roles: ['front_office_operator'],
        },
        now,
      ),
    ).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'foreign_region' } });
    await expect(
      createStaffAccount(
        database.db,
        admin,
        {
          organisationId: 'sko-archive',
          iin: '000229500008',
          fullName: 'X',
          roles: ['system_administrator'],
        },
        now,
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });

    const head = await getStaffPrincipal(database.db, headId);
    const ownArchive = {
      kind: 'application' as const,
      providerOrganisationId: 'sko-archive-kazygurt',
      regionCode: 'south_kazakhstan',
      applicantIin: '000229500008',
    };
    const otherArchive = { ...ownArchive, providerOrganisationId: 'sko-archive-arys' };
    expect(
      canPerform(head, { kind: 'perform_step', actorRole: 'head' }, ownArchive).isAllowed,
    ).toBe(true);
    expect(canPerform(head, { kind: 'view_application' }, otherArchive).isAllowed).toBe(false);
    await expect(
      createStaffAccount(
        database.db,
        head,
        {
          organisationId: 'sko-archive-kazygurt',
          iin: '000229500008',
          fullName: 'X',
          roles: ['executor'],
        },
        now,
      ),
    ).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'wrong_role' } });

    const audit = await listAuditEvents(database.db, { action: 'staff_account.created' });
    expect(audit.map((event) => event.subjectId)).toEqual([adminId, headId]);
    expect(audit[1]).toMatchObject({ actorKind: 'staff', actorId: adminId });
  });

  it('refuses a duplicate account in the same organisation', async () => {
    await expect(
      createStaffAccount(
        database.db,
        { kind: 'system' },
        {
          organisationId: 'sko-archive-kazygurt',
          iin: '961231456783',
          fullName: 'Басшы',
          roles: ['executor'],
        },
        now,
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
  });
});
