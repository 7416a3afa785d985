import { isDeepStrictEqual } from 'node:util';
import {
  allocatePlaces,
  type AllocationInput,
  type AllocationResult,
} from '../../domain/queue/allocate.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { Database } from '../../storage/db.js';
import { findRun } from '../../storage/preschool-queue-offer.repository.js';

/**
 * Re-runs a logged allocation from its recorded input and tells whether the result is the one
 * recorded (anyone checking a run gets the same places for the same children).
 */
export async function rerunAllocation(
  db: Database,
  runId: number,
): Promise<{ recorded: AllocationResult; again: AllocationResult; isSame: boolean }> {
  const row = await findRun(db, runId);
  if (!row) throw new DomainError(ErrorCode.notFound, { reason: 'queue_run_unknown' });
  const again = allocatePlaces(row.input as unknown as AllocationInput);
  const recorded = row.result as unknown as AllocationResult;
  return {
    recorded,
    again,
    isSame: isDeepStrictEqual(JSON.parse(JSON.stringify(again)), recorded),
  };
}
