import {
  getWorkingTime,
  Schedule,
  standardSchedules,
  type ProductionCalendar,
  type WorkingTime,
} from '../domain/calendar/index.js';
import type { ApplicationClock } from '../domain/application/fold.js';
import type { QueueRules } from '../domain/queue/QueueRules.js';
import type { RegulationCatalog } from '../domain/regulation/regulation-catalog.js';
import { DomainError, ErrorCode } from '../domain/shared/domain-error.js';
import type { Transaction } from 'kysely';
import type { Database } from '../storage/db.js';
import type { Tables } from '../storage/schema.js';

type Executor = Database | Transaction<Tables>;
import {
  findOrganisation,
  organisationWriteCount,
  type OrganisationRow,
} from '../storage/organisation.repository.js';

/** What the application use cases need from their surroundings; built once at boot. */
export interface ApplicationServices {
  readonly db: Database;
  readonly regulations: RegulationCatalog;
  readonly calendar: ProductionCalendar;
  /** The clock; injected so tests skip time. */
  readonly now: () => Date;
  /**
   * A sandbox installation (docs/sandbox.md): submissions may name an "as of" date. Absent or
   * false everywhere else, where an "as of" date is refused.
   */
  readonly sandbox?: boolean;
  /**
   * Sandbox only: the past day (YYYY-MM-DD) a portal request acts "as of" — the catalogue, the
   * providers offered, the draft's checks and the submission use it instead of today. Set per
   * request by the web layer (src/http/web/portal/as-of.ts), never in a production installation.
   */
  readonly asOf?: string;
  /** The kindergarten queue's rules by region (queue-rules/, issue 19); absent: no region runs a queue. */
  readonly queueRules?: ReadonlyMap<string, QueueRules>;
}

/**
 * The instant on an application's own clock: the real clock for every real application, the
 * real clock shifted by the application's offset for a sandbox application made "as of" a past
 * date (docs/sandbox.md). Every `now` the engine uses for an application goes through this.
 */
export function applicationNow(realNow: Date, clockOffsetMs: number | null | undefined): Date {
  return clockOffsetMs ? new Date(realNow.getTime() + clockOffsetMs) : realNow;
}

/** An organisation's working time: its own schedule if it has one, else the standard of its kind. */
export function workingTimeOf(
  services: ApplicationServices,
  organisation: OrganisationRow,
): WorkingTime {
  const schedule = organisation.customSchedule
    ? Schedule.parse(organisation.customSchedule)
    : organisation.scheduleKind === 'front_office'
      ? standardSchedules['front-office']
      : standardSchedules['provider-office'];
  return getWorkingTime({ calendar: services.calendar, schedule, timeZone: organisation.timeZone });
}

/**
 * How long an organisation row read by a command is reused (monotonic milliseconds). Rows
 * change rarely (seed-organisations); a change made in this process is seen at once, one
 * made by another process within this time.
 */
export const organisationCacheMs = 5_000;

const organisationReads = new WeakMap<
  Database,
  Map<string, { value: unknown; until: number; writes: number }>
>();

/**
 * A read of organisation rows, reused per database for {@link organisationCacheMs} and until an
 * organisation is written in this process; `key` names the read. A failed read is not kept.
 */
export async function cachedOrganisationRead<T>(
  services: Pick<ApplicationServices, 'db'>,
  key: string,
  read: () => Promise<T>,
): Promise<T> {
  let cache = organisationReads.get(services.db);
  if (!cache) {
    cache = new Map();
    organisationReads.set(services.db, cache);
  }
  const moment = performance.now();
  const writes = organisationWriteCount();
  const cached = cache.get(key);
  if (cached && cached.until > moment && cached.writes === writes) return cached.value as T;
  const value = await read();
  cache.set(key, { value, until: moment + organisationCacheMs, writes });
  return value;
}

/**
 * The organisation, or a validation error naming the field it came from. Rows are cached per
 * database ({@link cachedOrganisationRead}: a command reads the same few organisations over
 * and over); misses are not cached. `db` may be the transaction (the embedded database has
 * a single connection); `services.db` keys the cache.
 */
export async function getOrganisation(
  services: Pick<ApplicationServices, 'db'>,
  db: Executor,
  id: string,
  field: string,
): Promise<OrganisationRow> {
  const organisation = await cachedOrganisationRead(services, `organisation:${id}`, async () => {
    const row = await findOrganisation(db, id);
    if (!row) {
      throw new DomainError(ErrorCode.validationFailed, {
        issues: [{ path: field, rule: 'unknown_organisation', params: { id } }],
      });
    }
    return row;
  });
  return organisation;
}

/**
 * The working times under which an application's deadlines are counted. `db` is the
 * transaction when called inside one (the embedded database has a single connection).
 */
export async function clockOf(
  services: ApplicationServices,
  db: Executor,
  providerOrganisationId: string,
  frontOfficeId: string | undefined,
): Promise<{ clock: ApplicationClock; provider: OrganisationRow }> {
  const provider = await getOrganisation(
    services,
    db,
    providerOrganisationId,
    'providerOrganisationId',
  );
  const frontOffice = frontOfficeId
    ? await getOrganisation(services, db, frontOfficeId, 'frontOfficeId')
    : undefined;
  return {
    provider,
    clock: {
      provider: workingTimeOf(services, provider),
      ...(frontOffice ? { frontOffice: workingTimeOf(services, frontOffice) } : {}),
    },
  };
}
