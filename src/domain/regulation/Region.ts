import { z } from 'zod';
import { isKnownTimeZone } from '../calendar/time-zone.js';
import { TrilingualText } from './TrilingualText.js';
import { VocabularyCode } from './VocabularyCode.js';

/**
 * A territory that issues regulations: one of Kazakhstan's regions (облыс), a city of republican
 * significance (Astana, Almaty, Shymkent), a former region whose acts are still in the sources
 * (South Kazakhstan, renamed Turkistan in 2018), or the country itself (national standards).
 */
export const Region = z
  .object({
    code: VocabularyCode.describe(
      'Stable code; the folder name under regulations/ and the organisations file name under seed/organisations/',
    ),
    kind: z
      .enum(['region', 'city', 'former_region', 'country'])
      .describe(
        'region (облыс) | city (city of republican significance) | former_region (renamed or merged; kept for its acts) | country (exactly one: the territory of national standards, the fallback when a region has no version of its own)',
      ),
    name: TrilingualText.describe('Name as a citizen reads it, e.g. "Pavlodar region"'),
    timeZone: z
      .string()
      .refine(isKnownTimeZone, 'rule knownTimeZone: not an IANA time zone the runtime knows')
      .describe(
        'IANA time zone of the region (Asia/Almaty, Asia/Oral, …). The zone data carries the history: since 1 March 2024 the whole country is on UTC+5',
      ),
    kato: z
      .string()
      .regex(/^\d{9}$/, 'rule katoFormat: nine digits')
      .optional()
      .describe('KATO code (классификатор административно-территориальных объектов), nine digits'),
    note: z.string().optional().describe('History: renaming, split, abolition'),
  })
  .strict()
  .describe('A region, a city of republican significance, a former region, or the country');
export type Region = z.infer<typeof Region>;
