import { sql, type Kysely } from 'kysely';

/** Organisations (providers, front offices, authorities) and staff accounts scoped to one of them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisation (
      id text primary key check (id ~ '^[a-z0-9][a-z0-9-]*$'),
      kind text not null check (kind in ('region_akimat', 'district_akimat',
        'regional_education_department', 'district_education_department', 'school', 'archive',
        'employment_department', 'front_office')),
      name_kk text not null,
      name_ru text not null,
      parent_id text references organisation (id),
      region_code text not null,
      address_kk text,
      address_ru text,
      phone text,
      email text,
      bin text check (bin ~ '^[0-9]{12}$'),
      schedule_kind text not null check (schedule_kind in ('provider_office', 'front_office')),
      custom_schedule jsonb,
      time_zone text not null,
      source text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index organisation_region_idx on organisation (region_code, kind);
    create index organisation_parent_idx on organisation (parent_id);

    create table staff_account (
      id uuid primary key default gen_random_uuid(),
      organisation_id text not null references organisation (id),
      iin text not null check (iin ~ '^[0-9]{12}$'),
      full_name text not null,
      roles text[] not null check (cardinality(roles) > 0 and roles <@ array['registry_office',
        'head', 'executor', 'front_office_operator', 'courier', 'commission_member',
        'region_administrator', 'system_administrator']::text[]),
      password_hash text,
      is_active boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (organisation_id, iin)
    );
    create index staff_account_iin_idx on staff_account (iin);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table staff_account; drop table organisation;`.execute(db);
}
