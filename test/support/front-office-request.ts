import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { createApiToken } from '../../src/features/api-tokens/create-api-token.js';
import type { FrontOfficeStaff } from '../../src/features/front-office/front-office-context.js';
import { takeApplication } from '../../src/features/front-office/take-application.js';
import { hashPassword } from '../../src/features/identity/identity-services.js';
import { composeApp } from '../../src/cli/compose.js';
import {
  createSimulatorData,
  simulatorFixtures,
} from '../../src/integrations/simulator/synthetic-people.js';
import { createRegistrySimulator } from '../../src/integrations/simulator/registry-simulator.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import { issueCrl } from '../../src/signing/certificate-authority.js';
import { signCms } from '../../src/signing/cms-sign.js';
import { createDemoPki, issueHolderCredentials } from '../../src/signing/demo-pki.js';
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

/** The service a fixture's front office takes, and where and when. */
export interface RequestScenario {
  readonly region: string;
  readonly start: string;
  readonly providerKind: string;
  readonly serviceCode: string;
  readonly fields: (applicantIin: string) => Record<string, string>;
  readonly checks: Record<string, 'present'>;
}

/** South Kazakhstan's archive certificate (seed 003): fo-sign-request, then fo-verify-signature. */
export const archiveScenario: RequestScenario = {
  region: 'south-kazakhstan',
  start: '2013-02-12T04:00:00Z',
  providerKind: 'archive',
  serviceCode: 'archive-certificate',
  fields: (iin) => ({ 'applicant-iin-or-bin': iin, 'archive-certificate-type': 'Справка о стаже' }),
  checks: { application: 'present' },
};

/** West Kazakhstan's extern permission (seed 000): receipt, fo-send-request, then the courier. */
export const westExternScenario: RequestScenario = {
  region: 'west-kazakhstan',
  start: '2016-04-12T04:00:00Z',
  providerKind: 'district_education_department',
  serviceCode: 'extern-permission',
  fields: () => ({}),
  checks: { application: 'present', 'standard-point-9-documents': 'present' },
};

/** A staff member of the fixture: principal, IIN, name, API token and web password. */
export interface RequestFixtureStaff extends FrontOfficeStaff {
  readonly principal: Principal & { kind: 'staff' };
  readonly token: string;
}

/** The BIN of front office 1 (its operators' certificates carry it). */
export const frontOffice1Bin = '130240012345';
export const requestFixturePassword = 'qyzmet2024';

/**
 * South Kazakhstan in February 2013 (seed 003's archive certificate in force: the operator's
 * fo-sign-request step, then the information system's fo-verify-signature): two front
 * offices (1 with a BIN) and the regional archive. Front office 1 has two operators, front
 * office 2 one; the archive a head. A PKI the app trusts issues signing keys to both
 * operators of front office 1 (with its BIN), and a second, revoked, key to the first.
 * `take()` accepts a complete package at front office 1 through the front office's own use
 * case; it then waits at fo-sign-request with the electronic request prepared.
 */
