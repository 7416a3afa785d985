import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordConsent } from '../../src/features/identity/record-consent.js';
import { errorTable } from '../../src/http/error-table.js';
import { createRegistryGateway } from '../../src/integrations/create-gateway.js';
import type { RegistryGateway } from '../../src/integrations/registries.js';
import { createRegistrySimulator } from '../../src/integrations/simulator/registry-simulator.js';
import {
  startSimulatorServer,
  type RunningSimulator,
} from '../../src/integrations/simulator/server.js';
import {
  createSimulatorData,
  simulatorFixtures,
} from '../../src/integrations/simulator/synthetic-people.js';
import { listConsents } from '../../src/storage/consent.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { listGatewayCalls } from '../../src/storage/gateway-call.repository.js';
import { createTestDatabase } from '../support/database.js';

const data = createSimulatorData();
const fixtures = simulatorFixtures(data);
const simulatorToday = new Date('2026-03-01T06:00:00Z');

let database: DatabaseHandle;
let server: RunningSimulator;
let clock = 0;
const sleeps: number[] = [];
const resilience = {
  timeoutMs: 300,
  maxRetries: 2,
  backoffBaseMs: 200,
  backoffMaxMs: 2_000,
  failureThreshold: 100,
  coolDownMs: 30_000,
  now: () => clock,
  sleep: async (ms: number) => {
    sleeps.push(ms);
  },
};
let gateway: RegistryGateway;

async function control(path: string, init?: RequestInit) {
  return fetch(`${server.url}/__control/${path}`, init);
}
const arm = (fault: Record<string, unknown>) =>
  control('faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startSimulatorServer({
    simulator: createRegistrySimulator({ data, clock: () => simulatorToday }),
  });
  gateway = createRegistryGateway(
    { kind: 'http', baseUrl: server.url, resilience },
    { db: database.db },
  );
});
afterAll(async () => {
  await server.close();
  await database.close();
});
beforeEach(async () => {
  sleeps.length = 0;
  await control('faults', { method: 'DELETE' });
});

