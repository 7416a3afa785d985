import type { Transaction } from 'kysely';
import type { Principal } from '../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../domain/shared/domain-error.js';
import {
  ConcurrentAppendError,
  findCommandReceipt,
  insertCommandReceipt,
  type NewCommandReceipt,
} from '../storage/application.repository.js';
import type { Database } from '../storage/db.js';
import type { JsonObject, Tables } from '../storage/schema.js';
import type { ApplicationServices } from './application-services.js';

/** Every command carries a key chosen by the client; a retry with the same key is answered from the first run. */
export interface CommandEnvelope {
  readonly idempotencyKey: string;
}

const keyPattern = /^[A-Za-z0-9._:-]{8,128}$/;

/** Stable text naming who gave a command, for idempotency keys. */
export function principalKey(principal: Principal): string {
  switch (principal.kind) {
    case 'citizen':
      return `citizen:${principal.iin}`;
    case 'staff':
      return `staff:${principal.staffId}`;
    case 'system':
      return 'system';
  }
}

/**
 * Runs a command once per (principal, idempotency key): in one transaction with the receipt
 * of its answer, so a retried command returns the first result and never applies twice. A
 * concurrent change of the same application surfaces as a conflict error, and nothing of
 * the losing command is kept.
 *
 * The receipt is looked up only when the command fails: a retry either fails in its own right
 * (the application moved on) or reaches the receipt's insert, whose primary key refuses the
 * duplicate and rolls back everything it did — either way the first answer is returned. The
 * first (common) run saves a round trip.
 */
export async function runCommand<T extends JsonObject>(
  services: ApplicationServices,
  principal: Principal,
  command: string,
  envelope: CommandEnvelope,
  work: (trx: Transaction<Tables>) => Promise<{ applicationId: string | null; response: T }>,
): Promise<T> {
  checkKey(envelope);
  const who = principalKey(principal);
  return answerOnce(services, who, command, envelope, () =>
    services.db.transaction().execute(async (trx) => {
      const { applicationId, response } = await work(trx);
      await insertCommandReceipt(
        trx,
        receiptFor(services, who, command, envelope)(applicationId, response),
      );
      return response;
    }),
  );
}

/** Builds the receipt of a command's answer, to be written with its change. */
export type ReceiptOf = (applicationId: string | null, response: JsonObject) => NewCommandReceipt;

/**
 * {@link runCommand} for a command whose whole change is ONE statement that also writes the
 * receipt (`receiptOf`), e.g. a submission (recordEvents with `receiptOf`): no transaction,
 * as a single statement is atomic; the reads it makes before that statement are of data that
 * the statement does not depend on being unchanged (regulations, organisations, the number
 * sequence). Same guarantees: a retry returns the first answer and never applies twice.
 */
export async function runStatementCommand<T extends JsonObject>(
  services: ApplicationServices,
  principal: Principal,
  command: string,
  envelope: CommandEnvelope,
  work: (db: Database, receiptOf: ReceiptOf) => Promise<T>,
): Promise<T> {
  checkKey(envelope);
  const who = principalKey(principal);
  return answerOnce(services, who, command, envelope, () =>
    work(services.db, receiptFor(services, who, command, envelope)),
  );
}

/** The receipt of this principal's command under its idempotency key, made now. */
function receiptFor(
  services: ApplicationServices,
  principal: string,
  command: string,
  envelope: CommandEnvelope,
): ReceiptOf {
  return (applicationId, response) => ({
    principal,
    key: envelope.idempotencyKey,
    command,
    applicationId,
    response,
    createdAt: services.now(),
  });
}

function checkKey(envelope: CommandEnvelope): void {
  if (!keyPattern.test(envelope.idempotencyKey)) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'idempotencyKey', rule: 'idempotency_key' }],
    });
  }
}

async function answerOnce<T extends JsonObject>(
  services: ApplicationServices,
  who: string,
  command: string,
  envelope: CommandEnvelope,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    // Already done under this key (earlier, or by a parallel retry): answer as it did.
    const previous = await findCommandReceipt(services.db, who, envelope.idempotencyKey);
    if (previous) return answerFromReceipt<T>(previous, command);
    if (error instanceof ConcurrentAppendError) {
      throw new DomainError(
        ErrorCode.conflict,
        { reason: 'concurrent_change' },
        error.message,
        true,
      );
    }
    throw error;
  }
}

function answerFromReceipt<T>(
  receipt: { command: string; response: JsonObject },
  command: string,
): T {
  if (receipt.command !== command) {
    throw new DomainError(ErrorCode.conflict, {
      reason: 'idempotency_key_reused',
      command: receipt.command,
    });
  }
  return receipt.response as T;
}
