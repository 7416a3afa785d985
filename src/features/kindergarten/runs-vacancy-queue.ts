import type { RegulationCatalog } from '../../domain/regulation/regulation-catalog.js';
import { vacancySteps } from './list-vacancy-queue.js';

/**
 * Whether an organisation runs a kindergarten queue (issue 18, point 7: the queue's menu only
 * for those): some regulation of its region (or a national one) waits for `place_available`
 * (akimat-2012-149, annex 1, p. 6, item 13) and is provided by organisations of its kind
 * (`providerKinds`). Both are data — the regulation files and the organisation's kind — so a
 * region that adds a queue service, or a kind that provides one, needs no code.
 */
export function runsVacancyQueue(
  regulations: RegulationCatalog,
  organisation: { readonly kind: string; readonly regionCode: string },
): boolean {
  const queued = new Set(vacancySteps(regulations).map((step) => step.regulationId));
  // Regions are spelt with hyphens (regulations) or underscores (organisation seeds).
  const region = organisation.regionCode.replaceAll('_', '-');
  const country = regulations.vocabulary.country.code;
  return regulations.all.some(
    (regulation) =>
      queued.has(regulation.id) &&
      (regulation.region.replaceAll('_', '-') === region || regulation.region === country) &&
      (regulation.providerKinds as readonly string[]).includes(organisation.kind),
  );
}