describe('person registry (ГБД ФЛ) over HTTP', () => {
  it('finds a person by IIN: names in kk and ru, birth date, documents', async () => {
    const result = await gateway.persons.findPerson(fixtures.person.iin, {
      correlationId: 'APP-100',
    });
    expect(result).toEqual({ status: 'found', data: fixtures.person });
    if (result.status !== 'found') return;
    expect(result.data.lastName.kk).toBeTruthy();
    expect(result.data.firstName.ru).toBeTruthy();
    const calls = await listGatewayCalls(database.db, { correlationId: 'APP-100' });
    expect(calls).toEqual([
      expect.objectContaining({
        system: 'person_registry',
        operation: 'findPerson',
        adapter: 'http',
        outcome: 'ok',
        subjectRef: fixtures.person.iin,
      }),
    ]);
    expect(calls[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('answers an unknown IIN with the prescribed message, not an exception', async () => {
    const result = await gateway.persons.findPerson(fixtures.unknownIin, {
      correlationId: 'APP-101',
    });
    expect(result).toEqual({
      status: 'not_found',
      message: {
        kk: 'Деректерді алу мүмкін емес.',
        ru: 'Невозможно получить данные.',
        en: 'Cannot obtain the data.',
      },
    });
    expect(await listGatewayCalls(database.db, { correlationId: 'APP-101' })).toEqual([
      expect.objectContaining({ outcome: 'not_found' }),
    ]);
  });
});

describe('notary registry (ЕНИС) over HTTP', () => {
  const query = (record: typeof fixtures.validPowerOfAttorney) => ({
    number: record.number,
    principalIin: record.principalIin,
    representativeIin: record.representativeIin,
  });
  it.each([
    ['valid', fixtures.validPowerOfAttorney],
    ['expired', fixtures.expiredPowerOfAttorney],
    ['revoked', fixtures.revokedPowerOfAttorney],
  ] as const)('reports a %s power of attorney with its dates and scope', async (status, record) => {
    const result = await gateway.notary.findPowerOfAttorney(query(record));
    expect(result).toMatchObject({
      status: 'found',
      data: {
        status,
        validFrom: record.validFrom,
        validUntil: record.validUntil,
        scope: { ru: expect.any(String) },
      },
    });
  });

  it('does not find a power of attorney for another representative', async () => {
    const result = await gateway.notary.findPowerOfAttorney({
      ...query(fixtures.validPowerOfAttorney),
      representativeIin: fixtures.person.iin,
    });
    expect(result.status).toBe('not_found');
  });
});

describe('digital documents over HTTP', () => {
  it('releases a document only with the code the citizen received', async () => {
    const requested = await gateway.digitalDocuments.requestConsent({
      iin: fixtures.person.iin,
      documentType: 'birth_certificate',
      requesterId: 'sko-education-arys',
    });
    expect(requested.status).toBe('consent_requested');
    if (requested.status !== 'consent_requested') return;
    const { requestId } = requested.data;
    const { code } = (await (await control(`consent-codes/${requestId}`)).json()) as {
      code: string;
    };
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await gateway.digitalDocuments.fetchDocument({ requestId, code: wrong })).toMatchObject({
      status: 'consent_refused',
      reason: 'wrong_code',
    });
    const released = await gateway.digitalDocuments.fetchDocument({ requestId, code });
    expect(released).toMatchObject({
      status: 'found',
      data: { iin: fixtures.person.iin, document: { type: 'birth_certificate' } },
    });
    expect(await gateway.digitalDocuments.fetchDocument({ requestId, code })).toMatchObject({
      status: 'consent_refused',
      reason: 'unknown_request',
    });
  });

  it('finds nothing for a document the person does not have', async () => {
    const child = fixtures.child!;
    const result = await gateway.digitalDocuments.requestConsent({
      iin: child.iin,
      documentType: 'identity_card',
      requesterId: 'x',
    });
    expect(result.status).toBe('not_found');
  });
});

describe('resilience', () => {
  it('retries 5xx with exponential backoff and succeeds', async () => {
    await arm({ mode: 'fail', status: 503, times: 2 });
    const result = await gateway.persons.findPerson(fixtures.person.iin);
    expect(result.status).toBe('found');
    expect(sleeps).toEqual([200, 400]);
  });

  it('times out a registry that does not answer: a retryable registry_unavailable, logged as failed', async () => {
    await arm({ mode: 'delay', delayMs: 1_500, times: 3 });
    const error = await gateway.persons
      .findPerson(fixtures.person.iin, { correlationId: 'APP-TIMEOUT' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'registry_unavailable',
      isRetryable: true,
      details: {
        system: 'person_registry',
        operation: 'findPerson',
        reason: 'timeout',
        attempts: 3,
      },
    });
    const [call] = await listGatewayCalls(database.db, { correlationId: 'APP-TIMEOUT' });
    expect(call).toMatchObject({ outcome: 'failed', errorCode: 'registry_unavailable' });
    expect(call!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('opens the circuit after N consecutive failures, half-opens after the cool-down', async () => {
    const breakerGateway = createRegistryGateway(
      {
        kind: 'http',
        baseUrl: server.url,
        resilience: { ...resilience, maxRetries: 0, failureThreshold: 3 },
      },
      { db: database.db },
    );
    await arm({ mode: 'fail', status: 500, times: 3 });
    for (let n = 0; n < 3; n += 1) {
      await expect(breakerGateway.persons.findPerson(fixtures.person.iin)).rejects.toMatchObject({
        details: { reason: 'server_error' },
      });
    }
    // the simulator is healthy again, but the circuit is open: refused at once
    await expect(breakerGateway.persons.findPerson(fixtures.person.iin)).rejects.toMatchObject({
      code: 'registry_unavailable',
      details: { reason: 'circuit_open', attempts: 0 },
    });
    clock += 29_999;
    await expect(breakerGateway.persons.findPerson(fixtures.person.iin)).rejects.toMatchObject({
      details: { reason: 'circuit_open' },
    });
    clock += 1;
    expect((await breakerGateway.persons.findPerson(fixtures.person.iin)).status).toBe('found');
    expect((await breakerGateway.persons.findPerson(fixtures.person.iin)).status).toBe('found');
  });

  it('simulator down: the operator gets a clear message, nothing recorded is lost, a later retry succeeds', async () => {
    const other = await startSimulatorServer({ simulator: createRegistrySimulator({ data }) });
    const downGateway = createRegistryGateway(
      { kind: 'http', baseUrl: other.url, resilience },
      { db: database.db },
    );
    // what was recorded before the call (here: the applicant's consent for this request) stays
    await recordConsent(
      { db: database.db },
      {
        applicantIin: fixtures.person.iin,
        requestId: 'APP-DOWN',
        channel: 'portal',
        proof: { method: 'signature', signatureId: 'sig-1' },
        actor: { kind: 'citizen', id: 'c-1' },
      },
      simulatorToday,
    );
    await other.close();
    const error = await downGateway.persons
      .findPerson(fixtures.person.iin, { correlationId: 'APP-DOWN' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'registry_unavailable',
      isRetryable: true,
      details: { reason: 'network', attempts: 3 },
    });
    expect(errorTable.registry_unavailable.message.ru).toMatch(/^Невозможно получить данные/);
    expect(errorTable.registry_unavailable.status).toBe(503);
    expect(await listGatewayCalls(database.db, { correlationId: 'APP-DOWN' })).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        errorCode: 'registry_unavailable',
        subjectRef: fixtures.person.iin,
      }),
    ]);
    expect(await listConsents(database.db, { requestId: 'APP-DOWN' })).toHaveLength(1);
    // the same request, retried against a registry that answers, succeeds
    const retried = await gateway.persons.findPerson(fixtures.person.iin, {
      correlationId: 'APP-DOWN',
    });
    expect(retried.status).toBe('found');
  });
});
