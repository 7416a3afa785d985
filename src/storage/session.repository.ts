import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';
import type { StaffAccountRow } from './staff-account.repository.js';

export interface SessionRow {
  id: string;
  subjectKind: 'citizen' | 'staff';
  subjectId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** Stores a session by the hash of its token. */
export async function insertSession(
  trx: Transaction<Tables>,
  session: {
    subjectKind: 'citizen' | 'staff';
    subjectId: string;
    tokenHash: string;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<string> {
  const row = await trx
    .insertInto('session')
    .values({
      subject_kind: session.subjectKind,
      subject_id: session.subjectId,
      token_hash: session.tokenHash,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The session whose token has this hash, if it is neither revoked nor expired at `now`. */
export async function findActiveSessionByTokenHash(
  db: Database | Transaction<Tables>,
  tokenHash: string,
  now: Date,
): Promise<SessionRow | undefined> {
  const row = await db
    .selectFrom('session')
    .select(['id', 'subject_kind', 'subject_id', 'created_at', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      subjectKind: row.subject_kind,
      subjectId: row.subject_id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
    }
  );
}

/** Revokes one session; returns whether it was active. */
export async function revokeSession(
  trx: Transaction<Tables>,
  id: string,
  now: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('session')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every unrevoked session of a subject; returns how many. */
export async function revokeAllSessions(
  trx: Transaction<Tables>,
  subject: { subjectKind: 'citizen' | 'staff'; subjectId: string },
  now: Date,
): Promise<number> {
  const result = await trx
    .updateTable('session')
    .set({ revoked_at: now })
    .where('subject_kind', '=', subject.subjectKind)
    .where('subject_id', '=', subject.subjectId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** An active session with what the pages show of its holder's account (one statement). */
export type SessionWithAccount =
  | {
      sessionId: string;
      subjectKind: 'citizen';
      account: { id: string; iin: string; phone: string } | undefined;
    }
  | {
      sessionId: string;
      subjectKind: 'staff';
      account: StaffAccountRow | undefined;
    };

/**
 * The session whose token has this hash, if it is neither revoked nor expired at `now`, with its
 * citizen or staff account (undefined when the account is gone) — what every page asks first,
 * in one statement instead of two in a row.
 */
export async function findActiveSessionWithAccount(
  db: Database | Transaction<Tables>,
  tokenHash: string,
  now: Date,
): Promise<SessionWithAccount | undefined> {
  const row = await db
    .selectFrom('session')
    .leftJoin('citizen_account', (join) =>
      join
        .onRef('citizen_account.id', '=', 'session.subject_id')
        .on('session.subject_kind', '=', 'citizen'),
    )
    .leftJoin('staff_account', (join) =>
      join
        .onRef('staff_account.id', '=', 'session.subject_id')
        .on('session.subject_kind', '=', 'staff'),
    )
    .leftJoin('organisation', 'organisation.id', 'staff_account.organisation_id')
    .select([
      'session.id as session_id',
      'session.subject_kind',
      'citizen_account.id as citizen_id',
      'citizen_account.iin as citizen_iin',
      'citizen_account.phone as citizen_phone',
      'staff_account.id as staff_id',
      'staff_account.organisation_id',
      'organisation.region_code',
      'staff_account.iin as staff_iin',
      'staff_account.full_name',
      'staff_account.full_name_kk',
      'staff_account.roles',
      'staff_account.is_active',
    ])
    .where('session.token_hash', '=', tokenHash)
    .where('session.revoked_at', 'is', null)
    .where('session.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.subject_kind === 'citizen') {
    return {
      sessionId: row.session_id,
      subjectKind: 'citizen',
      account:
        row.citizen_id !== null && row.citizen_iin !== null && row.citizen_phone !== null
          ? { id: row.citizen_id, iin: row.citizen_iin, phone: row.citizen_phone }
          : undefined,
    };
  }
  return {
    sessionId: row.session_id,
    subjectKind: 'staff',
    // The staff account and its organisation are inner-joined in findStaffAccount: so here.
    account:
      row.staff_id !== null && row.organisation_id !== null && row.region_code !== null
        ? {
            id: row.staff_id,
            organisationId: row.organisation_id,
            regionCode: row.region_code,
            iin: row.staff_iin!,
            fullName: row.full_name!,
            fullNameKk: row.full_name_kk!,
            roles: row.roles!,
            isActive: row.is_active!,
          }
        : undefined,
  };
}
