import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OneTimePasswordGateway } from '../../src/domain/signature/otp-certification.js';
import { certifyByOtp } from '../../src/features/signing/certify-by-otp.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { listOtpCertifications } from '../../src/storage/otp-certification.repository.js';
import { createTestDatabase } from '../support/database.js';

// An in-memory stand-in for the identity module's one-time passwords (issue 5): the code for
// otp-1 is 123456, sent to +7 701 123 45 67 for IIN 900101300123.
const gateway: OneTimePasswordGateway = {
  send: async () => ({ otpId: 'otp-1', phone: '+77011234567' }),
  confirm: async ({ otpId, code }) => ({
    confirmed: otpId === 'otp-1' && code === '123456',
    phone: '+7 701 123 45 67',
    iin: '900101300123',
  }),
};
const digest = createHash('sha256').update('application A-1').digest('hex');
const now = new Date('2026-03-02T06:00:00Z');
let database: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('certification by one-time password', () => {
  it('records the digest, phone, code id and time; refuses a wrong code or another person', async () => {
    const input = {
      subjectKind: 'application' as const,
      applicationId: 'A-1',
      digestSha256: digest,
      iin: '900101300123',
      otpId: 'otp-1',
    };
    await expect(
      certifyByOtp(database.db, gateway, { ...input, code: '000000' }, now),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(
      certifyByOtp(database.db, gateway, { ...input, iin: '850505400234', code: '123456' }, now),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const result = await certifyByOtp(database.db, gateway, { ...input, code: '123456' }, now);
    expect(result.phone).toBe('+77011234567');
    expect(await listOtpCertifications(database.db, 'A-1')).toEqual([
      {
        id: result.id,
        subjectKind: 'application',
        applicationId: 'A-1',
        digestSha256: digest,
        iin: '900101300123',
        phone: '+77011234567',
        otpId: 'otp-1',
        certifiedAt: now,
      },
    ]);
    // One code certifies once.
    await expect(
      certifyByOtp(database.db, gateway, { ...input, code: '123456' }, now),
    ).rejects.toThrow();
    await expect(
      sql`update otp_certification set phone = '+70000000000'`.execute(database.db),
    ).rejects.toThrow(/immutable/);
  });
});
