import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '../../src/features/identity/create-staff-account.js';
import type { IdentityServices } from '../../src/features/identity/identity-services.js';
import { issueOneTimePassword } from '../../src/features/identity/issue-one-time-password.js';
import { recordConsent } from '../../src/features/identity/record-consent.js';
import {
  readOrganisationSeedFiles,
  seedOrganisations,
} from '../../src/features/identity/seed-organisations.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import { verifyAuditTrail } from '../../src/features/audit/verify-audit-trail.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import { listConsents } from '../../src/storage/consent.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { createTestDatabase } from '../support/database.js';
import { regulationCatalog } from '../support/applications.js';

let database: DatabaseHandle;
let services: IdentityServices;
const sms = new InMemorySmsOutbox();
const now = new Date('2026-05-04T05:30:00Z');
const applicant = '880215300010';
const representative = '961231456783';
let operatorId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  services = { db: database.db, sms };
  await seedOrganisations(
    database.db,
    readOrganisationSeedFiles(regulationCatalog().vocabulary).map((file) => file.content),
    now,
  );
  ({ staffId: operatorId } = await createStaffAccount(
    database.db,
    { kind: 'system' },
    {
      organisationId: 'sko-front-office-shymkent-1',
      iin: '000229500008',
      fullName: 'Оператор Тестовый',
      roles: ['front_office_operator'],
    },
    now,
  ));
});
afterAll(async () => {
  await database.close();
});

describe('consent to the use of legally protected data', () => {
  it('records a written consent taken by a front-office operator, kept with the application', async () => {
    const consent = await recordConsent(
      services,
      {
        applicantIin: applicant,
        givenByIin: representative,
        applicationId: 'APP-2026-000001',
        channel: 'front_office',
        proof: { method: 'paper', documentReference: 'scan-42' },
        recordedByStaffId: operatorId,
        actor: { kind: 'staff', id: operatorId },
      },
      now,
    );
    expect(consent).toMatchObject({
      applicantIin: applicant,
      givenByIin: representative,
      scope: 'protected_data_in_information_systems',
      channel: 'front_office',
      method: 'paper',
      evidence: { documentReference: 'scan-42' },
      givenAt: now,
    });
    expect(await listConsents(database.db, { applicationId: 'APP-2026-000001' })).toHaveLength(1);
    const audit = await listAuditEvents(database.db, { action: 'consent.recorded' });
    expect(audit.at(-1)).toMatchObject({
      subjectType: 'application',
      subjectId: 'APP-2026-000001',
      actorKind: 'staff',
      actorId: operatorId,
    });
  });

  it('refuses a paper consent without the operator, and one without an application or request', async () => {
    await expect(
      recordConsent(
        services,
        {
          applicantIin: applicant,
          applicationId: 'A',
          channel: 'front_office',
          proof: { method: 'paper', documentReference: 'x' },
          actor: { kind: 'system' },
        },
        now,
      ),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'recordedByStaffId' }] },
    });
    await expect(
      recordConsent(
        services,
        {
          applicantIin: applicant,
          channel: 'portal',
          proof: { method: 'signature', signatureId: 's' },
          actor: { kind: 'system' },
        },
        now,
      ),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'applicationId' }] },
    });
  });

  it('records a portal consent confirmed by a one-time password for that request, and counts a wrong code', async () => {
    const phone = '+77015550000';
    const challenge = await issueOneTimePassword(
      services,
      {
        phone,
        purpose: 'registry_consent',
        subjectId: 'REQ-77',
        actor: { kind: 'citizen', id: 'c' },
      },
      now,
    );
    const code = sms.lastCodeTo(phone);
    const input = {
      applicantIin: applicant,
      requestId: 'REQ-77',
      channel: 'portal' as const,
      actor: { kind: 'citizen' as const, id: 'c' },
    };
    await expect(
      recordConsent(
        services,
        {
          ...input,
          proof: {
            method: 'otp',
            challengeId: challenge.challengeId,
            code: code === '123456' ? '654321' : '123456',
          },
        },
        now,
      ),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
      details: { reason: 'otp_wrong_code', attemptsLeft: 2 },
    });
    expect(await listConsents(database.db, { requestId: 'REQ-77' })).toEqual([]);

    const consent = await recordConsent(
      services,
      { ...input, proof: { method: 'otp', challengeId: challenge.challengeId, code } },
      now,
    );
    expect(consent).toMatchObject({
      method: 'otp',
      channel: 'portal',
      evidence: { otpChallengeId: challenge.challengeId, phone },
    });
    expect(await verifyAuditTrail(database.db)).toMatchObject({ isIntact: true });
  });
});
