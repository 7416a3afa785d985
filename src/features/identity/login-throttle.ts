import type { Transaction } from 'kysely';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { Database } from '../../storage/db.js';
import {
  clearAccountLoginThrottles,
  clearLoginThrottles,
  countLoginFailure,
  delayLoginAttempts,
  findLoginThrottles,
} from '../../storage/login-throttle.repository.js';
import type { Tables } from '../../storage/schema.js';

type Executor = Database | Transaction<Tables>;

/** A growing delay: free failures, then `firstDelayMs` doubling with each failure up to a cap. */
export interface GrowingDelay {
  readonly freeFailures: number;
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * How wrong passwords slow an account down (issue 16, defect 6). There is no hard lock:
 *
 * - **per account and client address**: after 5 wrong passwords in a row from one address,
 *   that address waits 30 s, then 1, 2, 4, 8 and at most 15 minutes between attempts;
 * - **per account from every address together**: after 20 in a row, every address waits
 *   1 s, doubling up to at most 1 minute — so guessing from many addresses gains at most one
 *   try a minute, while the owner, at their own address, is never held back longer than that.
 *
 * A correct password clears both counters; a password reset with the one-time code sent to
 * the registered phone (the second-factor path, which this throttle never touches) clears
 * every counter of the account. Counters forget after a day without failures.
 */
export interface LoginThrottlePolicy {
  readonly perSource: GrowingDelay;
  readonly perAccount: GrowingDelay;
  readonly forgetAfterMs: number;
}

export const defaultLoginThrottlePolicy: LoginThrottlePolicy = {
  perSource: { freeFailures: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000 },
  perAccount: { freeFailures: 20, firstDelayMs: 1_000, maxDelayMs: 60_000 },
  forgetAfterMs: 24 * 60 * 60_000,
};

/** The throttle keys of one sign-in attempt: the account's own and the account from this address. */
export interface LoginThrottleKeys {
  readonly account: string;
  readonly source: string;
}

/**
 * The keys for an attempt on `kind`'s account with this IIN from `source` (a client address).
 * Keyed by the IIN as typed, so an IIN without an account behaves exactly like one with
 * (no enumeration by the throttle).
 */
export function loginThrottleKeys(
  kind: 'citizen' | 'staff',
  iin: string,
  source: string,
): LoginThrottleKeys {
  const account = `${kind}:${iin.slice(0, 20)}`;
  return { account, source: `${account}@${source.slice(0, 100)}` };
}

/** The delay after `failures` consecutive failures; 0 while they are free. */
export function delayAfter(failures: number, delay: GrowingDelay): number {
  if (failures < delay.freeFailures) return 0;
  const doublings = Math.min(failures - delay.freeFailures, 30);
  return Math.min(delay.firstDelayMs * 2 ** doublings, delay.maxDelayMs);
}

/**
 * Refuses an attempt that comes before its delay has passed:
 * DomainError('rate_limited', { reason: 'login_locked', retryAfterSeconds }). The password is
 * not even checked then.
 */
export async function assertLoginAllowed(
  db: Executor,
  keys: LoginThrottleKeys,
  now: Date,
): Promise<void> {
  const rows = await findLoginThrottles(db, [keys.account, keys.source]);
  const until = Math.max(0, ...rows.map((row) => row.delayedUntil.getTime()));
  if (until <= now.getTime()) return;
  throw new DomainError(
    'rate_limited',
    { reason: 'login_locked', retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) },
    'sign-in delayed after repeated wrong passwords',
    true,
  );
}

/** The outcome of counting a wrong password. */
export interface LoginFailure {
  readonly failures: number;
  /** Until when the next attempt from this address must wait; undefined when it need not. */
  readonly delayedUntil: Date | undefined;
}

/** Counts a wrong password on both keys and sets the delays they have earned. */
export async function recordLoginFailure(
  db: Executor,
  keys: LoginThrottleKeys,
  now: Date,
  policy: LoginThrottlePolicy = defaultLoginThrottlePolicy,
): Promise<LoginFailure> {
  const forgetBefore = new Date(now.getTime() - policy.forgetAfterMs);
  const fromSource = await countLoginFailure(db, keys.source, now, forgetBefore);
  const overall = await countLoginFailure(db, keys.account, now, forgetBefore);
  const sourceDelay = delayAfter(fromSource, policy.perSource);
  const accountDelay = delayAfter(overall, policy.perAccount);
  if (sourceDelay > 0) {
    await delayLoginAttempts(db, keys.source, new Date(now.getTime() + sourceDelay));
  }
  if (accountDelay > 0) {
    await delayLoginAttempts(db, keys.account, new Date(now.getTime() + accountDelay));
  }
  const delay = Math.max(sourceDelay, accountDelay);
  return {
    failures: fromSource,
    delayedUntil: delay > 0 ? new Date(now.getTime() + delay) : undefined,
  };
}

/** A correct password: forgets the failures of the account and of this address. */
export async function clearLoginFailures(db: Executor, keys: LoginThrottleKeys): Promise<void> {
  await clearLoginThrottles(db, [keys.account, keys.source]);
}

/** A password reset by one-time code: forgets every counter of the account. */
export async function clearAccountLoginFailures(
  db: Executor,
  kind: 'citizen' | 'staff',
  iin: string,
): Promise<void> {
  await clearAccountLoginThrottles(db, loginThrottleKeys(kind, iin, '').account);
}
