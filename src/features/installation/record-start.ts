import type { Database } from '../../storage/db.js';
import {
  holdsSandboxData,
  recordStart as recordStartRow,
  type InstanceRow,
} from '../../storage/instance.repository.js';

export type Installation = InstanceRow;

/**
 * Records that this installation started; on the very first start this creates the
 * installation's identity. Returns the identity and how many times it has started.
 */
export async function recordStart(
  db: Database,
  now: Date,
  options: { sandbox?: boolean } = {},
): Promise<Installation> {
  return recordStartRow(db, now, options);
}

/**
 * A production installation never runs on sandbox data (docs/sandbox.md): throws
 * {@link SandboxDataError} when the database was ever a sandbox's or holds a sandbox application.
 */
export async function refuseSandboxDataInProduction(db: Database): Promise<void> {
  if (await holdsSandboxData(db)) throw new SandboxDataError();
}

/** A production start on a database that holds sandbox data. */
export class SandboxDataError extends Error {
  override name = 'SandboxDataError';
  constructor() {
    super(
      'the database holds sandbox data (a SANDBOX installation or applications made "as of" a past date); a production installation (NODE_ENV=production) refuses to start on it — use a fresh database',
    );
  }
}
