import { DeliveryError, isPermanentRefusal } from '../../integrations/messaging/delivery-error.js';
import { maskRecipient, type MessageSender } from '../../integrations/messaging/message-sender.js';
import { appendAudit } from '../../storage/audit.repository.js';
import {
  claimDueMessages,
  markMessageAttemptFailed,
  markMessageDelivered,
  type ClaimedMessage,
} from '../../storage/outbox.repository.js';
import { backoffDelayMs, type JobServices } from '../job-services.js';

/** What one delivery round did. */
export interface DeliveryRound {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
}

const auditActor = { kind: 'system', id: 'outbox' } as const;

/**
 * The reference every attempt of one message carries (SMS `Idempotency-Key`, e-mail
 * Message-ID): a relay or gateway that got an attempt whose answer was lost drops the repeat.
 */
export const outboxReference = (id: number) => `qyzmet-outbox-${id}`;

/**
 * One round of the outbox: claims the due messages no other worker holds, sends each through
 * `sender`, and records the outcome with an audit row — delivered; failed and retried later
 * with exponential backoff (or later, when the other side asked with Retry-After); refused for
 * good by the relay or gateway and marked failed at once; or, after the last attempt, marked
 * failed. Rows are kept (never deleted).
 * Any number of workers may run rounds at once: a message is claimed by one at a time.
 */
export async function deliverOutbox(
  services: JobServices,
  sender: MessageSender,
): Promise<DeliveryRound> {
  const policy = services.delivery;
  const claimedAt = services.now();
  const claimed = await services.db
    .transaction()
    .execute((trx) =>
      claimDueMessages(
        trx,
        claimedAt,
        new Date(claimedAt.getTime() + policy.leaseMs),
        policy.batchSize,
      ),
    );
  const round: DeliveryRound = { claimed: claimed.length, delivered: 0, retried: 0, failed: 0 };
  for (const message of claimed) {
    const outcome = await attempt(services, sender, message);
    round[outcome] += 1;
  }
  return round;
}

async function attempt(
  services: JobServices,
  sender: MessageSender,
  message: ClaimedMessage,
): Promise<'delivered' | 'retried' | 'failed'> {
  const policy = services.delivery;
  let error: string | undefined;
  let isRefused = false;
  let retryAfterMs = 0;
  // A message whose last attempt was interrupted (the worker stopped mid-send) is not sent again.
  if (message.attempts > policy.maxAttempts) {
    error = 'attempts exhausted (the last attempt was interrupted)';
  } else {
    try {
      await sender.send({ ...message, reference: outboxReference(message.id) });
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
      isRefused = isPermanentRefusal(caught);
      if (caught instanceof DeliveryError && caught.retryAfterMs) {
        retryAfterMs = Math.min(caught.retryAfterMs, policy.maxDelayMs);
      }
    }
  }
  const now = services.now();
  const details = {
    channel: message.channel,
    recipient: maskRecipient(message.channel, message.recipient),
    attempts: message.attempts,
  };
  return services.db.transaction().execute(async (trx) => {
    if (error === undefined) {
      if (await markMessageDelivered(trx, message.id, now)) {
        await appendAudit(trx, {
          occurredAt: now,
          actor: auditActor,
          action: 'outbox_message.delivered',
          subjectType: 'outbox_message',
          subjectId: String(message.id),
          details,
        });
      }
      return 'delivered';
    }
    // A refusal for good (e.g. SMTP 550, HTTP 422) is recorded at once and never retried.
    const givesUp = isRefused || message.attempts >= policy.maxAttempts;
    const retryAt = new Date(
      now.getTime() + Math.max(backoffDelayMs(message.attempts, policy), retryAfterMs),
    );
    const changed = await markMessageAttemptFailed(
      trx,
      message.id,
      error,
      givesUp ? { failedAt: now } : { retryAt },
    );
    if (changed) {
      await appendAudit(trx, {
        occurredAt: now,
        actor: auditActor,
        action: isRefused
          ? 'outbox_message.refused'
          : givesUp
            ? 'outbox_message.failed'
            : 'outbox_message.attempt_failed',
        subjectType: 'outbox_message',
        subjectId: String(message.id),
        details: { ...details, error, ...(givesUp ? {} : { retryAt: retryAt.toISOString() }) },
      });
    }
    return givesUp ? 'failed' : 'retried';
  });
}
