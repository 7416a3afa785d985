import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OneTimePasswordGateway } from '../../src/domain/signature/otp-certification.js';
import type { IdentityServices } from '../../src/features/identity/identity-services.js';
import { issueOneTimePassword } from '../../src/features/identity/issue-one-time-password.js';
import { certifyApplicationByOtp } from '../../src/features/signing/certify-application-by-otp.js';
import { certifyByOtp } from '../../src/features/signing/certify-by-otp.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { listOtpCertifications } from '../../src/storage/otp-certification.repository.js';
import { createTestDatabase } from '../support/database.js';

const digest = createHash('sha256').update('application A-1').digest('hex');
const now = new Date('2026-03-02T06:00:00Z');
const actor = { kind: 'citizen' as const, id: 'c1' };
const sms = new InMemorySmsOutbox();
let database: DatabaseHandle;
let services: IdentityServices;

beforeAll(async () => {
  database = await createTestDatabase();
  services = { db: database.db, sms };
});
afterAll(async () => {
  await database?.close();
});

describe('certification by one-time password', () => {
  it('with the identity module’s code: records digest, phone, code id and time; a wrong code is refused', async () => {
    const phone = '+77011234567';
    const issued = await issueOneTimePassword(
      services,
      { phone, purpose: 'certify_application', subjectId: 'A-1', actor },
      now,
    );
    const code = sms.lastCodeTo(phone);
    const input = {
      applicationId: 'A-1',
      digestSha256: digest,
      iin: '900101300123',
      challengeId: issued.challengeId,
      actor,
    };
    await expect(
      certifyApplicationByOtp(
        database.db,
        { ...input, code: code === '000000' ? '111111' : '000000' },
        now,
      ),
    ).rejects.toMatchObject({ code: 'unauthenticated', details: { reason: 'otp_wrong_code' } });
    const result = await certifyApplicationByOtp(database.db, { ...input, code }, now);
    expect(result.phone).toBe(phone);
    expect(await listOtpCertifications(database.db, 'A-1')).toEqual([
      {
        id: result.id,
        subjectKind: 'application',
        applicationId: 'A-1',
        digestSha256: digest,
        iin: '900101300123',
        phone,
        otpId: issued.challengeId,
        certifiedAt: now,
      },
    ]);
    // The code is used up: it cannot certify twice.
    await expect(
      certifyApplicationByOtp(database.db, { ...input, code }, now),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'subject_id'])
      .where('action', '=', 'signature.otp_certified')
      .execute();
    expect(audit).toEqual([{ action: 'signature.otp_certified', subject_id: 'A-1' }]);
    await expect(
      sql`update otp_certification set phone = '+70000000000'`.execute(database.db),
    ).rejects.toThrow(/immutable/);
    await expect(sql`delete from otp_certification`.execute(database.db)).rejects.toThrow(
      /immutable/,
    );
  });

  it('through the gateway interface: refuses a wrong code and another person’s code', async () => {
    const gateway: OneTimePasswordGateway = {
      send: async () => ({ otpId: 'otp-9', phone: '+77019999999' }),
      confirm: async ({ otpId, code }) => ({
        confirmed: otpId === 'otp-9' && code === '123456',
        phone: '+7 701 999 99 99',
        iin: '850505400234',
      }),
    };
    const input = {
      subjectKind: 'request' as const,
      digestSha256: digest,
      iin: '850505400234',
      otpId: 'otp-9',
    };
    await expect(
      certifyByOtp(database.db, gateway, { ...input, code: '000000' }, now),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    await expect(
      certifyByOtp(database.db, gateway, { ...input, iin: '900101300123', code: '123456' }, now),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const result = await certifyByOtp(database.db, gateway, { ...input, code: '123456' }, now);
    expect(result.phone).toBe('+77019999999');
  });
});
