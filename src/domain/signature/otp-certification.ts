/**
 * Certification by one-time password: the alternative to an ЭЦП signature that the later
 * edition of the standard allows (standard-education-duplicates: "удостоверенный … одноразовым паролем"; digest,
 * "Portal flow": "sign with ЭЦП (or OTP, 002)"). The record binds the SHA-256 digest of the
 * application (or request) to the phone the code was sent to, the code's id and the time.
 * Sending and checking the code belong to the identity module (issue 5): see
 * {@link OneTimePasswordGateway}.
 */
export interface OtpCertification {
  /** What was certified: an application, or another request (e.g. a consent). */
  subjectKind: OtpSubjectKind;
  /** The application's id, when the subject is an application. */
  applicationId: string | null;
  /** SHA-256 of the certified content (hex, lowercase). */
  digestSha256: string;
  /** ИИН of the person who certified. */
  iin: string;
  /** The phone the code was sent to (+7XXXXXXXXXX). */
  phone: string;
  /** The id of the one-time password in the identity module. */
  otpId: string;
  certifiedAt: Date;
}

export const OtpSubjectKind = { application: 'application', request: 'request' } as const;
export type OtpSubjectKind = (typeof OtpSubjectKind)[keyof typeof OtpSubjectKind];

/** The identity module's one-time passwords, as signing needs them (implemented in issue 5). */
export interface OneTimePasswordGateway {
  /** Sends a code to the phone registered for the IIN; resolves to the code's id. */
  send(input: {
    iin: string;
    purpose: string;
    digestSha256: string;
  }): Promise<{ otpId: string; phone: string }>;
  /** Checks a typed code; `confirmed` is false for a wrong, used or expired code. */
  confirm(input: {
    otpId: string;
    code: string;
  }): Promise<{ confirmed: boolean; phone: string; iin: string }>;
}

/** A problem with the data of a certification. */
export type OtpCertificationProblem = 'digest' | 'iin' | 'phone' | 'otp_id' | 'application_id';

/**
 * Builds the certification record, or lists what is wrong. Pure: the time is passed in.
 * The phone is normalised to +7XXXXXXXXXX (8XXXXXXXXXX and 7XXXXXXXXXX are accepted).
 */
export function buildOtpCertification(input: {
  subjectKind: OtpSubjectKind;
  applicationId?: string | null;
  digestSha256: string;
  iin: string;
  phone: string;
  otpId: string;
  certifiedAt: Date;
}):
  | { ok: true; certification: OtpCertification }
  | { ok: false; problems: OtpCertificationProblem[] } {
  const problems: OtpCertificationProblem[] = [];
  const digest = input.digestSha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(digest)) problems.push('digest');
  if (!/^\d{12}$/.test(input.iin)) problems.push('iin');
  const digits = input.phone.replace(/[\s()-]/g, '');
  const phone = /^(\+7|8|7)(\d{10})$/.exec(digits);
  if (!phone) problems.push('phone');
  if (input.otpId.trim() === '') problems.push('otp_id');
  const applicationId = input.applicationId ?? null;
  if (input.subjectKind === OtpSubjectKind.application && !applicationId)
    problems.push('application_id');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    certification: {
      subjectKind: input.subjectKind,
      applicationId,
      digestSha256: digest,
      iin: input.iin,
      phone: `+7${phone![2]}`,
      otpId: input.otpId,
      certifiedAt: input.certifiedAt,
    },
  };
}
