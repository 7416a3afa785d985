import { addContributions, contributionsOf } from '../../domain/monitoring/contributions.js';
import { periodStartsOf } from '../../domain/monitoring/period.js';
import { clockOf, type ApplicationServices } from '../../engine/application-services.js';
import {
  claimDirtyApplications,
  loadMonitoringSources,
  saveMonitoringRound,
  type CountDelta,
  type StoredContributions,
} from '../../storage/monitoring.repository.js';

/** Dirty marks taken per round (one transaction each). */
export const monitoringBatchSize = 200;

/** What one round did. */
export interface MonitoringRound {
  /** Dirty marks taken (the runner drains while a round takes a full batch). */
  readonly claimed: number;
  /** Applications recomputed. */
  readonly applications: number;
  /** Applications whose log could not be folded (a broken regulation): left as counted before. */
  readonly skipped: number;
}

/**
 * One round of the worker's `monitoring` job (docs/monitoring.md): takes the applications the
 * writers marked dirty, recomputes each one's contribution from its action log
 * (`contributionsOf`), and moves the summary table by the difference — old contribution out,
 * new one in — in one transaction with the removal of the marks. One aggregator at a time;
 * a round that finds another at work does nothing. Idempotent: recomputing an unchanged
 * application moves nothing.
 */
export async function refreshIndicators(
  services: ApplicationServices,
  batchSize = monitoringBatchSize,
): Promise<MonitoringRound> {
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    const claim = await claimDirtyApplications(trx, batchSize);
    if (!claim || claim.markIds.length === 0) return { claimed: 0, applications: 0, skipped: 0 };
    const sources = await loadMonitoringSources(trx, claim.applicationIds);
    const deltas = new Map<string, CountDelta>();
    const move = (slice: StoredContributions, sign: 1 | -1) => {
      const byDay = new Map<string, number>();
      addContributions(byDay, slice.contributions as never, sign);
      for (const [key, delta] of byDay) {
        const [day = '', measure = '', detail = ''] = key.split('\u0000');
        for (const [grain, periodStart] of periodStartsOf(day)) {
          const base = {
            grain,
            regionCode: slice.regionCode,
            periodStart,
            providerOrganisationId: slice.providerOrganisationId,
            serviceCode: slice.serviceCode,
            channel: slice.channel,
            measure,
            detail,
          };
          const deltaKey = Object.values(base).join('\u0000');
          const current = deltas.get(deltaKey);
          deltas.set(deltaKey, { ...base, delta: (current?.delta ?? 0) + delta });
        }
      }
    };
    const computed: (StoredContributions & { applicationId: string; version: number })[] = [];
    let skipped = 0;
    for (const source of sources) {
      const slice = {
        regionCode: source.regionCode,
        providerOrganisationId: source.providerOrganisationId,
        serviceCode: source.serviceCode,
        channel: source.channel,
      };
      let contributions: StoredContributions['contributions'] = [];
      if (!source.isSandbox && source.events.length > 0) {
        try {
          const regulation = services.regulations.getById(source.regulationId);
          const { clock } = await clockOf(
            services,
            trx,
            source.providerOrganisationId,
            source.frontOfficeId,
          );
          contributions = contributionsOf(regulation, source.events, clock, now.getTime());
        } catch {
          skipped += 1;
          continue;
        }
      }
      if (source.previous) move(source.previous, -1);
      const next = { ...slice, contributions };
      move(next, 1);
      computed.push({ ...next, applicationId: source.applicationId, version: source.version });
    }
    await saveMonitoringRound(trx, {
      deltas: [...deltas.values()].filter((delta) => delta.delta !== 0),
      computed,
      markIds: claim.markIds,
      now,
    });
    return { claimed: claim.markIds.length, applications: computed.length, skipped };
  });
}

/** Runs rounds until no mark is left: tests, the bench and `qyzmet` commands use it. */
export async function refreshAllIndicators(services: ApplicationServices): Promise<number> {
  let total = 0;
  for (;;) {
    const round = await refreshIndicators(services);
    total += round.applications;
    if (round.claimed < monitoringBatchSize) return total;
  }
}
