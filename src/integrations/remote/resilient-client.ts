import { DomainError } from '../../domain/shared/domain-error.js';
import { CircuitBreaker } from './circuit-breaker.js';

/** How an HTTP adapter talks to a remote registry. All times in milliseconds. */
export interface ResilienceOptions {
  /** Per attempt, covering the response body. */
  readonly timeoutMs: number;
  /** Retries after the first attempt, on network errors, timeouts and 5xx. */
  readonly maxRetries: number;
  /** Backoff before retry n (0-based): min(backoffMaxMs, backoffBaseMs × 2^n). */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly failureThreshold: number;
  readonly coolDownMs: number;
  /** The clock of the breaker (ms since the epoch). */
  readonly now: () => number;
  /** How to wait between retries; tests pass a recorder that does not wait. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly fetch: typeof fetch;
}

export const defaultResilience: ResilienceOptions = {
  timeoutMs: 5_000,
  maxRetries: 2,
  backoffBaseMs: 200,
  backoffMaxMs: 2_000,
  failureThreshold: 5,
  coolDownMs: 30_000,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  fetch: (input, init) => fetch(input, init),
};

/** Seconds a caller should wait before repeating a call refused because a registry did not answer. */
export const registryRetryAfterSeconds = 5;

/** The JSON answer of a remote call that reached the registry (2xx or 4xx). */
export interface RemoteAnswer {
  readonly status: number;
  readonly body: unknown;
}

export type FailureReason =
  'timeout' | 'network' | 'server_error' | 'circuit_open' | 'bad_response';

/** The backoff before retry `retry` (0-based). */
export function backoffDelay(
  options: Pick<ResilienceOptions, 'backoffBaseMs' | 'backoffMaxMs'>,
  retry: number,
): number {
  return Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** retry);
}

/**
 * A JSON-over-HTTP client for one remote system with a per-attempt timeout, retries with
 * exponential backoff on network errors, timeouts and 5xx, and a circuit breaker. When the
 * system cannot be reached it throws DomainError('registry_unavailable') marked retryable,
 * with { system, operation, reason, attempts } in the details.
 */
export class ResilientClient {
  readonly breaker: CircuitBreaker;
  private readonly options: ResilienceOptions;

  constructor(
    readonly system: string,
    private readonly baseUrl: string,
    options: Partial<ResilienceOptions> = {},
  ) {
    this.options = { ...defaultResilience, ...options };
    this.breaker = new CircuitBreaker(this.options);
  }

  /** Sends one request; answers with status and parsed JSON for 2xx and 4xx. */
  async request(
    operation: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<RemoteAnswer> {
    const { options } = this;
    let reason: FailureReason = 'network';
    let detail = '';
    let attempts = 0;
    for (let retry = 0; retry <= options.maxRetries; retry += 1) {
      if (!this.breaker.tryAcquire(options.now())) {
        throw this.unavailable(
          operation,
          attempts === 0 ? 'circuit_open' : reason,
          attempts,
          detail,
        );
      }
      attempts += 1;
      try {
        const response = await options.fetch(new URL(path, this.baseUrl), {
          method,
          headers:
            body === undefined
              ? { accept: 'application/json' }
              : { 'content-type': 'application/json', accept: 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const text = await response.text();
        if (response.status >= 500) {
          reason = 'server_error';
          detail = `HTTP ${response.status}`;
          this.breaker.recordFailure(options.now());
        } else {
          this.breaker.recordSuccess();
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            throw this.unavailable(
              operation,
              'bad_response',
              attempts,
              `HTTP ${response.status}: not JSON`,
              false,
            );
          }
          return { status: response.status, body: parsed };
        }
      } catch (error) {
        if (error instanceof DomainError) throw error;
        const name = (error as Error).name;
        reason = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network';
        detail = describe(error);
        this.breaker.recordFailure(options.now());
      }
      if (retry < options.maxRetries) await options.sleep(backoffDelay(options, retry));
    }
    throw this.unavailable(operation, reason, attempts, detail);
  }

  private unavailable(
    operation: string,
    reason: FailureReason,
    attempts: number,
    detail: string,
    isRetryable = true,
  ): DomainError {
    const retryAt = this.breaker.retryAt();
    const isOpen = reason === 'circuit_open' && retryAt !== undefined;
    return new DomainError(
      'registry_unavailable',
      {
        system: this.system,
        operation,
        reason,
        attempts,
        ...(isOpen ? { retryAt: new Date(retryAt).toISOString() } : {}),
        // A retryable refusal says when to try again (the HTTP edge sends it as Retry-After):
        // when the circuit lets a trial through, else after a short pause.
        ...(isRetryable
          ? {
              retryAfterSeconds: isOpen
                ? Math.max(1, Math.ceil((retryAt - this.options.now()) / 1_000))
                : registryRetryAfterSeconds,
            }
          : {}),
      },
      `${this.system}.${operation}: ${reason}${detail ? ` (${detail})` : ''} after ${attempts} attempt(s)`,
      isRetryable,
    );
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}
