import type { Database } from '../../storage/db.js';
import {
  recordStart as recordStartRow,
  type InstanceRow,
} from '../../storage/instance.repository.js';

export type Installation = InstanceRow;

/**
 * Records that this installation started; on the very first start this creates the
 * installation's identity. Returns the identity and how many times it has started.
 */
export async function recordStart(db: Database, now: Date): Promise<Installation> {
  return recordStartRow(db, now);
}
