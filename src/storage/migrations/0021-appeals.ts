import { sql, type Kysely } from 'kysely';

/**
 * Appeals (жалоба / шағым) against a decision, action or inaction of the provider, reviewed
 * within 5 working days (Law "On public services"; standard section 3), and the answers to
 * the two-question quality questionnaire (akimat-2012-149).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table appeal (
      id uuid primary key,
      application_id uuid not null references application (id),
      appellant_iin char(12) not null,
      text text not null,
      status text not null check (status in ('submitted', 'upheld', 'rejected')),
      submitted_at timestamptz not null,
      due_at timestamptz not null,
      decided_at timestamptz,
      decision text,
      decided_by text
    );
    create index appeal_application_idx on appeal (application_id);
    create index appeal_open_idx on appeal (due_at) where decided_at is null;

    create table questionnaire_answer (
      application_id uuid primary key references application (id),
      respondent_iin char(12) not null,
      process text not null check (process in ('not_satisfied', 'partially_satisfied', 'satisfied')),
      information text not null check (information in ('not_satisfied', 'partially_satisfied', 'satisfied')),
      answered_at timestamptz not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table questionnaire_answer; drop table appeal;`.execute(db);
}
