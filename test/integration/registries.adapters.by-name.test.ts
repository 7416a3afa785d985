import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startRegistryGateway,
  type RunningRegistryGateway,
} from '../../src/integrations/create-gateway.js';
import {
  findRegistryAdapter,
  notaryRegistryAdapter,
  personDatabaseAdapter,
  registryAdapters,
} from '../../src/integrations/registry-adapters.js';
import {
  startSimulatorServer,
  type RunningSimulator,
} from '../../src/integrations/simulator/server.js';
import {
  createSimulatorData,
  simulatorFixtures,
} from '../../src/integrations/simulator/synthetic-people.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { listGatewayCalls } from '../../src/storage/gateway-call.repository.js';
import { createTestDatabase, testBackend } from '../support/database.js';

const fixtures = simulatorFixtures(createSimulatorData());

describe(`registry adapters by name over HTTP on ${testBackend}`, () => {
  let database: DatabaseHandle;
  let notaryEndpoint: RunningSimulator;
  let embedded: RunningRegistryGateway;

  beforeAll(async () => {
    database = await createTestDatabase();
    // A separate HTTP service standing for the real ЕНИС endpoint of one adapter.
    notaryEndpoint = await startSimulatorServer({ port: 0 });
    embedded = await startRegistryGateway(
      { kind: 'simulator', endpoints: { notaryRegistryUrl: notaryEndpoint.url } },
      { db: database.db },
    );
  });
  afterAll(async () => {
    await embedded?.close();
    await notaryEndpoint?.close();
    await database?.close();
  });

  it('registers the person database and the notary registry by name, with their facts', () => {
    expect(registryAdapters.map((adapter) => adapter.name)).toEqual([
      'person-database',
      'notary-registry',
    ]);
    expect(findRegistryAdapter('person-database')?.facts).toEqual([
      'identity',
      'address',
      'identity-documents',
    ]);
    expect(findRegistryAdapter('land-cadastre')).toBeUndefined();
  });

  it('the embedded default answers the person database through the HTTP adapter and a simulator on the loopback', async () => {
    expect(embedded.simulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${embedded.simulatorUrl}/health`);
    expect(health.status).toBe(200);
    const answer = await personDatabaseAdapter.lookUp(embedded.gateway, {
      subject: 'applicant',
      facts: ['identity', 'address'],
      applicantIin: fixtures.person.iin,
      context: { correlationId: 'adapter-test-1' },
    });
    expect(answer).toMatchObject({
      status: 'found',
      facts: {
        identity: { birthDate: fixtures.person.birthDate },
        address: fixtures.person.address,
      },
    });
    expect(Object.keys(answer.status === 'found' ? answer.facts : {})).toEqual([
      'identity',
      'address',
    ]);
    const calls = await listGatewayCalls(database.db, { correlationId: 'adapter-test-1' });
    expect(calls).toEqual([
      expect.objectContaining({ adapter: 'simulator', system: 'person_registry', outcome: 'ok' }),
    ]);
  });

  it('an unknown person is not found with the prescribed message, never an exception', async () => {
    expect(
      await personDatabaseAdapter.lookUp(embedded.gateway, {
        subject: 'applicant',
        facts: ['identity'],
        applicantIin: fixtures.unknownIin,
      }),
    ).toMatchObject({
      status: 'not_found',
      reason: 'person_not_found',
      message: { ru: expect.stringMatching(/^Невозможно получить данные/) },
    });
  });

  it("the notary registry goes to its own configured endpoint, with that endpoint's failures", async () => {
    const valid = fixtures.validPowerOfAttorney;
    const request = {
      subject: 'representative' as const,
      facts: ['power-of-attorney'],
      applicantIin: valid.principalIin,
      representativeIin: valid.representativeIin,
      powerOfAttorneyNumber: valid.number,
    };
    expect(await notaryRegistryAdapter.lookUp(embedded.gateway, request)).toMatchObject({
      status: 'found',
      facts: { 'power-of-attorney': { number: valid.number } },
    });
    // The notary endpoint fails: the notary adapter is unavailable, the person database is not.
    const armed = await fetch(`${notaryEndpoint.url}/__control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'fail', status: 503, times: 10 }),
    });
    expect(armed.status).toBe(201);
    await expect(notaryRegistryAdapter.lookUp(embedded.gateway, request)).rejects.toMatchObject({
      code: 'registry_unavailable',
      isRetryable: true,
      details: { system: 'notary_registry', reason: 'server_error' },
    });
    expect(
      await personDatabaseAdapter.lookUp(embedded.gateway, {
        subject: 'applicant',
        facts: ['identity'],
        applicantIin: fixtures.person.iin,
      }),
    ).toMatchObject({ status: 'found' });
    await fetch(`${notaryEndpoint.url}/__control/faults`, { method: 'DELETE' });
  });

  it('a representative query without a power of attorney number is not found, without a call', async () => {
    expect(
      await notaryRegistryAdapter.lookUp(embedded.gateway, {
        subject: 'representative',
        facts: ['power-of-attorney'],
        applicantIin: fixtures.person.iin,
        representativeIin: fixtures.validPowerOfAttorney.representativeIin,
      }),
    ).toMatchObject({ status: 'not_found', reason: 'power_of_attorney_number_missing' });
  });

  it('starts no simulator when every adapter has a real endpoint', async () => {
    const gateway = await startRegistryGateway(
      { kind: 'http', baseUrl: notaryEndpoint.url, endpoints: {} },
      { db: database.db },
    );
    expect(gateway.simulatorUrl).toBeUndefined();
    expect(
      await personDatabaseAdapter.lookUp(gateway.gateway, {
        subject: 'applicant',
        facts: ['identity-documents'],
        applicantIin: fixtures.person.iin,
      }),
    ).toMatchObject({ status: 'found' });
    await gateway.close();
  });
});
