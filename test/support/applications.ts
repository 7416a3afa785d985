import { createRegulationCatalog } from '../../src/domain/regulation/regulation-catalog.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import type { ApplicationServices } from '../../src/features/applications/application-services.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  upsertOrganisation,
  type OrganisationRow,
} from '../../src/storage/organisation.repository.js';
import { loadRegulations } from '../../src/storage/regulation-files.js';
import { insertStaffAccount } from '../../src/storage/staff-account.repository.js';
import { kzCalendar } from './calendar.js';

let catalog: ReturnType<typeof createRegulationCatalog> | undefined;
/** Every regulation definition of the project, loaded once per test file. */
export function regulationCatalog() {
  if (!catalog) {
    const loaded = loadRegulations();
    if (loaded.parseFailures.length > 0) throw new Error(JSON.stringify(loaded.parseFailures));
    catalog = createRegulationCatalog(loaded.regulations.map((entry) => entry.regulation));
  }
  return catalog;
}

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let current = new Date(start);
  return {
    now: () => current,
    set: (iso: string) => {
      current = new Date(iso);
    },
  };
}

/** Application services on a test database with a manual clock. */
export function applicationServices(
  database: DatabaseHandle,
  now: () => Date,
): ApplicationServices {
  return { db: database.db, regulations: regulationCatalog(), calendar: kzCalendar(), now };
}

/** Creates an organisation for a test. */
export async function createOrganisation(
  database: DatabaseHandle,
  organisation: Pick<OrganisationRow, 'id' | 'kind' | 'regionCode'> & Partial<OrganisationRow>,
): Promise<void> {
  await database.db.transaction().execute((trx) =>
    upsertOrganisation(
      trx,
      {
        nameKk: organisation.id,
        nameRu: organisation.id,
        parentId: null,
        addressKk: null,
        addressRu: null,
        phone: null,
        email: null,
        bin: null,
        scheduleKind: organisation.kind === 'front_office' ? 'front_office' : 'provider_office',
        customSchedule: null,
        timeZone: 'Asia/Almaty',
        source: 'test',
        ...organisation,
      },
      new Date('2019-01-01T00:00:00Z'),
    ),
  );
}

let iinCounter = 0;
/** Creates a staff account and returns the principal it signs in as. */
export async function createStaff(
  database: DatabaseHandle,
  organisationId: string,
  regionCode: string,
  roles: string[],
): Promise<Principal & { kind: 'staff' }> {
  iinCounter += 1;
  const staffId = await database.db.transaction().execute((trx) =>
    insertStaffAccount(trx, {
      organisationId,
      iin: `80010130${String(iinCounter).padStart(4, '0')}`,
      fullName: `${roles.join('+')} of ${organisationId}`,
      roles,
      now: new Date('2019-01-01T00:00:00Z'),
    }),
  );
  if (!staffId) throw new Error('staff account not created');
  return { kind: 'staff', staffId, roles: roles as never, organisationId, regionCode };
}
