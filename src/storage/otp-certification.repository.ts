import type { OtpCertification } from '../domain/signature/otp-certification.js';
import type { Database } from './db.js';

/** Stores a certification by one-time password; returns its id. Rows are immutable. */
export async function insertOtpCertification(
  db: Database,
  certification: OtpCertification,
): Promise<string> {
  const row = await db
    .insertInto('otp_certification')
    .values({
      subject_kind: certification.subjectKind,
      application_id: certification.applicationId,
      digest_sha256: certification.digestSha256,
      iin: certification.iin,
      phone: certification.phone,
      otp_id: certification.otpId,
      certified_at: certification.certifiedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The certifications of an application, oldest first. */
export async function listOtpCertifications(
  db: Database,
  applicationId: string,
): Promise<Array<OtpCertification & { id: string }>> {
  const rows = await db
    .selectFrom('otp_certification')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('certified_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    subjectKind: row.subject_kind,
    applicationId: row.application_id,
    digestSha256: row.digest_sha256,
    iin: row.iin,
    phone: row.phone,
    otpId: row.otp_id,
    certifiedAt: row.certified_at,
  }));
}
