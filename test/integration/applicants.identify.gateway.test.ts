import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyApplicant } from '../../src/features/identity/identify-applicant.js';
import { createRegistryGateway } from '../../src/integrations/create-gateway.js';
import type { RegistryGateway } from '../../src/integrations/registries.js';
import {
  createSimulatorData,
  simulatorFixtures,
} from '../../src/integrations/simulator/synthetic-people.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { listGatewayCalls } from '../../src/storage/gateway-call.repository.js';
import { createTestDatabase } from '../support/database.js';

const data = createSimulatorData();
const fixtures = simulatorFixtures(data);
let database: DatabaseHandle;
let gateway: RegistryGateway;

beforeAll(async () => {
  database = await createTestDatabase();
  gateway = createRegistryGateway(
    { kind: 'simulator', data, clock: () => new Date('2026-02-02T05:00:00Z') },
    { db: database.db },
  );
});
afterAll(async () => {
  await database.close();
});

const withPower = (record: typeof fixtures.validPowerOfAttorney) => ({
  applicantIin: record.principalIin,
  representative: { iin: record.representativeIin, powerOfAttorneyNumber: record.number },
});

describe('identifying the applicant at the front office (embedded simulator)', () => {
  it('identifies an applicant in person', async () => {
    const result = await identifyApplicant(gateway, {
      applicantIin: fixtures.person.iin,
      correlationId: 'R-1',
    });
    expect(result).toMatchObject({ status: 'identified', applicant: { iin: fixtures.person.iin } });
    expect(await listGatewayCalls(database.db, { correlationId: 'R-1' })).toEqual([
      expect.objectContaining({ adapter: 'simulator', system: 'person_registry', outcome: 'ok' }),
    ]);
  });

  it('identifies a representative with a valid power of attorney', async () => {
    const result = await identifyApplicant(gateway, {
      ...withPower(fixtures.validPowerOfAttorney),
      correlationId: 'R-2',
    });
    expect(result).toMatchObject({
      status: 'identified',
      representative: { powerOfAttorney: { status: 'valid' } },
    });
    const calls = await listGatewayCalls(database.db, { correlationId: 'R-2' });
    expect(calls.map((call) => call.system).sort()).toEqual([
      'notary_registry',
      'person_registry',
      'person_registry',
    ]);
  });

  it.each([
    [
      'expired',
      fixtures.expiredPowerOfAttorney,
      'power_of_attorney_expired',
      'Срок действия доверенности истёк.',
    ],
    [
      'revoked',
      fixtures.revokedPowerOfAttorney,
      'power_of_attorney_revoked',
      'Доверенность отозвана.',
    ],
  ] as const)(
    'refuses a representative whose power of attorney is %s',
    async (_, record, reason, ru) => {
      expect(await identifyApplicant(gateway, withPower(record))).toMatchObject({
        status: 'refused',
        reason,
        field: 'powerOfAttorneyNumber',
        message: { ru },
      });
    },
  );

  it('shows «невозможно получить данные» for an unknown applicant, and checks the IIN first', async () => {
    expect(await identifyApplicant(gateway, { applicantIin: fixtures.unknownIin })).toMatchObject({
      status: 'refused',
      reason: 'applicant_not_found',
      message: { ru: 'Невозможно получить данные.', kk: 'Деректерді алу мүмкін емес.' },
    });
    const before = (await listGatewayCalls(database.db)).length;
    expect(await identifyApplicant(gateway, { applicantIin: '12345' })).toMatchObject({
      status: 'refused',
      reason: 'invalid_iin',
    });
    expect((await listGatewayCalls(database.db)).length).toBe(before);
  });

  it('does not accept a power of attorney for another principal', async () => {
    const record = fixtures.validPowerOfAttorney;
    expect(fixtures.expiredPowerOfAttorney.principalIin).not.toBe(record.principalIin);
    const result = await identifyApplicant(gateway, {
      applicantIin: fixtures.expiredPowerOfAttorney.principalIin,
      representative: { iin: record.representativeIin, powerOfAttorneyNumber: record.number },
    });
    expect(result).toMatchObject({ status: 'refused', reason: 'power_of_attorney_not_found' });
  });
});
