import type { composeApp } from '../../src/cli/compose.js';
import { hashPassword } from '../../src/features/identity/identity-services.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { setStaffPasswordIfUnset } from '../../src/storage/demo.repository.js';
import { findStaffAccount } from '../../src/storage/staff-account.repository.js';
import { setStaffPassword } from '../../src/features/identity/set-staff-password.js';
import { createApiFixture } from './api.js';
import { createStaff } from './applications.js';

/** A signed-in staff member as a test's requests carry it: the cookie header and the CSRF token. */
export interface StaffSession {
  readonly cookie: string;
  readonly csrf: string;
}

/** The password of the staff accounts `staffSession` creates. */
export const staffSessionPassword = 'qyzmet2024';
let passwordHash: Promise<string> | undefined;

/**
 * Creates a staff account of `organisationId` (in `regionCode`) with one role and signs it in
 * through `/staff/login` as a browser does (the sign-in page's CSRF cookie, then the form):
 * the cookie header (CSRF, session, `qyzmet_lang`) and the CSRF token for its forms. The
 * password is hashed once per test file.
 */
export async function staffSession(
  app: Pick<ReturnType<typeof composeApp>, 'request'>,
  database: DatabaseHandle,
  input: {
    organisationId: string;
    regionCode: string;
    role: 'head' | 'executor';
    now: Date;
    locale?: 'kk' | 'ru' | 'en';
  },
): Promise<StaffSession> {
  passwordHash ??= hashPassword(staffSessionPassword);
  const principal = await createStaff(database, input.organisationId, input.regionCode, [
    input.role,
  ]);
  await setStaffPasswordIfUnset(database.db, principal.staffId, await passwordHash, input.now);
  const account = await findStaffAccount(database.db, principal.staffId);
  const page = await app.request('/staff/login');
  const csrf = /qyzmet_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')![1]!;
  const response = await app.request('/staff/login', {
    method: 'POST',
    headers: {
      cookie: `qyzmet_csrf=${csrf}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      iin: account!.iin,
      password: staffSessionPassword,
      _csrf: csrf,
    }).toString(),
  });
  const session = /qyzmet_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!session) throw new Error(`staff sign-in failed: ${response.status}`);
  return {
    cookie: `qyzmet_csrf=${csrf}; qyzmet_session=${session}; qyzmet_lang=${input.locale ?? 'ru'}`,
    csrf,
  };
}

/**
 * The API fixture (`createApiFixture`, starting at `start`) whose school head (`kst-school-1`)
 * has a sign-in password: the setup of the staff sign-in page's tests, with the head's IIN to
 * type into the form.
 */
export async function apiFixtureWithHeadPassword(
  start: string,
  password: string,
): Promise<{ fixture: Awaited<ReturnType<typeof createApiFixture>>; headIin: string }> {
  const fixture = await createApiFixture(start);
  const headIin = (
    await fixture.database.db
      .selectFrom('staff_account')
      .select('iin')
      .where('id', '=', fixture.staff.head.principal.staffId)
      .executeTakeFirstOrThrow()
  ).iin;
  await setStaffPassword(
    fixture.database.db,
    { kind: 'system' },
    { organisationId: 'kst-school-1', iin: headIin, password },
    fixture.clock.now(),
  );
  return { fixture, headIin };
}
