import type { ColumnType, Generated } from 'kysely';

/**
 * The database tables as Kysely sees them. Row types stay in `storage/`;
 * features map them to domain types.
 */
export interface Tables {
  instance: InstanceTable;
  document: DocumentTable;
  otp_certification: OtpCertificationTable;
}

/** One row: this installation's identity, written on first start. */
export interface InstanceTable {
  id: Generated<number>;
  installation_id: Generated<string>;
  created_at: ColumnType<Date, never, never>;
  started_count: ColumnType<number, number | undefined, number>;
  last_started_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** An issued document; immutable (a trigger refuses UPDATE and DELETE). */
export interface DocumentTable {
  id: string;
  number: string;
  kind: string;
  service_code: string | null;
  application_id: string | null;
  language: 'kk' | 'ru' | 'bilingual';
  content: ColumnType<Record<string, unknown>, string, never>;
  content_sha256: string;
  pdf: Uint8Array;
  pdf_sha256: string;
  signer_name: string;
  signer_iin: string | null;
  signed_at: ColumnType<Date, Date, never>;
  signature: Uint8Array;
  replaces_document_id: string | null;
  created_at: ColumnType<Date, never, never>;
}

/** A certification by one-time password; immutable. */
export interface OtpCertificationTable {
  id: Generated<string>;
  subject_kind: 'application' | 'request';
  application_id: string | null;
  digest_sha256: string;
  iin: string;
  phone: string;
  otp_id: string;
  certified_at: ColumnType<Date, Date, never>;
  created_at: ColumnType<Date, never, never>;
}
