import { sql, type Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;

/** An application waiting in a provider's queue for a place (its vacancy question open). */
export interface QueuedApplicationRow {
  id: string;
  number: string;
  regulationId: string;
  currentStepId: string;
  submittedAt: Date;
  /** The child's date of birth as submitted (YYYY-MM-DD), when the form has it. */
  childBirthDate: string | null;
}

/**
 * The applications of `providerOrganisationId` whose current step is one of `steps` (the
 * information-system steps that wait for a vacancy), not ended nor suspended, in queue
 * order: the moment of submission (registration), then the number.
 */
export async function listQueuedApplications(
  db: Executor,
  query: {
    providerOrganisationId: string;
    steps: readonly { regulationId: string; stepId: string }[];
    limit: number;
  },
): Promise<QueuedApplicationRow[]> {
  if (query.steps.length === 0) return [];
  const pairs = sql.join(
    query.steps.map((step) => sql`(${step.regulationId}, ${step.stepId})`),
    sql`, `,
  );
  const { rows } = await sql<QueuedApplicationRow>`
    select a.id, a.number, a.regulation_id as "regulationId",
           a.current_step_id as "currentStepId", a.submitted_at as "submittedAt",
           (select e.payload -> 'fields' ->> 'child-birth-date'
              from application_event e
             where e.application_id = a.id and e.type = 'submitted'
             limit 1) as "childBirthDate"
      from application a
     where a.provider_organisation_id = ${query.providerOrganisationId}
       and a.ended_at is null
       and a.status <> 'suspended'
       and a.current_actor = 'information_system'
       and (a.regulation_id, a.current_step_id) in (${pairs})
     order by a.submitted_at, a.number
     limit ${query.limit}`.execute(db);
  return rows;
}
