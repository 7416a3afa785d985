import { describe, expect, it } from 'vitest';
import { checkIin } from '../../domain/identity/iin.js';
import { withCallLog, type GatewayCallEntry } from '../call-log.js';
import { createRegistrySimulator, powerOfAttorneyStatus } from './registry-simulator.js';
import { createSimulatorData, simulatorFixtures } from './synthetic-people.js';
import { demoCitizen, demoPowerOfAttorneyNumber, demoRepresentative } from './demo-people.js';

const data = createSimulatorData();
const fixtures = simulatorFixtures(data);

describe('synthetic people', () => {
  it('have valid IINs that match their birth date and sex, and names in kk and ru', () => {
    // 200 synthetic people and the README's two demo citizens (issue 18, point 6).
    expect(data.people).toHaveLength(202);
    expect(new Set(data.people.map((p) => p.iin)).size).toBe(202);
    for (const person of data.people) {
      expect(checkIin(person.iin)).toEqual({
        isValid: true,
        iin: person.iin,
        birthDate: person.birthDate,
        sex: person.sex,
      });
      expect(
        person.lastName.kk && person.lastName.ru && person.firstName.kk && person.firstName.ru,
      ).toBeTruthy();
      expect(person.documents.some((d) => d.type === 'birth_certificate')).toBe(true);
    }
  });

  it('are the same on every run', () => {
    expect(createSimulatorData()).toEqual(data);
    expect(createSimulatorData(7).people[0]).not.toEqual(data.people[0]);
  });

  it('give fixtures: an unknown IIN is valid but absent; a child has no identity card', () => {
    expect(checkIin(fixtures.unknownIin).isValid).toBe(true);
    expect(data.people.some((p) => p.iin === fixtures.unknownIin)).toBe(false);
    expect(fixtures.child?.documents.map((d) => d.type)).toEqual(['birth_certificate']);
  });
});

describe('the README’s demo citizens (issue 18, point 6)', () => {
  it('are known to ГБД ФЛ, and the representative holds the citizen’s power of attorney', async () => {
    const simulator = createRegistrySimulator();
    const citizen = await simulator.persons.findPerson(demoCitizen.iin);
    expect(citizen.status).toBe('found');
    expect((await simulator.persons.findPerson(demoRepresentative.iin)).status).toBe('found');
    const power = await simulator.notary.findPowerOfAttorney({
      number: demoPowerOfAttorneyNumber,
      principalIin: demoCitizen.iin,
      representativeIin: demoRepresentative.iin,
    });
    expect(power).toMatchObject({
      status: 'found',
      data: { status: 'valid' },
    });
  });
});

describe('power of attorney status', () => {
  const record = fixtures.revokedPowerOfAttorney;
  it.each([
    ['2024-05-19', 'expired'], // not yet in force
    ['2024-05-20', 'valid'],
    ['2025-05-31', 'valid'],
    ['2025-06-01', 'revoked'],
  ] as const)('on %s: %s', (day, status) => {
    expect(powerOfAttorneyStatus(record, day)).toBe(status);
  });
  it('expires after its last day', () => {
    expect(powerOfAttorneyStatus(fixtures.expiredPowerOfAttorney, '2024-12-31')).toBe('valid');
    expect(powerOfAttorneyStatus(fixtures.expiredPowerOfAttorney, '2025-01-01')).toBe('expired');
  });
});

describe('in-process simulator with the call log', () => {
  it('logs every call with its outcome and duration', async () => {
    const entries: GatewayCallEntry[] = [];
    let clock = 1_000;
    const gateway = withCallLog(
      createRegistrySimulator({ data, clock: () => new Date('2026-01-01T00:00:00Z') }),
      {
        adapter: 'simulator',
        record: async (entry) => {
          entries.push(entry);
        },
        now: () => (clock += 5),
      },
    );
    expect(
      (await gateway.persons.findPerson(fixtures.person.iin, { correlationId: 'A' })).status,
    ).toBe('found');
    expect((await gateway.persons.findPerson(fixtures.unknownIin)).status).toBe('not_found');
    const poa = fixtures.validPowerOfAttorney;
    expect(await gateway.notary.findPowerOfAttorney(poa)).toMatchObject({
      status: 'found',
      data: { status: 'valid' },
    });
    expect(entries.map((e) => [e.system, e.operation, e.outcome, e.durationMs])).toEqual([
      ['person_registry', 'findPerson', 'ok', 5],
      ['person_registry', 'findPerson', 'not_found', 5],
      ['notary_registry', 'findPowerOfAttorney', 'ok', 5],
    ]);
    expect(entries[0]).toMatchObject({
      correlationId: 'A',
      subjectRef: fixtures.person.iin,
      adapter: 'simulator',
    });
    expect(entries[2]?.subjectRef).toBe(poa.number);
  });

  it('releases a digital document only after the consent code; three wrong codes end the request', async () => {
    const simulator = createRegistrySimulator({ data });
    const requested = await simulator.digitalDocuments.requestConsent({
      iin: fixtures.person.iin,
      documentType: 'birth_certificate',
      requesterId: 'x',
    });
    if (requested.status !== 'consent_requested') throw new Error('expected a consent request');
    const { requestId } = requested.data;
    const code = simulator.peekConsentCode(requestId)!;
    const wrong = code === '111111' ? '222222' : '111111';
    expect(
      (await simulator.digitalDocuments.fetchDocument({ requestId, code: wrong })).status,
    ).toBe('consent_refused');
    expect(
      (await simulator.digitalDocuments.fetchDocument({ requestId, code: wrong })).status,
    ).toBe('consent_refused');
    expect(
      await simulator.digitalDocuments.fetchDocument({ requestId, code: wrong }),
    ).toMatchObject({ reason: 'attempts_exhausted' });
    expect(await simulator.digitalDocuments.fetchDocument({ requestId, code })).toMatchObject({
      reason: 'unknown_request',
    });
  });
});
