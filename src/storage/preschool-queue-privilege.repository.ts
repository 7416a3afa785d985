import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { StoredName } from './preschool-queue-view.repository.js';
import type { Tables } from './schema.js';

type Executor = Database | Transaction<Tables>;
type Trx = Transaction<Tables>;

/** A claimed privilege awaiting the department's confirmation, as its staff see it. */
export interface PendingPrivilegeRow {
  readonly number: string;
  readonly region: string;
  readonly district: string;
  readonly districtName: StoredName;
  readonly category: 'extraordinary' | 'primary' | 'general';
  readonly childIin: string;
  readonly birthDate: string;
  readonly registeredAt: Date;
  readonly due: Date;
}

/**
 * The privileges awaiting confirmation in the districts whose queue the department keeps (of
 * children still in the queue), the nearest deadline first; at most `limit`.
 */
export async function listPendingPrivileges(
  db: Executor,
  departmentOrganisationId: string,
  limit = 200,
): Promise<PendingPrivilegeRow[]> {
  const rows = await db
    .selectFrom('queue_registration as r')
    .innerJoin('queue_district as d', (join) =>
      join.onRef('d.region', '=', 'r.region').onRef('d.code', '=', 'r.district'),
    )
    .select([
      'r.number',
      'r.region',
      'r.district',
      'd.name',
      'r.category',
      'r.child_iin',
      'r.birth_date',
      'r.registered_at',
      'r.privilege_due',
    ])
    .where('d.department_organisation_id', '=', departmentOrganisationId)
    .where('r.privilege', '=', 'pending')
    .where('r.status', 'in', ['waiting', 'offered', 'referred'])
    .orderBy('r.privilege_due')
    .orderBy('r.number')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    number: row.number,
    region: row.region,
    district: row.district,
    districtName: row.name as StoredName,
    category: row.category,
    childIin: row.child_iin,
    birthDate: row.birth_date,
    registeredAt: row.registered_at,
    due: row.privilege_due!,
  }));
}

/** A registration with the department keeping its district, for the decision. */
export async function findRegistrationForPrivilege(trx: Trx, number: string) {
  const row = await trx
    .selectFrom('queue_registration as r')
    .innerJoin('queue_district as d', (join) =>
      join.onRef('d.region', '=', 'r.region').onRef('d.code', '=', 'r.district'),
    )
    .select([
      'r.id',
      'r.number',
      'r.privilege',
      'r.privilege_due',
      'r.status',
      'r.phone',
      'd.department_organisation_id',
    ])
    .where('r.number', '=', number)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    number: row.number,
    privilege: row.privilege,
    due: row.privilege_due,
    status: row.status,
    phone: row.phone,
    departmentOrganisationId: row.department_organisation_id,
  };
}

/**
 * Records the department's decision on a pending privilege: confirmed (the category stands), or
 * rejected (lost now: the child ranks in the general queue at its original registration time).
 */
export async function decidePendingPrivilege(
  trx: Trx,
  registrationId: string,
  decision: 'confirm' | 'reject',
  at: Date,
): Promise<boolean> {
  const row = await trx
    .updateTable('queue_registration')
    .set(
      decision === 'confirm'
        ? { privilege: 'confirmed', privilege_due: null }
        : { privilege: 'lost', privilege_lost_at: at, rank_category: 2 },
    )
    .where('id', '=', registrationId)
    .where('privilege', '=', 'pending')
    .returning(['id'])
    .executeTakeFirst();
  return row !== undefined;
}
