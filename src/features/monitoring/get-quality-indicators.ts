import { createHash } from 'node:crypto';
import type { Principal } from '../../domain/identity/authorisation.js';
import {
  districtOf,
  regionLevel,
  type OrganisationNode,
} from '../../domain/monitoring/districts.js';
import {
  indicatorsOf,
  type CountRow,
  type Indicators,
} from '../../domain/monitoring/indicators.js';
import type { Period } from '../../domain/monitoring/period.js';
import type { Channel } from '../../domain/regulation/Channel.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { LocalizedText } from '../../domain/shared/locale.js';
import {
  cachedOrganisationRead,
  type ApplicationServices,
} from '../../engine/application-services.js';
import { countOverdueNow, sumCounts } from '../../storage/monitoring-query.repository.js';
import { readSummaryVersion } from '../../storage/monitoring.repository.js';
import { listOrganisations, type OrganisationRow } from '../../storage/organisation.repository.js';
import { monitoringRegionOf } from './monitoring-scope.js';

/** A view of the indicators: the period and how far down the drill-down went. */
export interface QualityQuery {
  readonly period: Period;
  /** System administrators only: one region (a region administrator always sees their own). */
  readonly regionCode?: string;
  /** A district id, or `region-level` for organisations outside any district. */
  readonly districtId?: string;
  readonly providerId?: string;
  readonly serviceCode?: string;
  readonly channel?: Channel;
}

/** What the rows of a view are: the next level down. */
export type QualityLevel = 'district' | 'provider' | 'service';

/** One row of a view: a district, provider or service with its indicators. */
export interface QualityRow {
  readonly key: string;
  readonly name: LocalizedText;
  readonly indicators: Indicators;
}

/** A view: the slice's totals and one row per district, provider or service below it. */
export interface QualityView {
  readonly query: QualityQuery;
  readonly regionCode: string | undefined;
  readonly level: QualityLevel;
  readonly total: Indicators;
  readonly rows: readonly QualityRow[];
  /** Names of what the filters name (district, provider, service), for headings. */
  readonly names: {
    readonly district?: LocalizedText;
    readonly provider?: LocalizedText;
    readonly service?: LocalizedText;
  };
  /** The providers the slice covers: the filter of the lists behind a number. */
  readonly providerIds: readonly string[] | undefined;
}

/** The region's organisations with their districts, worked out once per read of them. */
function organisationTreeOf(organisations: readonly OrganisationRow[]) {
  const tree = new Map<string, OrganisationNode>(organisations.map((row) => [row.id, row]));
  const byId = new Map(organisations.map((row) => [row.id, row]));
  const districts = new Map<string, string>();
  // Every summed row asks for its provider's district (a walk up the tree): memoised.
  const districtKey = (providerId: string) => {
    let key = districts.get(providerId);
    if (key === undefined)
      districts.set(providerId, (key = districtOf(tree, providerId) ?? regionLevel));
    return key;
  };
  // The region's rows are districts: each provider's district, and a digest of it for the
  // memo's key (a provider moved to another district moves its sums).
  const districtOfProvider = new Map(organisations.map((row) => [row.id, districtKey(row.id)]));
  return {
    organisations,
    byId,
    districtKey,
    districtOfProvider,
    districtOfProviderKey: createHash('sha256')
      .update(JSON.stringify([...districtOfProvider]))
      .digest('base64url'),
  };
}

/**
 * The quality indicators (issue 20) of an administrator's region for a period, filtered by
 * district, provider, service and channel, with one row per district (region view), provider
 * (district view) or service (provider view). Sums the summary table and counts the overdue
 * open applications; never scans the applications. No personal data, so no audit row.
 */
