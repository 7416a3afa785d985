import type { Principal } from '../../domain/identity/authorisation.js';
import { measures, type Measure } from '../../domain/monitoring/contributions.js';
import {
  listApplicationsBehind as listBehind,
  listOverdueNow,
  type ApplicationBehind,
} from '../../storage/monitoring-query.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { getQualityIndicators, type QualityQuery } from './get-quality-indicators.js';

export type { ApplicationBehind };

/** The measures a list can be asked for: every counted measure, and the live overdue one. */
export const listableMeasures = [...measures, 'overdue_now'] as const;
export type ListableMeasure = (typeof listableMeasures)[number];

/** At most this many applications per page of a list. */
export const applicationsPageSize = 200;

/**
 * The applications behind a number of a view (issue 20): those whose contribution has the
 * measure (and detail) in the period and slice, or — `overdue_now` — open past their due now.
 * Numbers, service, provider, dates and step: no personal data. Same scope as the view.
 */
export async function listApplicationsBehindNumber(
  services: ApplicationServices,
  principal: Principal,
  query: QualityQuery & { measure: ListableMeasure; detail?: string; page: number },
): Promise<ApplicationBehind[]> {
  // The view checks the scope and resolves district and provider to the providers they cover.
  const view = await getQualityIndicators(services, principal, query);
  const filter = {
    ...(view.regionCode ? { regionCode: view.regionCode } : {}),
    ...(view.providerIds ? { providerIds: view.providerIds } : {}),
    ...(query.serviceCode ? { serviceCode: query.serviceCode } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    limit: applicationsPageSize,
    offset: Math.max(0, query.page - 1) * applicationsPageSize,
  };
  if (query.measure === 'overdue_now') {
    return listOverdueNow(services.db, filter, services.now());
  }
  return listBehind(services.db, {
    ...filter,
    measure: query.measure satisfies Measure,
    ...(query.detail !== undefined ? { detail: query.detail } : {}),
    from: query.period.from,
    to: query.period.to,
  });
}
