/** The state of a circuit breaker. */
export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failed requests that open the circuit. */
  readonly failureThreshold: number;
  /** How long the circuit stays open before one trial request is let through. */
  readonly coolDownMs: number;
}

/**
 * A circuit breaker per remote system: after `failureThreshold` consecutive failures it
 * opens and refuses calls at once (no waiting on a dead registry); after `coolDownMs` it
 * half-opens and lets one trial request through — success closes it, failure reopens it.
 * Time is passed in, so tests skip time instead of sleeping. State is per process.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | undefined;
  private isTrialInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions) {}

  /** The state at `now` (ms since the epoch). */
  state(now: number): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return now - this.openedAt >= this.options.coolDownMs ? 'half_open' : 'open';
  }

  /** Whether a request may go out now; in half-open state only one trial at a time. */
  tryAcquire(now: number): boolean {
    switch (this.state(now)) {
      case 'closed':
        return true;
      case 'open':
        return false;
      case 'half_open':
        if (this.isTrialInFlight) return false;
        this.isTrialInFlight = true;
        return true;
    }
  }

  /** When the circuit will let a trial through (ms since the epoch), if it is open. */
  retryAt(): number | undefined {
    return this.openedAt === undefined ? undefined : this.openedAt + this.options.coolDownMs;
  }

  recordSuccess(): void {
    this.consecutiveFailures = 0;
    this.openedAt = undefined;
    this.isTrialInFlight = false;
  }

  recordFailure(now: number): void {
    this.consecutiveFailures += 1;
    if (this.isTrialInFlight || this.consecutiveFailures >= this.options.failureThreshold) {
      this.openedAt = now;
    }
    this.isTrialInFlight = false;
  }
}
