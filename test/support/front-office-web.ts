import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { createApiToken } from '../../src/features/api-tokens/create-api-token.js';
import type {
  FrontOfficeContext,
  FrontOfficeStaff,
} from '../../src/features/front-office/front-office-context.js';
import { hashPassword } from '../../src/features/identity/identity-services.js';
import { logInStaff } from '../../src/features/identity/log-in-staff.js';
import { composeApp } from '../../src/cli/compose.js';
import { createRegistrySimulator } from '../../src/integrations/simulator/registry-simulator.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import { setStaffPasswordIfUnset } from '../../src/storage/demo.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from './applications.js';
import { createTestDatabase } from './database.js';
import { openRefusedForm } from './refused-form.js';

const password = 'front-office-test';
const csrf = 'c'.repeat(43);

/** A staff member with a web session (and the shape the front-office features take). */
export interface WebStaff extends FrontOfficeStaff {
  readonly principal: Principal & { kind: 'staff' };
  readonly cookie: string;
  readonly token?: string;
}

/**
 * The HTTP app on a fresh database in October 2019 (Kostanay's extern-permission regulation in
 * force) with two Kostanay front offices and the district akimat: an operator and a courier at
 * front office 1, an operator (with an API token) at front office 2, the akimat's registry
 * office — each signed in on the web.
 */
export async function createFrontOfficeFixture(
  options: {
    /** The real clock at start (default Monday 14 October 2019, 10:00 in Kostanay). */
    start?: string;
    /** A sandbox installation (docs/sandbox.md). */
    sandbox?: boolean;
  } = {},
) {
  const database: DatabaseHandle = await createTestDatabase();
  const clock = manualClock(options.start ?? '2019-10-14T04:00:00Z');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...(options.sandbox ? { SANDBOX: 'true' } : {}),
  });
  const services = {
    ...applicationServices(database, clock.now),
    ...(options.sandbox ? { sandbox: true } : {}),
  };
  const gateway = createRegistrySimulator();
  const app = composeApp({
    config,
    logger: createLogger(config),
    database,
    now: clock.now,
    sms: new InMemorySmsOutbox(),
    applications: services,
    registries: gateway,
  });
  for (const [id, kind] of [
    ['kst-fo-1', 'front_office'],
    ['kst-fo-2', 'front_office'],
    ['kst-akimat-kostanay', 'district_akimat'],
  ] as const) {
    await createOrganisation(database, {
      id,
      kind,
      regionCode: 'kostanay',
      timeZone: 'Asia/Qostanay',
    });
  }
  const hash = await hashPassword(password);
  let counter = 0;
  const member = async (
    organisationId: string,
    roles: string[],
    withToken = false,
  ): Promise<WebStaff> => {
    const principal = await createStaff(database, organisationId, 'kostanay', roles);
    counter += 1;
    const iin = `79010150${String(counter).padStart(4, '0')}`;
    await database.db
      .updateTable('staff_account')
      .set({ iin })
      .where('id', '=', principal.staffId)
      .execute();
    await setStaffPasswordIfUnset(database.db, principal.staffId, hash, clock.now());
    const outcome = await logInStaff(
      { db: database.db, sessionTtlMs: 365 * 86_400_000 },
      { iin, password },
      clock.now(),
    );
    if (outcome.kind !== 'signed_in') throw new Error('not signed in');
    const token = withToken
      ? (
          await createApiToken(
            database.db,
            { kind: 'system', id: 'test' },
            {
              name: 'test',
              organisationId,
              roles: roles as never,
              staffAccountId: principal.staffId,
            },
            clock.now(),
          )
        ).token
      : undefined;
    return {
      principal,
      iin,
      fullName: `${roles.join('+')} ${organisationId}`,
      cookie: `qyzmet_session=${outcome.session.token}; qyzmet_csrf=${csrf}`,
      ...(token ? { token } : {}),
    };
  };
  const staff = {
    operator: await member('kst-fo-1', ['front_office_operator']),
    courier: await member('kst-fo-1', ['courier']),
    otherOperator: await member('kst-fo-2', ['front_office_operator'], true),
    registry: await member('kst-akimat-kostanay', ['registry_office']),
  };
  const context: FrontOfficeContext = {
    services,
    gateway,
    pkiDirectory: path.join(os.tmpdir(), 'qyzmet-front-office-test-no-pki'),
    publicUrl: 'http://localhost',
  };

  const get = (url: string, who?: WebStaff, locale = 'ru') =>
    app.request(url, {
      headers: {
        accept: 'text/html',
        cookie: `${who ? who.cookie : `qyzmet_csrf=${csrf}`}; qyzmet_lang=${locale}`,
      },
    });
  const post = (
    url: string,
    who: WebStaff | undefined,
    form: Record<string, string>,
    options: { locale?: string; withCsrf?: boolean } = {},
  ) =>
    app.request(url, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `${who ? who.cookie : `qyzmet_csrf=${csrf}`}; qyzmet_lang=${options.locale ?? 'ru'}`,
      },
      body: new URLSearchParams({
        ...(options.withCsrf === false ? {} : { _csrf: csrf }),
        ...form,
      }).toString(),
    });
  /**
   * Post/redirect/get of a refused form (issue 18, point 11): checks that `posted` is a 303 to
   * `page` and opens it as the same browser (its cookies, with what the POST set).
   */
  const followRefusal = (posted: Response, page: string, who?: WebStaff, locale = 'ru') =>
    openRefusedForm(
      app,
      posted,
      `${who ? who.cookie : `qyzmet_csrf=${csrf}`}; qyzmet_lang=${locale}`,
      page,
      { accept: 'text/html' },
    );
  return {
    database,
    clock,
    app,
    services,
    gateway,
    staff,
    member,
    context,
    get,
    post,
    followRefusal,
  };
}
