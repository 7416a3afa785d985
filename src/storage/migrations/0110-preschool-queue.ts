import { sql, type Kysely } from 'kysely';

/**
 * The kindergarten queue at region scale (issue 19, docs/preschool-queue.md): kindergartens
 * and their groups, registrations (one child in a district queue), published places, the
 * allocation runs (each with its full input, so it can be re-run from the log), the offers
 * and referrals they made, and the parent's messages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table queue_kindergarten (
      id text primary key check (length(id) between 1 and 80),
      organisation_id text not null,
      region text not null,
      district text not null,
      name jsonb not null,
      time_zone text not null
    )`.execute(db);
  await sql`
    create table queue_group (
      id text primary key check (length(id) between 1 and 80),
      kindergarten_id text not null references queue_kindergarten (id),
      age_from int not null check (age_from between 0 and 7),
      age_to int not null check (age_to between age_from and 7),
      language text not null,
      special_needs text
    )`.execute(db);
  await sql`create index queue_group_kindergarten on queue_group (kindergarten_id)`.execute(db);
  await sql`
    create table queue_registration (
      id uuid primary key default gen_random_uuid(),
      number text not null unique,
      region text not null,
      district text not null,
      child_iin text not null,
      parent_iin text not null,
      phone text,
      birth_date date not null,
      category text not null check (category in ('extraordinary', 'primary', 'general')),
      privilege text not null check (privilege in ('none', 'pending', 'confirmed', 'lost')),
      privilege_due timestamptz,
      privilege_lost_at timestamptz,
      rank_category int not null check (rank_category between 0 and 2),
      registered_at timestamptz not null,
      preferred jsonb not null,
      language text not null,
      special_needs text,
      desired_start date not null,
      status text not null check (status in ('waiting', 'offered', 'referred', 'enrolled', 'left')),
      left_waiting_at timestamptz,
      last_seen_position int,
      last_seen_at timestamptz
    )`.execute(db);
  await sql`
    create unique index queue_registration_child on queue_registration (child_iin)
      where status in ('waiting', 'offered', 'referred')`.execute(db);
  await sql`
    create index queue_registration_rank on queue_registration
      (region, district, status, rank_category, registered_at, number)`.execute(db);
  await sql`
    create table queue_run (
      id serial primary key,
      region text not null,
      district text not null,
      ran_at timestamptz not null,
      day date not null,
      trigger text not null,
      alternation_before int not null,
      alternation_after int not null,
      input jsonb not null,
      result jsonb not null
    )`.execute(db);
  await sql`
    create table queue_place (
      id uuid primary key default gen_random_uuid(),
      group_id text not null references queue_group (id),
      published_at timestamptz not null,
      published_by text not null,
      status text not null check (status in ('free', 'offered', 'taken'))
    )`.execute(db);
  await sql`create index queue_place_free on queue_place (status, group_id)`.execute(db);
  await sql`
    create table queue_offer (
      id uuid primary key default gen_random_uuid(),
      place_id uuid not null references queue_place (id),
      registration_id uuid not null references queue_registration (id),
      run_id int not null references queue_run (id),
      status text not null check (status in ('open', 'accepted', 'declined', 'expired')),
      region text not null,
      district text not null,
      turn text not null,
      offered_at timestamptz not null,
      due_at timestamptz not null,
      decided_at timestamptz,
      referral_number text unique,
      referral_valid_until timestamptz
    )`.execute(db);
  await sql`create index queue_offer_open on queue_offer (status, due_at)`.execute(db);
  await sql`create index queue_offer_registration on queue_offer (registration_id)`.execute(db);
  await sql`
    create table queue_message (
      id serial primary key,
      registration_id uuid not null references queue_registration (id),
      kind text not null,
      message jsonb not null,
      created_at timestamptz not null
    )`.execute(db);
  // Accepting an offer is signed by a one-time password (issue 19).
  await sql`alter table one_time_password drop constraint one_time_password_purpose_check`.execute(
    db,
  );
  await sql`
    alter table one_time_password add constraint one_time_password_purpose_check
      check (purpose in ('login', 'certify_application', 'password_reset', 'registry_consent',
        'register', 'accept_offer'))
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from one_time_password where purpose = 'accept_offer'`.execute(db);
  await sql`alter table one_time_password drop constraint one_time_password_purpose_check`.execute(
    db,
  );
  await sql`
    alter table one_time_password add constraint one_time_password_purpose_check
      check (purpose in ('login', 'certify_application', 'password_reset', 'registry_consent',
        'register'))
  `.execute(db);
  for (const table of [
    'queue_message',
    'queue_offer',
    'queue_place',
    'queue_run',
    'queue_registration',
    'queue_group',
    'queue_kindergarten',
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
