import { sql, type Kysely } from 'kysely';

/** Certifications by one-time password (the alternative to an ЭЦП signature); immutable. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table otp_certification (
      id uuid primary key default gen_random_uuid(),
      subject_kind text not null check (subject_kind in ('application', 'request')),
      application_id text,
      digest_sha256 text not null check (digest_sha256 ~ '^[0-9a-f]{64}$'),
      iin char(12) not null,
      phone text not null,
      otp_id text not null unique,
      certified_at timestamptz not null,
      created_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index otp_certification_application_idx on otp_certification (application_id)`.execute(
    db,
  );
  await sql`
    create trigger otp_certification_immutable before update or delete on otp_certification
    for each row execute function forbid_row_change()
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table otp_certification`.execute(db);
}