export async function getQualityIndicators(
  services: ApplicationServices,
  principal: Principal,
  query: QualityQuery,
): Promise<QualityView> {
  const scope = monitoringRegionOf(principal);
  const regionCode = scope.regionCode ?? query.regionCode;
  // The region's organisations and their districts, read as the commands read organisation
  // rows (reused for seconds, dropped at once by a change made here): every view needs them.
  const { organisations, byId, districtKey, districtOfProvider, districtOfProviderKey } =
    await cachedOrganisationRead(
      services,
      `monitoring-organisations:${regionCode ?? ''}`,
      async () =>
        organisationTreeOf(await listOrganisations(services.db, regionCode ? { regionCode } : {})),
    );

  if (query.providerId !== undefined && !byId.has(query.providerId)) {
    throw new DomainError(ErrorCode.notFound, { providerId: query.providerId });
  }
  if (
    query.districtId !== undefined &&
    query.districtId !== regionLevel &&
    !byId.has(query.districtId)
  ) {
    throw new DomainError(ErrorCode.notFound, { districtId: query.districtId });
  }
  const providerIds = query.providerId
    ? [query.providerId]
    : query.districtId
      ? organisations.map((row) => row.id).filter((id) => districtKey(id) === query.districtId)
      : undefined;

  const filter = {
    ...(regionCode ? { regionCode } : {}),
    ...(providerIds ? { providerIds } : {}),
    ...(query.serviceCode ? { serviceCode: query.serviceCode } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
  };
  const level: QualityLevel = query.providerId
    ? 'service'
    : query.districtId
      ? 'provider'
      : 'district';
  const keyOf = (row: { providerOrganisationId: string; serviceCode: string }) =>
    level === 'service'
      ? row.serviceCode
      : level === 'provider'
        ? row.providerOrganisationId
        : districtKey(row.providerOrganisationId);
  const groupProviders = level === 'district' ? districtOfProvider : undefined;
  // The summed part of the view is memoised under the summary's version, read before summing
  // (docs/monitoring.md, "The overview's memo"); "overdue now" depends on the clock and is
  // counted exactly on every view, side by side with the summed part.
  const summed = async (): Promise<Summed> => {
    const version = await readSummaryVersion(services.db);
    const memoKey = JSON.stringify([
      query.period.grain,
      query.period.from,
      query.period.to,
      regionCode ?? '',
      level,
      providerIds ?? null,
      query.serviceCode ?? '',
      query.channel ?? '',
      // The region's rows are districts: a provider moved to another district moves its sums.
      groupProviders ? districtOfProviderKey : null,
    ]);
    const memo = memoOf(services.db);
    const found = memo.get(memoKey);
    if (found && found.version === version) {
      // Most recently used last: the oldest view is the first to go when the memo is full.
      memo.delete(memoKey);
      memo.set(memoKey, found);
      // Views that miss at once (right after a round) share one summing.
      return found.summed;
    }
    const summing = (async (): Promise<Summed> => {
      const counts = await sumCounts(services.db, {
        grain: query.period.grain,
        from: query.period.from,
        to: query.period.to,
        ...filter,
        // Rows of districts and providers need no service, and the region's rows no provider:
        // summed in the database, so the server folds a few hundred rows, not one per provider.
        byService: level === 'service',
        ...(groupProviders ? { groupProviders } : {}),
      });
      const grouped = new Map<string, CountRow[]>();
      for (const row of counts) {
        const key = keyOf(row);
        let group = grouped.get(key);
        if (!group) grouped.set(key, (group = []));
        group.push(row);
      }
      return {
        total: indicatorsOf(counts, 0),
        groups: new Map([...grouped].map(([key, rows]) => [key, indicatorsOf(rows, 0)])),
      };
    })();
    // A view that read an older version than the memo's (a round committed in between) sums
    // for itself and leaves the newer entry.
    if (found && BigInt(found.version) > BigInt(version)) return summing;
    const entry: MemoEntry = { version, summed: summing };
    memo.delete(memoKey);
    memo.set(memoKey, entry);
    while (memo.size > memoLimit) memo.delete(memo.keys().next().value!);
    // A failed read is not kept: the next view tries again.
    summing.catch(() => {
      if (memo.get(memoKey) === entry) memo.delete(memoKey);
    });
    return summing;
  };
  const [sums, overdue] = await Promise.all([
    summed(),
    countOverdueNow(services.db, filter, services.now()),
  ]);

  const overdueByKey = new Map<string, number>();
  for (const row of overdue) {
    const key = keyOf(row);
    overdueByKey.set(key, (overdueByKey.get(key) ?? 0) + row.count);
  }
  const withoutCounts = indicatorsOf([], 0);
  const groups = new Map<string, Indicators>();
  for (const [key, indicators] of sums.groups) {
    groups.set(key, { ...indicators, overdueNow: overdueByKey.get(key) ?? 0 });
  }
  for (const [key, count] of overdueByKey) {
    if (!groups.has(key)) groups.set(key, { ...withoutCounts, overdueNow: count });
  }

  const nameOfOrganisation = (id: string): LocalizedText => {
    const row: OrganisationRow | undefined = byId.get(id);
    return row ? { kk: row.nameKk, ru: row.nameRu, en: row.nameRu } : unnamedOrganisation;
  };
  const nameOf = (key: string): LocalizedText =>
    level === 'service'
      ? serviceName(services, key)
      : key === regionLevel
        ? regionLevelName
        : nameOfOrganisation(key);
  const rows = [...groups]
    .map(([key, indicators]) => ({ key, name: nameOf(key), indicators }))
    .sort((a, b) => (a.name.ru < b.name.ru ? -1 : a.name.ru > b.name.ru ? 1 : 0));
  return {
    query,
    regionCode,
    level,
    total: { ...sums.total, overdueNow: overdue.reduce((sum, row) => sum + row.count, 0) },
    rows,
    names: {
      ...(query.districtId
        ? {
            district:
              query.districtId === regionLevel
                ? regionLevelName
                : nameOfOrganisation(query.districtId),
          }
        : {}),
      ...(query.providerId ? { provider: nameOfOrganisation(query.providerId) } : {}),
      ...(query.serviceCode ? { service: serviceName(services, query.serviceCode) } : {}),
    },
    providerIds,
  };
}

/** The summed part of a view: every indicator but "overdue now". */
interface Summed {
  readonly total: Indicators;
  readonly groups: ReadonlyMap<string, Indicators>;
}

/** A view's sums (being read, or read) under the summary version read before summing. */
interface MemoEntry {
  readonly version: string;
  readonly summed: Promise<Summed>;
}

/** Views kept per database (most recently used last); a view's entry is a few kilobytes. */
const memoLimit = 256;
const memos = new WeakMap<object, Map<string, MemoEntry>>();
function memoOf(db: object): Map<string, MemoEntry> {
  let memo = memos.get(db);
  if (!memo) memos.set(db, (memo = new Map()));
  return memo;
}

/** The organisations of a region outside any district. */
export const regionLevelName: LocalizedText = {
  kk: 'Облыстық деңгейдегі ұйымдар',
  ru: 'Организации областного уровня',
  en: 'Region-level organisations',
};

/** What stands for a service no regulation or vocabulary names: never its code. */
export const unnamedService: LocalizedText = {
  kk: 'атауы жоқ қызмет',
  ru: 'услуга без наименования',
  en: 'unnamed service',
};

/** What stands for an organisation no longer in the directory: never its id. */
export const unnamedOrganisation: LocalizedText = {
  kk: 'анықтамалықта жоқ ұйым',
  ru: 'организация не найдена в справочнике',
  en: 'organisation not in the directory',
};

/**
 * The name of a service: its latest regulation's, else the vocabulary's (a service whose
 * regulations are not loaded), else {@link unnamedService} — never the code.
 */
export function serviceName(services: ApplicationServices, serviceCode: string): LocalizedText {
  const regulation = [...services.regulations.all]
    .filter((candidate) => candidate.service === serviceCode)
    .sort((a, b) => (a.version < b.version ? 1 : -1))[0];
  return (
    regulation?.name ??
    services.regulations.vocabulary.findService(serviceCode)?.name ??
    unnamedService
  );
}
