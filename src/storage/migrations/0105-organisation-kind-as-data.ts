import { sql, type Kysely } from 'kysely';

/**
 * Organisation kinds are data (issue 14): a region declares its own kinds of provider in
 * regulations/_vocabulary/provider-kinds.yaml, and the organisation seed files are checked
 * against that list when they are read. The database no longer keeps its own copy of the list.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisation drop constraint if exists organisation_kind_check`.execute(db);
  await sql`
    alter table organisation
      add constraint organisation_kind_format
        check (kind ~ '^[a-z][a-z0-9]*(_[a-z0-9]+)*$' and length(kind) <= 80)
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisation drop constraint organisation_kind_format`.execute(db);
  await sql`
    alter table organisation
      add constraint organisation_kind_check
        check (kind in ('region_akimat', 'district_akimat', 'regional_education_department',
          'district_education_department', 'school', 'archive', 'employment_department',
          'front_office'))
  `.execute(db);
}
