import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

export interface AppealRow {
  id: string;
  applicationId: string;
  appellantIin: string;
  text: string;
  status: 'submitted' | 'upheld' | 'rejected';
  submittedAt: Date;
  dueAt: Date;
}

export async function insertAppeal(trx: Executor, appeal: AppealRow): Promise<void> {
  await trx
    .insertInto('appeal')
    .values({
      id: appeal.id,
      application_id: appeal.applicationId,
      appellant_iin: appeal.appellantIin,
      text: appeal.text,
      status: appeal.status,
      submitted_at: appeal.submittedAt,
      due_at: appeal.dueAt,
      decided_at: null,
      decision: null,
      decided_by: null,
    })
    .execute();
}

/** The appeals of an application, oldest first. */
export async function listAppeals(db: Executor, applicationId: string) {
  return db
    .selectFrom('appeal')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('submitted_at')
    .execute();
}

export async function insertQuestionnaireAnswer(
  trx: Executor,
  answer: {
    applicationId: string;
    respondentIin: string;
    process: string;
    information: string;
    answeredAt: Date;
  },
): Promise<void> {
  await trx
    .insertInto('questionnaire_answer')
    .values({
      application_id: answer.applicationId,
      respondent_iin: answer.respondentIin,
      process: answer.process as never,
      information: answer.information as never,
      answered_at: answer.answeredAt,
    })
    .execute();
}
