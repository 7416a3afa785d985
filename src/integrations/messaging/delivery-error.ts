/**
 * A delivery that did not happen, marked retryable or not (house style: side-effect failures
 * are marked). Retryable: the relay or gateway is down, slow, busy, or refuses our credentials
 * (a configuration to fix, not the message's fault) — the outbox tries again with backoff.
 * Not retryable: the relay or gateway refused this message for good (an SMTP 5xx such as 550
 * "no such mailbox", an HTTP 4xx such as 400 or 422 "not a valid number") — the outbox records
 * the refusal and never sends it again.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly isRetryable: boolean,
    /** How long the other side asked us to wait (Retry-After), when it said. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}

/** Whether `error` says the message must not be sent again. */
export function isPermanentRefusal(error: unknown): boolean {
  return error instanceof DeliveryError && !error.isRetryable;
}
