import { DeliveryError } from '../messaging/delivery-error.js';
import type { SmsSender } from './sms-sender.js';

/** The SMS gateway: SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN, SMS_GATEWAY_SENDER, DELIVERY_TIMEOUT_MS. */
export interface SmsGatewaySettings {
  readonly url: string;
  readonly token: string;
  readonly sender?: string;
  readonly timeoutMs: number;
}

/** Retry-After in seconds or as an HTTP date; milliseconds from now, capped at a day. */
function retryAfterMsOf(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d{1,9}$/.test(header.trim()) ? Number(header.trim()) * 1000 : undefined;
  const ms = seconds ?? Date.parse(header) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 24 * 60 * 60_000) : undefined;
}

/**
 * SMS through an HTTP gateway (docs/operations.md, "SMS gateway"): one `POST` of JSON
 * `{ to, text, sender?, reference? }` with `Authorization: Bearer <token>` and, when the
 * message has one, `Idempotency-Key: <reference>` — the same on every attempt of one message,
 * so a gateway can drop a repeat whose first answer was lost. Any 2xx accepts. Retried later:
 * no answer within the timeout, a refused or broken connection, 408, 425, 429, any 5xx, and
 * 401/403 (our token: the installation's to fix, not the message's fault), honouring
 * Retry-After. Refused for good: any other answer (400, 422: not a valid number or text…).
 * Neither the text nor the gateway's answer is put into the error (codes are secrets).
 */
export function createHttpSmsSender(settings: SmsGatewaySettings): SmsSender {
  return {
    async send(message) {
      let response: Response;
      try {
        response = await fetch(settings.url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${settings.token}`,
            'content-type': 'application/json',
            accept: 'application/json',
            ...(message.reference ? { 'idempotency-key': message.reference } : {}),
          },
          body: JSON.stringify({
            to: message.phone,
            text: message.text,
            ...(settings.sender ? { sender: settings.sender } : {}),
            ...(message.reference ? { reference: message.reference } : {}),
          }),
          signal: AbortSignal.timeout(settings.timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        const isTimeout = error instanceof Error && error.name === 'TimeoutError';
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        throw new DeliveryError(
          isTimeout
            ? `SMS gateway: no answer within ${settings.timeoutMs} ms`
            : `SMS gateway unreachable${cause ? ` (${cause})` : ''}`,
          true,
          undefined,
          { cause: error },
        );
      }
      // The answer's body is not needed; reading it frees the connection.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      const status = response.status;
      const isRetryable =
        status >= 500 || [401, 403, 408, 425, 429].includes(status) || status < 400;
      throw new DeliveryError(
        `SMS gateway answered ${status}`,
        isRetryable,
        isRetryable ? retryAfterMsOf(response.headers.get('retry-after'), Date.now()) : undefined,
      );
    },
  };
}
