import type { Transaction } from 'kysely';
import type { Database } from './db.js';
import type { Tables } from './schema.js';

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
