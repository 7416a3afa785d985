import type { Migration } from 'kysely';
import * as m0001 from './0001-instance.js';

/**
 * Every migration, in the order it is applied. Names are never changed once released;
 * a new migration is a new file added at the end.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-instance': m0001,
};
