import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures, half-opens after the cool-down with one trial', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 1_000 });
    expect(breaker.state(0)).toBe('closed');
    breaker.recordFailure(0);
    breaker.recordFailure(1);
    expect(breaker.tryAcquire(2)).toBe(true);
    breaker.recordFailure(2);
    expect(breaker.state(3)).toBe('open');
    expect(breaker.tryAcquire(1_001)).toBe(false);
    expect(breaker.state(1_002)).toBe('half_open');
    expect(breaker.tryAcquire(1_002)).toBe(true);
    expect(breaker.tryAcquire(1_002)).toBe(false); // only one trial at a time
    breaker.recordFailure(1_003); // the trial failed: open again for a full cool-down
    expect(breaker.state(2_002)).toBe('open');
    expect(breaker.state(2_003)).toBe('half_open');
    expect(breaker.tryAcquire(2_003)).toBe(true);
    breaker.recordSuccess();
    expect(breaker.state(2_004)).toBe('closed');
  });

  it('counts only consecutive failures', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 1_000 });
    breaker.recordFailure(0);
    breaker.recordSuccess();
    breaker.recordFailure(1);
    expect(breaker.state(2)).toBe('closed');
    breaker.recordFailure(2);
    expect(breaker.state(3)).toBe('open');
    expect(breaker.retryAt()).toBe(1_002);
  });
});
