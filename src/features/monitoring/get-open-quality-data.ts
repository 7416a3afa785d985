import {
  indicatorsOf,
  satisfactionScore,
  type CountRow,
} from '../../domain/monitoring/indicators.js';
import { findPeriod, quarterOf, type Period } from '../../domain/monitoring/period.js';
import { normaliseRegionCode } from '../../domain/regulation/vocabulary-index.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { LocalizedText } from '../../domain/shared/locale.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { sumCounts } from '../../storage/monitoring-query.repository.js';
import { serviceName } from './get-quality-indicators.js';
import { kazakhstanDay } from '../../domain/calendar/kazakhstan-day.js';

/** The published figures of one slice (a region, or a service in a region). */
export interface OpenQualityFigures {
  readonly received: number;
  readonly completed: number;
  readonly completedOnTime: number;
  /** completedOnTime / completed in percent, one decimal; null when nothing completed. */
  readonly onTimePercent: number | null;
  /** Nearest-rank median of the working time used, in whole percent of the term (100 = all of it). */
  readonly medianDurationPercentOfTerm: number | null;
  /** Satisfaction on the five-point scale (satisfied 5, partially 3, not 1), two decimals. */
  readonly satisfactionScore: number | null;
  /** Questionnaires answered (each with both questions). */
  readonly questionnairesAnswered: number;
}

/** A service's figures in a region. */
export interface OpenQualityService extends OpenQualityFigures {
  readonly serviceCode: string;
  readonly serviceName: LocalizedText;
}

/** A region's totals and its services. */
export interface OpenQualityRegion {
  readonly regionCode: string;
  readonly regionName: LocalizedText;
  readonly total: OpenQualityFigures;
  readonly services: readonly OpenQualityService[];
}

/** The open data set of a period. */
export interface OpenQualityData {
  readonly period: string;
  /** First day (inclusive) and the day after the last (exclusive), local dates. */
  readonly from: string;
  readonly to: string;
  readonly regions: readonly OpenQualityRegion[];
}

/** The current quarter in Kazakhstan (the default period). */
export function currentQuarterText(now: Date): string {
  return quarterOf(kazakhstanDay(now));
}

function figuresOf(rows: readonly CountRow[]): OpenQualityFigures {
  const indicators = indicatorsOf(rows, 0);
  return {
    received: indicators.received,
    completed: indicators.completed,
    completedOnTime: indicators.completedOnTime,
    onTimePercent: indicators.onTimePercent ?? null,
    medianDurationPercentOfTerm: indicators.durationMedianPercent ?? null,
    satisfactionScore: satisfactionScore(indicators) ?? null,
    questionnairesAnswered: indicators.questionnaire.answered,
  };
}

const byRussianName = (a: { name: LocalizedText }, b: { name: LocalizedText }) =>
  a.name.ru < b.name.ru ? -1 : a.name.ru > b.name.ru ? 1 : 0;

/**
 * The public quality figures (issue 20, open data): the on-time rate, the median duration and
 * the satisfaction score per region and per service in it, for a period (`2026`, `2026-Q4`,
 * `2026-11`, `2026-11-05`; default the current quarter). Sums the summary table
 * `monitoring_count` only — never the applications, never a person: no numbers, no IINs, no
 * names, no providers. Anyone may read it, so it takes no principal and writes no audit row.
 * An unknown period is a validation error; a region the vocabulary does not know is not found.
 */
export async function getOpenQualityData(
  services: ApplicationServices,
  query: { period?: string; region?: string },
): Promise<OpenQualityData> {
  const periodText = query.period ?? currentQuarterText(services.now());
  const period: Period | undefined = findPeriod(periodText);
  if (!period) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'period', rule: 'invalid_period', params: {} }],
    });
  }
  const vocabulary = services.regulations.vocabulary;
  if (query.region !== undefined && !vocabulary.findRegion(query.region)) {
    throw new DomainError(ErrorCode.notFound, { region: query.region });
  }
  const counts = await sumCounts(services.db, {
    grain: period.grain,
    from: period.from,
    to: period.to,
    ...(query.region ? { regionCode: query.region } : {}),
  });
  // Only what the published figures need: the rest of the counts never leaves this function.
  const regions = new Map<string, { all: CountRow[]; byService: Map<string, CountRow[]> }>();
  for (const row of counts) {
    const code = normaliseRegionCode(row.regionCode);
    let region = regions.get(code);
    if (!region) regions.set(code, (region = { all: [], byService: new Map() }));
    region.all.push(row);
    let service = region.byService.get(row.serviceCode);
    if (!service) region.byService.set(row.serviceCode, (service = []));
    service.push(row);
  }
  const unnamed: LocalizedText = { kk: '—', ru: '—', en: '—' };
  return {
    period: period.text,
    from: period.from,
    to: period.to,
    regions: [...regions]
      .map(([code, region]) => ({
        regionCode: code,
        name: vocabulary.findRegion(code)?.name ?? unnamed,
        region,
      }))
      .sort(byRussianName)
      .map(({ regionCode, name, region }) => ({
        regionCode,
        regionName: name,
        total: figuresOf(region.all),
        services: [...region.byService]
          .map(([serviceCode, rows]) => ({
            name: serviceName(services, serviceCode),
            rows,
            serviceCode,
          }))
          .sort(byRussianName)
          .map(({ serviceCode, name, rows }) => ({
            serviceCode,
            serviceName: name,
            ...figuresOf(rows),
          })),
      })),
  };
}
