import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { completeStep } from '../../src/features/applications/complete-step.js';
import { getApplicationFor } from '../../src/engine/load-application.js';
import { lookUpApplicant } from '../../src/features/applications/look-up-applicant.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
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
import { listEvents } from '../../src/storage/application.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';

describe(`registry lookup of the front-office flow over HTTP on ${testBackend} (West Kazakhstan duplicates, seed 000)`, () => {
  let database: DatabaseHandle;
  let simulator: RunningSimulator;
  let gateway: RegistryGateway;
  const clock = manualClock('2017-03-14T04:00:00Z');
  let services: ReturnType<typeof applicationServices>;
  let operator: Principal & { kind: 'staff' };
  let key = 0;
  const nextKey = () => `lookup-key-${(key += 1).toString().padStart(4, '0')}`;
  const data = createSimulatorData();
  const fixtures = simulatorFixtures(data);

  beforeAll(async () => {
    database = await createTestDatabase();
    services = applicationServices(database, clock.now);
    simulator = await startSimulatorServer({
      // The registry is another system with its own date: powers of attorney are judged on it.
      simulator: createRegistrySimulator({ data, clock: () => new Date('2025-09-01T04:00:00Z') }),
    });
    gateway = createRegistryGateway({ kind: 'http', baseUrl: simulator.url }, { db: database.db });
    await createOrganisation(database, {
      id: 'wk-school',
      kind: 'school',
      regionCode: 'west-kazakhstan',
      timeZone: 'Asia/Oral',
    });
    await createOrganisation(database, {
      id: 'wk-front-office',
      kind: 'front_office',
      regionCode: 'west-kazakhstan',
      timeZone: 'Asia/Oral',
    });
    operator = await createStaff(database, 'wk-front-office', 'west-kazakhstan', [
      'front_office_operator',
    ]);
  });
  afterAll(async () => {
    await simulator?.close();
    await database?.close();
  });

  async function applicationAtLookup(
    applicantIin: string,
    representative?: { iin: string; powerOfAttorneyNumber: string },
  ) {
    const { applicationId } = await submitApplication(services, operator, {
      idempotencyKey: nextKey(),
      serviceCode: 'duplicates',
      channel: 'front_office',
      applicantIin,
      ...(representative ? { representativeIin: representative.iin } : {}),
      providerOrganisationId: 'wk-school',
      frontOfficeId: 'wk-front-office',
      fields: {
        'applicant-iin': applicantIin,
        ...(representative
          ? { 'power-of-attorney-number': representative.powerOfAttorneyNumber }
          : {}),
      },
    });
    for (const stepId of ['operator-login', 'identify-applicant']) {
      await completeStep(services, operator, { idempotencyKey: nextKey(), applicationId, stepId });
    }
    return applicationId;
  }

  it('continues to the intake check when the person registry knows the applicant', async () => {
    const applicationId = await applicationAtLookup(fixtures.person.iin);
    const result = await lookUpApplicant(services, gateway, operator, {
      idempotencyKey: nextKey(),
      applicationId,
    });
    expect(result.lookup.isFound).toBe(true);
    // The definition names only the person database for an applicant without a representative.
    expect(result.lookup.results.map((answer) => answer.registry)).toEqual(['person-database']);
    const { state } = await getApplicationFor(services, operator, applicationId);
    expect(state.currentStepId).toBe('fo-intake');
    const lookupEvent = (await listEvents(database.db, applicationId)).find(
      (event) => event.type === 'step_completed' && event.stepId === 'person-lookup',
    );
    expect(lookupEvent).toMatchObject({
      answer: true,
      lookup: [
        { registry: 'person-database', subject: 'applicant', found: true, facts: ['identity'] },
      ],
    });
  });

  it('asks the notary registry named in the definition for a representative, and records its refusal', async () => {
    const revoked = fixtures.revokedPowerOfAttorney;
    const applicationId = await applicationAtLookup(revoked.principalIin, {
      iin: revoked.representativeIin,
      powerOfAttorneyNumber: revoked.number,
    });
    const result = await lookUpApplicant(services, gateway, operator, {
      idempotencyKey: nextKey(),
      applicationId,
    });
    expect(result.lookup).toMatchObject({
      isFound: false,
      message: { ru: 'Доверенность отозвана.' },
    });
    const lookupEvent = (await listEvents(database.db, applicationId)).find(
      (event) => event.type === 'step_completed' && event.stepId === 'person-lookup',
    );
    expect(lookupEvent).toMatchObject({
      answer: false,
      lookup: [
        { registry: 'person-database', subject: 'applicant', found: true, facts: ['identity'] },
        {
          registry: 'notary-registry',
          subject: 'representative',
          found: false,
          facts: [],
          reason: 'power_of_attorney_revoked',
        },
      ],
    });
    expect((await getApplicationFor(services, operator, applicationId)).state).toMatchObject({
      outcome: 'request_rejected',
    });
  });

  it('continues with a valid power of attorney from the notary registry', async () => {
    const valid = fixtures.validPowerOfAttorney;
    const applicationId = await applicationAtLookup(valid.principalIin, {
      iin: valid.representativeIin,
      powerOfAttorneyNumber: valid.number,
    });
    const result = await lookUpApplicant(services, gateway, operator, {
      idempotencyKey: nextKey(),
      applicationId,
    });
    expect(result.lookup.isFound).toBe(true);
    expect(result.lookup.results.map((answer) => answer.registry)).toEqual([
      'person-database',
      'notary-registry',
    ]);
    expect((await getApplicationFor(services, operator, applicationId)).state.currentStepId).toBe(
      'fo-intake',
    );
  });

  it('ends with «невозможно получить данные» when it does not', async () => {
    const applicationId = await applicationAtLookup(fixtures.unknownIin);
    const result = await lookUpApplicant(services, gateway, operator, {
      idempotencyKey: nextKey(),
      applicationId,
    });
    expect(result.lookup).toMatchObject({
      isFound: false,
      message: { ru: expect.stringMatching(/^Невозможно получить данные/) },
    });
    const { state } = await getApplicationFor(services, operator, applicationId);
    expect(state).toMatchObject({ currentStepId: undefined, outcome: 'request_rejected' });
  });

  it('keeps the application where it was when the registry is down, and succeeds on retry', async () => {
    const applicationId = await applicationAtLookup(fixtures.person.iin);
    const before = await listEvents(database.db, applicationId);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const down = createRegistryGateway(
      {
        kind: 'http',
        baseUrl: `http://127.0.0.1:${port}`,
        resilience: { maxRetries: 1, backoffBaseMs: 1, timeoutMs: 500 },
      },
      { db: database.db },
    );
    await expect(
      lookUpApplicant(services, down, operator, { idempotencyKey: nextKey(), applicationId }),
    ).rejects.toMatchObject({
      code: 'registry_unavailable',
      isRetryable: true,
    });
    expect(await listEvents(database.db, applicationId)).toEqual(before);
    await lookUpApplicant(services, gateway, operator, {
      idempotencyKey: nextKey(),
      applicationId,
    });
    expect((await getApplicationFor(services, operator, applicationId)).state.currentStepId).toBe(
      'fo-intake',
    );
  });
});
