import type { ApiTokenRow } from '../../storage/api-token.repository.js';
import type { Database } from '../../storage/db.js';

/** A token found active, as the database answered, with the time it answered. */
export type ActiveApiToken = ApiTokenRow & { isStaffActive: boolean | null };

/** How long a token the database found active is trusted without asking again. */
export const apiTokenTrustMs = 5_000;

/**
 * The API tokens this process found active in the last few seconds, by hash (issue 21: an API
 * token lookup need not be a query per request). A revocation or a deactivation made through
 * this process takes effect at once (`forget`); one made by another node, or directly in the
 * database, within `ttlMs` (5 s) on every node. Only tokens found active are kept (an unknown
 * token is asked of the database every time, so nobody fills the cache with guesses); bounded,
 * the oldest dropped first. Its clock is monotonic, not the business clock a test may stop.
 */
export class ApiTokenCache {
  readonly #entries = new Map<string, { token: ActiveApiToken; checkedAt: number }>();

  constructor(
    readonly ttlMs = apiTokenTrustMs,
    private readonly clock: () => number = () => performance.now(),
    private readonly maxEntries = 10_000,
  ) {}

  /** The token found active less than `ttlMs` ago, if any. */
  get(hash: string): ActiveApiToken | undefined {
    const entry = this.#entries.get(hash);
    if (!entry) return undefined;
    if (this.clock() - entry.checkedAt < this.ttlMs) return entry.token;
    this.#entries.delete(hash);
    return undefined;
  }

  /** Keeps a token the database just found active. */
  remember(hash: string, token: ActiveApiToken): void {
    this.#entries.delete(hash);
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(hash, { token, checkedAt: this.clock() });
  }

  /** Records a use written to the database (kept with the token, so it is written once a minute). */
  touched(hash: string, lastUsedAt: Date): void {
    const entry = this.#entries.get(hash);
    if (entry) entry.token = { ...entry.token, lastUsedAt };
  }

  /** Forgets every token: after a revocation or a deactivation made through this process. */
  forget(): void {
    this.#entries.clear();
  }
}

const caches = new WeakMap<Database, ApiTokenCache>();

/** The cache of the tokens of one database (one per database a process opens). */
export function apiTokenCacheOf(db: Database): ApiTokenCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ApiTokenCache();
    caches.set(db, cache);
  }
  return cache;
}
