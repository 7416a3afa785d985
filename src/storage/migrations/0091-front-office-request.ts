import { sql, type Kysely } from 'kysely';

/**
 * The electronic request the front office sends to the provider (issue 9; e.g. akimat-2016-54,
 * annex 1, point 9, item 7: "электронный документ (запрос услугополучателя), удостоверенный
 * ЭЦП работника Государственной корпорации"; akimat-2012-149, annex 2, point 7, items 5–6). One per
 * application: prepared at intake (the canonical JSON bytes the operator signs and their
 * SHA-256), then signed once in the browser with the operator's ЭЦП (NCALayer): the CMS, the
 * signer as the verified certificate names them, and the time. A signed row never changes.
 *
 * Not a row of `document`: documents are numbered PDFs signed server-side and shown on
 * /verify; the request is a JSON electronic document signed by a person's CMS in two phases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table front_office_request (
      id uuid primary key,
      application_id text not null unique,
      content jsonb not null,
      content_bytes bytea not null,
      content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
      prepared_by text not null,
      prepared_at timestamptz not null,
      signature bytea,
      signer_staff_id text,
      signer_iin text,
      signer_name text,
      certificate_serial text,
      signed_at timestamptz,
      check ((signature is null) = (signed_at is null))
    );
    create function front_office_request_signed_is_final() returns trigger language plpgsql as $$
    begin
      if old.signed_at is not null then
        raise exception 'a signed front-office request is immutable';
      end if;
      if tg_op = 'DELETE' then
        return old;
      end if;
      return new;
    end;
    $$;
    create trigger front_office_request_final before update or delete on front_office_request
      for each row execute function front_office_request_signed_is_final();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table front_office_request;
    drop function front_office_request_signed_is_final();
  `.execute(db);
}
