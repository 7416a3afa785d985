import { describe, expect, it } from 'vitest';
import { buildOtpCertification, OtpSubjectKind } from './otp-certification.js';

const digest = 'a'.repeat(64);
const at = new Date('2026-03-02T06:00:00Z');

describe('one-time-password certification', () => {
  it.each([
    ['+7 (701) 123-45-67', '+77011234567'],
    ['87011234567', '+77011234567'],
    ['77011234567', '+77011234567'],
  ])('normalises the phone %s to %s', (phone, normalised) => {
    const result = buildOtpCertification({
      subjectKind: OtpSubjectKind.application,
      applicationId: 'A-1',
      digestSha256: digest.toUpperCase(),
      iin: '900101300123',
      phone,
      otpId: 'otp-1',
      certifiedAt: at,
    });
    expect(result).toEqual({
      ok: true,
      certification: {
        subjectKind: 'application',
        applicationId: 'A-1',
        digestSha256: digest,
        iin: '900101300123',
        phone: normalised,
        otpId: 'otp-1',
        certifiedAt: at,
      },
    });
  });

  it('lists every problem', () => {
    const result = buildOtpCertification({
      subjectKind: OtpSubjectKind.application,
      digestSha256: 'xyz',
      iin: '123',
      phone: '12345',
      otpId: ' ',
      certifiedAt: at,
    });
    expect(result).toEqual({
      ok: false,
      problems: ['digest', 'iin', 'phone', 'otp_id', 'application_id'],
    });
  });

  it('does not need an application for another request', () => {
    const result = buildOtpCertification({
      subjectKind: OtpSubjectKind.request,
      digestSha256: digest,
      iin: '900101300123',
      phone: '+77011234567',
      otpId: 'o',
      certifiedAt: at,
    });
    expect(result.ok && result.certification.applicationId).toBeNull();
  });
});
