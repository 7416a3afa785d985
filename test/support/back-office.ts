import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { createApiToken } from '../../src/features/api-tokens/create-api-token.js';
import { hashPassword } from '../../src/features/identity/identity-services.js';
import { composeApp } from '../../src/cli/compose.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import { signCms } from '../../src/signing/cms-sign.js';
import { createDemoPki, type DemoPki } from '../../src/signing/demo-pki.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { setStaffPasswordIfUnset } from '../../src/storage/demo.repository.js';
import { findStaffAccount } from '../../src/storage/staff-account.repository.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from './applications.js';
import { createTestDatabase } from './database.js';

type Staff = Principal & { kind: 'staff' };

/** A staff member of the fixture: principal, IIN, API token, and the password `qyzmet2024`. */
export interface FixtureStaff {
  readonly principal: Staff;
  readonly iin: string;
  readonly token: string;
}

export const fixturePassword = 'qyzmet2024';
/** The BIN of school 1 (its head's certificate carries it). */
export const school1Bin = '190140012345';

/**
 * Two Kostanay schools for the back office's tests (PGlite or PostgreSQL): school 1 (with a
 * BIN) with a registry office, a head and an executor; school 2 with a head, a registry
 * office and an executor. Every staff member has an API token and the demo password; a PKI
 * whose trust store the app uses issues keys to school 1's head and executor and school 2's
 * head (their IINs, their schools' BINs).
 */
