import { registryCatalogue } from '../../src/integrations/registry-adapters.js';
import type { RegulationCatalog } from '../../src/domain/regulation/regulation-catalog.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import type { ApplicationServices } from '../../src/engine/application-services.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  upsertOrganisation,
  writeOrganisations,
  type OrganisationRow,
} from '../../src/storage/organisation.repository.js';
import {
  loadRegulationCatalog,
  loadRegulations,
  regulationsDirectory,
} from '../../src/storage/regulation-files.js';
import { insertStaffAccount } from '../../src/storage/staff-account.repository.js';
import { kzCalendar } from './calendar.js';
import { loadQueueRules } from '../../src/storage/queue-rules-files.js';

const catalogs = new Map<string, RegulationCatalog>();
/**
 * Every regulation definition of the project (or of `directory`, a test's own regulations
 * folder with its _vocabulary/), loaded once per test file. Refuses a set with a broken file.
 */
export function regulationCatalog(directory: string = regulationsDirectory): RegulationCatalog {
  let catalog = catalogs.get(directory);
  if (!catalog) {
    const loaded = loadRegulations(directory);
    if (loaded.parseFailures.length > 0) throw new Error(JSON.stringify(loaded.parseFailures));
    catalog = loadRegulationCatalog({ registries: registryCatalogue() }, directory);
    if (catalog.broken.length > 0) throw new Error(JSON.stringify(catalog.broken));
    catalogs.set(directory, catalog);
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
  regulationsFolder?: string,
): ApplicationServices {
  return {
    db: database.db,
    regulations: regulationCatalog(regulationsFolder),
    calendar: kzCalendar(),
    now,
    queueRules: queueRulesOnce(),
  };
}

let queueRules: ApplicationServices['queueRules'];
/** The queue rules of queue-rules/, read once per test file. */
function queueRulesOnce(): ApplicationServices['queueRules'] {
  if (!queueRules) {
    const loaded = loadQueueRules();
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    queueRules = loaded.rules;
  }
  return queueRules;
}

/** Creates an organisation for a test. */
export async function createOrganisation(
  database: DatabaseHandle,
  organisation: Pick<OrganisationRow, 'id' | 'kind' | 'regionCode'> & Partial<OrganisationRow>,
): Promise<void> {
  await writeOrganisations(database.db, (trx) =>
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
