import { sql, type Kysely } from 'kysely';

/**
 * Staff names in both spellings (issue 18, point 4): `full_name` is the name as the identity
 * document spells it in Russian, `full_name_kk` its Kazakh spelling (e.g. «Нурпеисов Асхат
 * Кайратович» / «Нұрпейісов Асхат Қайратұлы»), shown on Kazakh pages. Existing accounts get
 * their one name in both until the administration corrects it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table staff_account add column full_name_kk text`.execute(db);
  await sql`update staff_account set full_name_kk = full_name`.execute(db);
  await sql`
    alter table staff_account
      alter column full_name_kk set not null,
      add constraint staff_account_full_name_kk_length
        check (length(full_name_kk) between 1 and 200)
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table staff_account drop column full_name_kk`.execute(db);
}
