import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { createApiToken } from '../../src/features/api-tokens/create-api-token.js';
import type { InboxWarningPolicy } from '../../src/features/back-office/list-inbox.js';
import { composeApp } from '../../src/cli/compose.js';
import { createRegistrySimulator } from '../../src/integrations/simulator/registry-simulator.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from './applications.js';
import { createTestDatabase } from './database.js';
import { sampleDraftFields } from '../../src/features/demo/sign-result.js';
import { regulationOf } from './regulation-of.js';
import { cmsOverSha256, createTestResultSigning } from './sign-result.js';

type Staff = Principal & { kind: 'staff' };

/** A staff member with an API token bound to their account. */
export interface StaffWithToken {
  readonly principal: Staff;
  readonly token: string;
  readonly tokenId: string;
}

/**
 * The HTTP app on a fresh database with two Kostanay schools: school 1 with a registry
 * office, a head and two executors, school 2 with a head — each with an API token.
 */
export async function createApiFixture(start: string, inboxWarning?: InboxWarningPolicy) {
  const database: DatabaseHandle = await createTestDatabase();
  const clock = manualClock(start);
  const sms = new InMemorySmsOutbox();
  // The registries (simulator): tests bind their citizens' phones in its БМГ.
  const registries = createRegistrySimulator();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  // Keys for the heads' signatures, certified by a CA in a temporary folder the app trusts.
  const signing = await createTestResultSigning(database, clock.now());
  const app = composeApp({
    config,
    logger: createLogger(config),
    database,
    now: clock.now,
    sms,
    registries,
    applications: applicationServices(database, clock.now),
    trustStore: () => signing.trustStore,
    ...(inboxWarning ? { inboxWarning } : {}),
  });
  for (const id of ['kst-school-1', 'kst-school-2']) {
    await createOrganisation(database, {
      id,
      kind: 'school',
      regionCode: 'kostanay',
      timeZone: 'Asia/Qostanay',
    });
  }
  // The front office where a national duplicate's result is collected (a `front_office` field).
  await createOrganisation(database, {
    id: 'kst-front-office',
    kind: 'front_office',
    regionCode: 'kostanay',
    timeZone: 'Asia/Qostanay',
  });
  const withToken = async (organisationId: string, roles: string[]): Promise<StaffWithToken> => {
    const principal = await createStaff(database, organisationId, 'kostanay', roles);
    const created = await createApiToken(
      database.db,
      { kind: 'system', id: 'test' },
      {
        name: `${roles.join('+')} system`,
        organisationId,
        roles: roles as never,
        staffAccountId: principal.staffId,
      },
      clock.now(),
    );
    return { principal, token: created.token, tokenId: created.tokenId };
  };
  const staff = {
    registry: await withToken('kst-school-1', ['registry_office']),
    head: await withToken('kst-school-1', ['head']),
    executor: await withToken('kst-school-1', ['executor']),
    otherExecutor: await withToken('kst-school-1', ['executor']),
    otherHead: await withToken('kst-school-2', ['head']),
  };

  let key = 0;
  const nextKey = () => `api-key-${(key += 1).toString().padStart(5, '0')}`;

  /** A request with optional bearer token, JSON body and extra headers. */
  const call = (
    method: 'GET' | 'POST',
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    app.request(path, {
      method,
      headers: {
        'accept-language': 'en',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });

  /** Submits a Kostanay duplicate at school 1's office for `applicantIin`. */
  const submit = async (applicantIin = '900101300007') => {
    const response = await call('POST', '/api/v1/applications', {
      token: staff.registry.token,
      headers: { 'idempotency-key': nextKey() },
      body: {
        serviceCode: 'duplicates',
        channel: 'provider_office',
        applicantIin,
        providerOrganisationId: 'kst-school-1',
        fields: { 'applicant-iin': applicantIin },
      },
    });
    if (response.status !== 201)
      throw new Error(`submit: ${response.status} ${await response.text()}`);
    return (await response.json()) as { applicationId: string; number: string };
  };

  /** Gives a command to an application. */
  const command = (token: string, applicationId: string, body: Record<string, unknown>) =>
    call('POST', `/api/v1/applications/${applicationId}/commands`, {
      token,
      body: { idempotencyKey: nextKey(), ...body },
    });

  /**
   * The two-phase signing over HTTP: `executor` prepares the draft of `outcome` at its step
   * (POST …/documents/prepare, sample field values), `signer` signs the PDF's SHA-256 with its
   * key (POST …/documents/{draftId}/sign). Returns both responses' bodies; throws on a failure.
   */
  const prepareAndSign = async (
    applicationId: string,
    executor: StaffWithToken,
    signer: StaffWithToken,
    outcome: 'result' | 'reasoned_refusal' = 'result',
    /** Runs between the two phases (the application waits at the signing step). */
    between?: () => Promise<void>,
  ) => {
    const prepared = await call('POST', `/api/v1/applications/${applicationId}/documents/prepare`, {
      token: executor.token,
      body: {
        idempotencyKey: nextKey(),
        outcome,
        fields: sampleDraftFields(outcome, regulationOf('duplicates', 'kostanay')),
      },
    });
    if (prepared.status !== 200)
      throw new Error(`prepare: ${prepared.status} ${await prepared.text()}`);
    const draft = (await prepared.json()) as {
      draftId: string;
      pdfSha256: string;
      currentStepId: string | null;
      status: string;
    };
    await between?.();
    const key = await signing.keyFor(signer.principal);
    const signed = await call(
      'POST',
      `/api/v1/applications/${applicationId}/documents/${draft.draftId}/sign`,
      {
        token: signer.token,
        body: {
          idempotencyKey: nextKey(),
          cms: await cmsOverSha256(key!, draft.pdfSha256, clock.now()),
        },
      },
    );
    if (signed.status !== 200) throw new Error(`sign: ${signed.status} ${await signed.text()}`);
    return {
      prepared: draft,
      signed: (await signed.json()) as {
        documentId: string;
        verifyUrl: string;
        status: string;
        currentStepId: string | null;
        version: number;
      },
    };
  };

  return {
    database,
    clock,
    sms,
    registries,
    app,
    staff,
    call,
    submit,
    command,
    nextKey,
    signing,
    prepareAndSign,
  };
}
export type ApiFixture = Awaited<ReturnType<typeof createApiFixture>>;
