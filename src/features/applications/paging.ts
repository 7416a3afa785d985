import { z } from 'zod';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';

/** A keyset position: the sort instant and the id of the last row of the previous page. */
export interface KeysetPosition {
  readonly at: Date;
  readonly id: string;
}

const Position = z.tuple([z.iso.datetime(), z.uuid()]);

/** The opaque cursor of the page after a row (base64url JSON of [instant, id]). */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString(
    'base64url',
  );
}

/** The position a cursor names; validation_failed for a cursor this API did not issue. */
export function decodeCursor(cursor: string | undefined): KeysetPosition | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const [at, id] = Position.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
    return { at: new Date(at), id };
  } catch {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'cursor', rule: 'cursor' }],
    });
  }
}

/** Page sizes: 1…100, default 20. */
export const PageLimit = z.coerce.number().int().min(1).max(100).default(20);

/** Splits a fetch of `limit + 1` rows into the page and the cursor of the next one. */
export function pageOf<Row extends { id: string }>(
  rows: readonly Row[],
  limit: number,
  positionOf: (row: Row) => Date,
): { items: Row[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ at: positionOf(last), id: last.id }) : null,
  };
}
