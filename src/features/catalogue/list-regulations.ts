import { z } from 'zod';
import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import { RegionCode } from '../../domain/regulation/RegionCode.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { kazakhstanDay } from '../../domain/calendar/kazakhstan-day.js';

export const RegulationCatalogueQuery = z
  .object({
    region: RegionCode.optional().describe(
      'Only services applied in this region (a code of regulations/_vocabulary/regions.yaml)',
    ),
    date: z.iso.date().optional().describe('In force on this day (YYYY-MM-DD); default today'),
  })
  .strict();
export type RegulationCatalogueQuery = z.input<typeof RegulationCatalogueQuery>;

/** What the catalogue says about one regulation version applied in one region. */
function entryOf(regulation: RegulationDefinition, region: string) {
  return {
    id: regulation.id,
    serviceCode: regulation.service,
    name: regulation.name,
    region,
    issuer: regulation.region,
    effectiveFrom: regulation.effectiveFrom,
    effectiveTo: regulation.effectiveTo ?? null,
    providerKinds: regulation.providerKinds,
    applicantKinds: regulation.applicantKinds,
    channels: regulation.channels.map((flow) => flow.channel),
    terms: regulation.terms.map((term) => ({
      channels: term.channels,
      duration: term.duration,
      countsAcceptanceDay: term.countsAcceptanceDay,
      extensionMaximum: term.extension.allowed ? (term.extension.maximum ?? null) : null,
    })),
    fee: { kind: regulation.fee.kind, amount: regulation.fee.amount ?? null },
    documents: regulation.documents.map((document) => ({
      id: document.id,
      title: document.title,
      requirement: document.requirement,
      condition: document.condition ?? null,
      channels: document.channels ?? null,
    })),
    results: regulation.results.map((result) => ({
      id: result.id,
      kind: result.kind,
      title: result.title,
    })),
  };
}
export type RegulationCatalogueEntry = ReturnType<typeof entryOf>;

/**
 * The regulations catalogue: for each region (or the one asked), the version of every
 * service in force there on the day — the region's own, else the national standard — with
 * its channels, terms, fee, documents and results.
 */
export function listRegulations(
  services: ApplicationServices,
  rawQuery: RegulationCatalogueQuery,
): { date: string; items: RegulationCatalogueEntry[] } {
  const query = parseInput(RegulationCatalogueQuery, rawQuery);
  const day = query.date ?? kazakhstanDay(services.now());
  const { vocabulary } = services.regulations;
  const requested = query.region === undefined ? undefined : vocabulary.findRegion(query.region);
  if (query.region !== undefined && (!requested || requested.kind === 'country')) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: [{ path: 'region', rule: 'not a region of the vocabulary' }],
    });
  }
  const issuing = new Set(services.regulations.all.map((regulation) => regulation.region));
  const regions = requested
    ? [requested.code]
    : vocabulary.vocabulary.regions
        .filter((region) => region.kind !== 'country' && issuing.has(region.code))
        .map((region) => region.code);
  const items: RegulationCatalogueEntry[] = [];
  for (const region of regions) {
    for (const { code: service } of vocabulary.vocabulary.services) {
      const regulation = services.regulations.findInForce(service, region, day);
      if (regulation) items.push(entryOf(regulation, region));
    }
  }
  return { date: day, items };
}

/** One regulation version, whole, by id; not_found otherwise. */
export function getRegulation(services: ApplicationServices, id: string): RegulationDefinition {
  const regulation = services.regulations.findById(id);
  if (!regulation) throw new DomainError(ErrorCode.notFound, { regulationId: id });
  return regulation;
}
