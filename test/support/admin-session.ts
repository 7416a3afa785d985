import { StaffRole } from '../../src/domain/shared/roles.js';
import {
  demoPassword,
  ensureDemoStaff,
  hashDemoPassword,
} from '../../src/features/demo/demo-accounts.js';
import { logInStaff } from '../../src/features/identity/log-in-staff.js';
import type { DatabaseHandle } from '../../src/storage/db.js';

/**
 * Signs in a region administrator of `organisationId` (a demo account, created when missing,
 * with the demo password): the `qyzmet_session` cookie for the administration's pages.
 */
export async function administratorCookie(
  database: DatabaseHandle,
  organisationId: string,
  now: Date,
): Promise<string> {
  const [admin] = await ensureDemoStaff(
    database.db,
    organisationId,
    [StaffRole.regionAdministrator],
    now,
    hashDemoPassword(),
  );
  const outcome = await logInStaff(
    { db: database.db },
    { iin: admin!.iin, password: demoPassword },
    now,
  );
  if (outcome.kind !== 'signed_in') throw new Error(`not signed in: ${outcome.kind}`);
  return `qyzmet_session=${outcome.session.token}`;
}
