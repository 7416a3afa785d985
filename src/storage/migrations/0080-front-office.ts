import { sql, type Kysely } from 'kysely';

/**
 * The front office's own records (issue 9): courier registers (packages grouped per provider,
 * handed over and acknowledged; results coming back the same way), the requests to a provider
 * for a result handed back after the month of storage, and home-visit requests made through
 * the contact centre's public page. The applications themselves stay in the engine's tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table courier_register (
      id uuid primary key,
      number text not null unique,
      direction text not null check (direction in ('to_provider', 'to_front_office')),
      front_office_id text not null references organisation (id),
      provider_organisation_id text not null references organisation (id),
      document_id uuid,
      created_by text not null,
      created_at timestamptz not null,
      acknowledged_by text,
      acknowledged_at timestamptz
    );
    create index courier_register_front_office_idx on courier_register (front_office_id, created_at);
    create index courier_register_provider_idx on courier_register (provider_organisation_id, created_at);
    create table courier_register_item (
      register_id uuid not null references courier_register (id),
      application_id uuid not null references application (id),
      primary key (register_id, application_id)
    );
    create index courier_register_item_application_idx on courier_register_item (application_id);
    create table result_request (
      id uuid primary key,
      application_id uuid not null references application (id),
      front_office_id text not null references organisation (id),
      requested_by text not null,
      requested_at timestamptz not null,
      due_at timestamptz not null
    );
    create index result_request_application_idx on result_request (application_id);
    create table home_visit_request (
      id uuid primary key,
      number text not null unique,
      front_office_id text not null references organisation (id),
      service_code text not null,
      full_name text not null check (length(full_name) between 1 and 200),
      phone text not null check (length(phone) between 5 and 20),
      address text not null check (length(address) between 1 and 500),
      reason text not null check (length(reason) between 1 and 1000),
      status text not null check (status in ('new', 'assigned', 'visited', 'cancelled')),
      assigned_to text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index home_visit_request_front_office_idx on home_visit_request (front_office_id, created_at);
    create sequence home_visit_number_seq;
    create sequence courier_register_number_seq;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop sequence courier_register_number_seq;
    drop sequence home_visit_number_seq;
    drop table home_visit_request;
    drop table result_request;
    drop table courier_register_item;
    drop table courier_register;
  `.execute(db);
}
