import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSessionToken } from '../../src/features/identity/identity-services.js';
import { findSignedInUser } from '../../src/features/identity/signed-in-user.js';
import { insertCitizenAccount } from '../../src/storage/citizen-account.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { insertSession, revokeSession } from '../../src/storage/session.repository.js';
import { createOrganisation, createStaff } from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';

// The person behind a session cookie (every page asks first): the session and its account are
// read in one statement, and each way a session stops counting must still count.
let database: DatabaseHandle;
const now = new Date('2026-03-02T06:00:00Z');
const later = new Date('2026-03-02T18:00:00Z');
let citizenId: string;
let staffId: string;

async function openSession(
  token: string,
  subjectKind: 'citizen' | 'staff',
  subjectId: string,
  expiresAt = later,
): Promise<string> {
  return database.db.transaction().execute((trx) =>
    insertSession(trx, {
      subjectKind,
      subjectId,
      tokenHash: hashSessionToken(token),
      createdAt: now,
      expiresAt,
    }),
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  await createOrganisation(database, {
    id: 'school-7',
    kind: 'school',
    regionCode: 'kostanay',
    nameKk: '№7 мектеп',
    nameRu: 'Школа № 7',
  });
  const citizen = await database.db.transaction().execute((trx) =>
    insertCitizenAccount(trx, {
      iin: '850412412016',
      phone: '+77011234567',
      passwordHash: 'not-a-real-hash',
      identityProof: 'mobile_registry_otp',
      now,
    }),
  );
  citizenId = citizen!.id;
  staffId = (await createStaff(database, 'school-7', 'kostanay', ['head', 'executor'])).staffId;
  await openSession('citizen-token', 'citizen', citizenId);
  await openSession('staff-token', 'staff', staffId);
});
afterAll(async () => {
  await database.close();
});

describe(`the signed-in person of a session cookie on ${testBackend}`, () => {
  it('finds a citizen with the account', async () => {
    const user = await findSignedInUser(database.db, 'citizen-token', now);
    expect(user).toMatchObject({
      kind: 'citizen',
      accountId: citizenId,
      iin: '850412412016',
      phone: '+77011234567',
      principal: { kind: 'citizen', iin: '850412412016' },
    });
  });

  it('finds a staff member with roles, organisation and region', async () => {
    const user = await findSignedInUser(database.db, 'staff-token', now);
    expect(user).toMatchObject({
      kind: 'staff',
      staffId,
      roles: ['head', 'executor'],
      organisation: {
        id: 'school-7',
        kind: 'school',
        name: { kk: '№7 мектеп', ru: 'Школа № 7' },
        regionCode: 'kostanay',
      },
      principal: {
        kind: 'staff',
        staffId,
        roles: ['head', 'executor'],
        organisationId: 'school-7',
        regionCode: 'kostanay',
      },
    });
  });

  it('finds nobody without a cookie, with an unknown token, or after the session expired', async () => {
    expect(await findSignedInUser(database.db, undefined, now)).toBeUndefined();
    expect(await findSignedInUser(database.db, '', now)).toBeUndefined();
    expect(await findSignedInUser(database.db, 'no-such-token', now)).toBeUndefined();
    expect(await findSignedInUser(database.db, 'citizen-token', later)).toBeUndefined();
    await openSession('expired-token', 'staff', staffId, now);
    expect(await findSignedInUser(database.db, 'expired-token', now)).toBeUndefined();
  });

  it('takes the account of the session’s own kind only', async () => {
    // A staff session naming the citizen's account id, and the other way round: nobody.
    await openSession('staff-kind-citizen-id', 'staff', citizenId);
    await openSession('citizen-kind-staff-id', 'citizen', staffId);
    expect(await findSignedInUser(database.db, 'staff-kind-citizen-id', now)).toBeUndefined();
    expect(await findSignedInUser(database.db, 'citizen-kind-staff-id', now)).toBeUndefined();
  });

  it('finds nobody once the session is revoked or the staff account deactivated', async () => {
    const revoked = await openSession('revoked-token', 'citizen', citizenId);
    expect(await findSignedInUser(database.db, 'revoked-token', now)).toMatchObject({
      kind: 'citizen',
    });
    await database.db.transaction().execute((trx) => revokeSession(trx, revoked, now));
    expect(await findSignedInUser(database.db, 'revoked-token', now)).toBeUndefined();

    expect(await findSignedInUser(database.db, 'staff-token', now)).toMatchObject({
      kind: 'staff',
    });
    await sql`update staff_account set is_active = false where id = ${staffId}`.execute(
      database.db,
    );
    expect(await findSignedInUser(database.db, 'staff-token', now)).toBeUndefined();
  });
});