export async function createFrontOfficeRequestFixture(scenario: RequestScenario = archiveScenario) {
  const database: DatabaseHandle = await createTestDatabase();
  const clock = manualClock(scenario.start);
  const region = scenario.region;
  const services = applicationServices(database, clock.now);
  const gateway = createRegistrySimulator({ clock: clock.now });
  for (const [id, kind, bin] of [
    ['sko-fo-1', 'front_office', frontOffice1Bin],
    ['sko-fo-2', 'front_office', null],
    ['sko-archive', scenario.providerKind, null],
  ] as const) {
    await createOrganisation(database, { id, kind, regionCode: region, bin });
  }
  const passwordHash = await hashPassword(requestFixturePassword);
  const make = async (organisationId: string, role: string): Promise<RequestFixtureStaff> => {
    const principal = await createStaff(database, organisationId, region, [role]);
    const account = (await findStaffAccount(database.db, principal.staffId))!;
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
    return { principal, iin: account.iin, fullName: account.fullName, token: created.token };
  };
  const staff = {
    operator: await make('sko-fo-1', 'front_office_operator'),
    secondOperator: await make('sko-fo-1', 'front_office_operator'),
    otherOperator: await make('sko-fo-2', 'front_office_operator'),
    archiveHead: await make('sko-archive', 'head'),
  };
  const organisation = { name: 'ЦОН 1', bin: frontOffice1Bin };
  const operatorHolder = {
    iin: staff.operator.iin,
    surname: 'Операторова',
    name: 'Айжан',
    organisation,
  };
  const pki = await createDemoPki({
    now: clock.now(),
    holders: [
      operatorHolder,
      { iin: staff.secondOperator.iin, surname: 'Екінші', name: 'Оператор', organisation },
    ],
  });
  const revoked = await issueHolderCredentials(
    pki.issuing,
    operatorHolder,
    new Date(clock.now().getTime() - 86_400_000),
    365,
  );
  pki.crl = await issueCrl(pki.issuing, {
    revoked: [
      {
        serialNumber: revoked.signing.certificate.serialNumber,
        revokedAt: new Date(clock.now().getTime() - 3_600_000),
      },
    ],
    thisUpdate: new Date(clock.now().getTime() - 86_400_000),
    nextUpdate: new Date(clock.now().getTime() + 7 * 86_400_000),
  });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const trustStore = pki.trustStore();
  const app = composeApp({
    config,
    logger: createLogger(config),
    database,
    now: clock.now,
    sms: new InMemorySmsOutbox(),
    applications: services,
    registries: gateway,
    trustStore: () => trustStore,
  });
  const context = {
    services,
    gateway,
    pkiDirectory: path.join(os.tmpdir(), 'qyzmet-front-office-request-test-no-pki'),
    publicUrl: 'http://localhost',
  };
  const person = simulatorFixtures(createSimulatorData()).person;

  let key = 0;
  const nextKey = () => `fo-req-${(key += 1).toString().padStart(5, '0')}`;
  /** Accepts a complete package of the scenario's service at front office 1. */
  const take = async () => {
    const taken = await takeApplication(context, staff.operator, {
      formKey: nextKey(),
      serviceCode: scenario.serviceCode,
      providerOrganisationId: 'sko-archive',
      applicantIin: person.iin,
      applicantPhone: '+77011234567',
      fields: scenario.fields(person.iin),
      checks: scenario.checks,
      consentGiven: true,
      requestSigned: true,
    });
    if (taken.kind !== 'accepted') throw new Error(`not accepted: ${taken.kind}`);
    return taken;
  };
  const call = (
    method: 'GET' | 'POST',
    url: string,
    options: { token?: string; body?: unknown; locale?: string } = {},
  ) =>
    app.request(url, {
      method,
      headers: {
        'accept-language': options.locale ?? 'ru',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  /** A detached CAdES over a SHA-256 (hex): by a fixture holder, or the revoked key. */
  const cmsOverHash = async (signer: 0 | 1 | 'revoked', sha256Hex: string) =>
    Buffer.from(
      await signCms({
        credential: signer === 'revoked' ? revoked.signing : pki.holders[signer]!.signing,
        digest: new Uint8Array(Buffer.from(sha256Hex, 'hex')),
        signingTime: clock.now(),
        attached: false,
      }),
    ).toString('base64');
  /** Signs in on the web: the session and anti-forgery cookies. */
  const logIn = async (who: RequestFixtureStaff, locale = 'ru') => {
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
        password: requestFixturePassword,
        _csrf: csrf,
      }).toString(),
    });
    const session = /qyzmet_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
    if (!session) throw new Error(`login: ${response.status}`);
    return {
      cookie: `qyzmet_csrf=${csrf}; qyzmet_session=${session}; qyzmet_lang=${locale}`,
      csrf,
    };
  };
  return {
    database,
    clock,
    services,
    app,
    staff,
    pki,
    context,
    take,
    call,
    cmsOverHash,
    logIn,
    nextKey,
  };
}

export type FrontOfficeRequestFixture = Awaited<ReturnType<typeof createFrontOfficeRequestFixture>>;
