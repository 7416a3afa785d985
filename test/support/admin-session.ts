import { StaffRole } from '../../src/domain/shared/roles.js';
import {
  demoPassword,
  ensureDemoStaff,
  hashDemoPassword,
} from '../../src/features/demo/demo-accounts.js';
import { logInStaff } from '../../src/features/identity/log-in-staff.js';
import { composeApp } from '../../src/cli/compose.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import type { OrganisationRow } from '../../src/storage/organisation.repository.js';
import { applicationServices, createOrganisation, manualClock } from './applications.js';
import { createTestDatabase } from './database.js';

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

/**
 * The setup of the administration's page tests: a fresh test database, application services
 * on a manual clock starting at `start`, the web app composed over them, and the region's
 * akimat (`akimat`: its id, region and any other column) whose administrator signs in
 * (`administratorCookie`).
 */
export async function administrationTestApp(input: {
  start: string;
  akimat: Pick<OrganisationRow, 'id' | 'regionCode'> & Partial<OrganisationRow>;
}) {
  const database = await createTestDatabase();
  const clock = manualClock(input.start);
  const services = applicationServices(database, clock.now);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const app = composeApp({
    config,
    logger: createLogger(config),
    database,
    now: clock.now,
    applications: services,
  });
  await createOrganisation(database, { kind: 'region_akimat', ...input.akimat });
  return { database, clock, services, app };
}

/** What `administrationTestApp` sets up. */
export type AdministrationTestApp = Awaited<ReturnType<typeof administrationTestApp>>;
