import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Row = Tables['consent'];

export interface ConsentRow {
  id: string;
  applicantIin: string;
  givenByIin: string;
  applicationId: string | null;
  requestId: string | null;
  scope: string;
  channel: Row['channel'];
  method: Row['method'];
  evidence: Record<string, string>;
  recordedByStaffId: string | null;
  givenAt: Date;
}

const toRow = (row: {
  id: string;
  applicant_iin: string;
  given_by_iin: string;
  application_id: string | null;
  request_id: string | null;
  scope: string;
  channel: Row['channel'];
  method: Row['method'];
  evidence: unknown;
  recorded_by_staff_id: string | null;
  given_at: Date;
}): ConsentRow => ({
  id: row.id,
  applicantIin: row.applicant_iin,
  givenByIin: row.given_by_iin,
  applicationId: row.application_id,
  requestId: row.request_id,
  scope: row.scope,
  channel: row.channel,
  method: row.method,
  evidence: row.evidence as Record<string, string>,
  recordedByStaffId: row.recorded_by_staff_id,
  givenAt: row.given_at,
});

/** Stores a consent. */
export async function insertConsent(
  trx: Transaction<Tables>,
  consent: Omit<ConsentRow, 'id'>,
): Promise<ConsentRow> {
  const row = await trx
    .insertInto('consent')
    .values({
      applicant_iin: consent.applicantIin,
      given_by_iin: consent.givenByIin,
      application_id: consent.applicationId,
      request_id: consent.requestId,
      scope: consent.scope,
      channel: consent.channel,
      method: consent.method,
      evidence: JSON.stringify(consent.evidence),
      recorded_by_staff_id: consent.recordedByStaffId,
      given_at: consent.givenAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRow(row);
}

/** Consents kept with an application (or a gateway request), oldest first. */
export async function listConsents(
  db: Database | Transaction<Tables>,
  filter: { applicationId?: string; requestId?: string },
): Promise<ConsentRow[]> {
  let query = db.selectFrom('consent').selectAll().orderBy('given_at').orderBy('id');
  if (filter.applicationId) query = query.where('application_id', '=', filter.applicationId);
  if (filter.requestId) query = query.where('request_id', '=', filter.requestId);
  return (await query.execute()).map(toRow);
}
