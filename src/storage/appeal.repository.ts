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

/** One appeal, or undefined. */
export async function findAppeal(db: Executor, appealId: string) {
  return db.selectFrom('appeal').selectAll().where('id', '=', appealId).executeTakeFirst();
}

/**
 * Records the provider's decision on an appeal still waiting for one. Returns false when it
 * was decided meanwhile (the caller reports a conflict and rolls back).
 */
export async function recordAppealDecision(
  trx: Executor,
  appealId: string,
  decision: {
    status: 'upheld' | 'rejected';
    answer: string;
    decidedBy: string;
    decidedAt: Date;
  },
): Promise<boolean> {
  const updated = await trx
    .updateTable('appeal')
    .set({
      status: decision.status,
      decision: decision.answer,
      decided_by: decision.decidedBy,
      decided_at: decision.decidedAt,
    })
    .where('id', '=', appealId)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/**
 * The appeals against the applications an organisation holds as provider, waiting ones first
 * (earliest due first), then the decided ones.
 */
export async function listAppealsOfProvider(
  db: Executor,
  organisationId: string,
  options: { limit: number },
) {
  return db
    .selectFrom('appeal')
    .innerJoin('application', 'application.id', 'appeal.application_id')
    .select([
      'appeal.id',
      'appeal.application_id',
      'appeal.status',
      'appeal.submitted_at',
      'appeal.due_at',
      'appeal.decided_at',
      'application.number',
      'application.service_code',
      'application.regulation_id',
      'application.clock_offset_ms',
    ])
    .where('application.provider_organisation_id', '=', organisationId)
    .orderBy((eb) => eb.case().when('appeal.status', '=', 'submitted').then(0).else(1).end())
    .orderBy('appeal.due_at')
    .orderBy('appeal.submitted_at', 'desc')
    .limit(options.limit)
    .execute();
}
