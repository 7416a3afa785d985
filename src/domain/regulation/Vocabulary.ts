import { z } from 'zod';
import { LegalSource } from './LegalSource.js';
import { ProviderKind } from './ProviderKind.js';
import { PublicService } from './PublicService.js';
import { Region } from './Region.js';
import { ServiceArea } from './ServiceArea.js';
import { VocabularyCode } from './VocabularyCode.js';
import { frontOfficeKind } from '../shared/organisation-kind.js';

function addDuplicateIssues(
  context: z.RefinementCtx,
  list: readonly Record<string, unknown>[],
  listName: string,
  key: string,
): void {
  const seen = new Set<unknown>();
  list.forEach((entry, index) => {
    if (seen.has(entry[key])) {
      context.addIssue({
        code: 'custom',
        path: [listName, index, key],
        message: `rule uniqueCodes: ${listName} ${key} "${String(entry[key])}" is declared twice`,
      });
    }
    seen.add(entry[key]);
  });
}

/**
 * The vocabulary the regulations are written in, as declared in `regulations/_vocabulary/`:
 * `regions.yaml` (regions), `services.yaml` (areas, services), `provider-kinds.yaml`
 * (providerKinds) and `sources.yaml` (sources). Every page, document and check reads its labels
 * from here; nothing in the code names a region, a service or a source.
 */
export const Vocabulary = z
  .object({
    regions: z
      .array(Region)
      .min(1)
      .describe('regions.yaml: the territories that issue regulations'),
    defaultRegion: VocabularyCode.describe(
      'regions.yaml: the region the portal shows before a citizen chooses one',
    ),
    areas: z.array(ServiceArea).min(1).describe('services.yaml: the areas of the catalogue'),
    services: z.array(PublicService).min(1).describe('services.yaml: the public services'),
    providerKinds: z
      .array(ProviderKind)
      .min(1)
      .describe('provider-kinds.yaml: kinds of providing organisation'),
    sources: z.array(LegalSource).min(1).describe('sources.yaml: the legal sources cited'),
  })
  .strict()
  .superRefine(function uniqueCodes(vocabulary, context) {
    addDuplicateIssues(context, vocabulary.regions, 'regions', 'code');
    addDuplicateIssues(context, vocabulary.areas, 'areas', 'code');
    addDuplicateIssues(context, vocabulary.services, 'services', 'code');
    addDuplicateIssues(context, vocabulary.providerKinds, 'providerKinds', 'code');
    addDuplicateIssues(context, vocabulary.sources, 'sources', 'id');
  })
  .superRefine(function frontOfficeDeclared(vocabulary, context) {
    if (!vocabulary.providerKinds.some((kind) => kind.code === frontOfficeKind)) {
      context.addIssue({
        code: 'custom',
        path: ['providerKinds'],
        message: `rule frontOfficeDeclared: the kind "${frontOfficeKind}" (the front offices the engine routes to) must be declared`,
      });
    }
  })
  .superRefine(function oneCountry(vocabulary, context) {
    const countries = vocabulary.regions.filter((region) => region.kind === 'country').length;
    if (countries !== 1) {
      context.addIssue({
        code: 'custom',
        path: ['regions'],
        message: `rule oneCountry: exactly one region of kind "country" (national standards) is needed, found ${countries}`,
      });
    }
  })
  .superRefine(function referencesResolve(vocabulary, context) {
    const defaultRegion = vocabulary.regions.find(
      (region) => region.code === vocabulary.defaultRegion,
    );
    if (!defaultRegion || defaultRegion.kind === 'country') {
      context.addIssue({
        code: 'custom',
        path: ['defaultRegion'],
        message: `rule referencesResolve: defaultRegion "${vocabulary.defaultRegion}" is not a declared region`,
      });
    }
    const areas = new Set(vocabulary.areas.map((area) => area.code));
    const sources = new Set(vocabulary.sources.map((source) => source.id));
    vocabulary.services.forEach((service, index) => {
      if (!areas.has(service.area)) {
        context.addIssue({
          code: 'custom',
          path: ['services', index, 'area'],
          message: `rule referencesResolve: service "${service.code}" names undeclared area "${service.area}"`,
        });
      }
      const standard = service.standard?.source;
      if (standard !== undefined && !sources.has(standard)) {
        context.addIssue({
          code: 'custom',
          path: ['services', index, 'standard', 'source'],
          message: `rule referencesResolve: service "${service.code}" names undeclared source "${standard}"`,
        });
      }
    });
  })
  .describe('The vocabulary of regulations/_vocabulary/');
export type Vocabulary = z.infer<typeof Vocabulary>;