export async function createBackOfficeFixture(start = '2019-04-01T04:00:00Z') {
  const database: DatabaseHandle = await createTestDatabase();
  const clock = manualClock(start);
  await createOrganisation(database, {
    id: 'kst-school-1',
    kind: 'school',
    regionCode: 'kostanay',
    timeZone: 'Asia/Qostanay',
    bin: school1Bin,
  });
  await createOrganisation(database, {
    id: 'kst-school-2',
    kind: 'school',
    regionCode: 'kostanay',
    timeZone: 'Asia/Qostanay',
  });
  const passwordHash = await hashPassword(fixturePassword);
  const make = async (organisationId: string, role: string): Promise<FixtureStaff> => {
    const principal = await createStaff(database, organisationId, 'kostanay', [role]);
    const account = await findStaffAccount(database.db, principal.staffId);
    await setStaffPasswordIfUnset(database.db, principal.staffId, passwordHash, clock.now());
    const created = await createApiToken(
      database.db,
      { kind: 'system', id: 'test' },
      {
        name: `${role} ${organisationId}`,
        organisationId,
        roles: [role] as never,
        staffAccountId: principal.staffId,
      },
      clock.now(),
    );
    return { principal, iin: account!.iin, token: created.token };
  };
  const staff = {
    registry: await make('kst-school-1', 'registry_office'),
    head: await make('kst-school-1', 'head'),
    executor: await make('kst-school-1', 'executor'),
    otherRegistry: await make('kst-school-2', 'registry_office'),
    otherHead: await make('kst-school-2', 'head'),
    otherExecutor: await make('kst-school-2', 'executor'),
  };
  const pki: DemoPki = await createDemoPki({
    now: clock.now(),
    holders: [
      {
        iin: staff.head.iin,
        surname: 'Директорова',
        name: 'Айгүл',
        organisation: { name: 'School 1', bin: school1Bin, isHead: true },
      },
      {
        iin: staff.executor.iin,
        surname: 'Орындаушы',
        name: 'Ержан',
        organisation: { name: 'School 1', bin: school1Bin },
      },
      {
        iin: staff.otherHead.iin,
        surname: 'Басқа',
        name: 'Мектеп',
        organisation: { name: 'School 2', bin: '190140054321', isHead: true },
      },
    ],
  });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const trustStore = pki.trustStore();
  const app = composeApp({
    config,
    logger: createLogger(config),
    database,
    now: clock.now,
    sms: new InMemorySmsOutbox(),
    applications: applicationServices(database, clock.now),
    trustStore: () => trustStore,
  });

  let key = 0;
  const nextKey = () => `bo-key-${(key += 1).toString().padStart(5, '0')}`;
  const call = (
    method: 'GET' | 'POST',
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    app.request(path, {
      method,
      headers: {
        'accept-language': 'ru',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });

  /** A Kostanay duplicate submitted at the office of `organisationId`. */
  const submit = async (organisationId = 'kst-school-1', applicantIin = '900101300007') => {
    const registry = organisationId === 'kst-school-1' ? staff.registry : staff.otherRegistry;
    const response = await call('POST', '/api/v1/applications', {
      token: registry.token,
      headers: { 'idempotency-key': nextKey() },
      body: {
        serviceCode: 'duplicates',
        channel: 'provider_office',
        applicantIin,
        providerOrganisationId: organisationId,
        fields: { 'applicant-iin': applicantIin },
      },
    });
    if (response.status !== 201)
      throw new Error(`submit: ${response.status} ${await response.text()}`);
    return (await response.json()) as { applicationId: string; number: string };
  };

  const command = async (
    who: FixtureStaff,
    applicationId: string,
    body: Record<string, unknown>,
  ) => {
    const response = await call('POST', `/api/v1/applications/${applicationId}/commands`, {
      token: who.token,
      body: { idempotencyKey: nextKey(), ...body },
    });
    if (response.status !== 200)
      throw new Error(`command: ${response.status} ${await response.text()}`);
    return (await response.json()) as { currentStepId: string | null; version: number };
  };

  /** Submits at school 1 and takes it to the executor's review (registered, assigned). */
  const toReview = async () => {
    const submitted = await submit();
    await command(staff.registry, submitted.applicationId, {
      kind: 'complete_step',
      stepId: 'register',
    });
    await command(staff.head, submitted.applicationId, {
      kind: 'complete_step',
      stepId: 'assign',
      executorId: staff.executor.principal.staffId,
    });
    return submitted;
  };

  const prepare = (who: FixtureStaff, applicationId: string, body: Record<string, unknown>) =>
    call('POST', `/api/v1/applications/${applicationId}/documents/prepare`, {
      token: who.token,
      body: { idempotencyKey: nextKey(), ...body },
    });
  const sign = (who: FixtureStaff, applicationId: string, draftId: string, cms: string) =>
    call('POST', `/api/v1/applications/${applicationId}/documents/${draftId}/sign`, {
      token: who.token,
      body: { idempotencyKey: nextKey(), cms },
    });

  /** A detached CAdES over a SHA-256 (hex) by the fixture PKI's holder `index`. */
  const cmsOverHash = async (holder: number, sha256Hex: string) =>
    Buffer.from(
      await signCms({
        credential: pki.holders[holder]!.signing,
        digest: new Uint8Array(Buffer.from(sha256Hex, 'hex')),
        signingTime: clock.now(),
        attached: false,
      }),
    ).toString('base64');

  /** Signs in on the web as `who`: the session and anti-forgery cookies and the token. */
  const logIn = async (who: FixtureStaff) => {
    const first = await app.request('/staff/login');
    const csrf = /qyzmet_csrf=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')![1]!;
    const response = await app.request('/staff/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `qyzmet_csrf=${csrf}`,
      },
      body: new URLSearchParams({
        iin: who.iin,
        password: fixturePassword,
        _csrf: csrf,
      }).toString(),
    });
    const session = /qyzmet_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
    if (!session) throw new Error(`login: ${response.status}`);
    return { cookie: `qyzmet_csrf=${csrf}; qyzmet_session=${session}; qyzmet_lang=ru`, csrf };
  };

  return {
    database,
    clock,
    app,
    staff,
    pki,
    call,
    submit,
    command,
    toReview,
    prepare,
    sign,
    cmsOverHash,
    logIn,
    nextKey,
  };
}
export type BackOfficeFixture = Awaited<ReturnType<typeof createBackOfficeFixture>>;
