import { z } from 'zod';
import { BilingualText } from './BilingualText.js';
import { Citation } from './Citation.js';
import { RegionCode } from './RegionCode.js';
import { ServiceCode } from './ServiceCode.js';

const isoDate = z.iso.date();

/**
 * A period in which a service of a region was governed by a wording that is not encoded, with
 * the reason. `not_in_source`: the wording in force then is not in the kept text (a later
 * amendment replaced it and the text shows only the new wording); `not_encoded`: the text gives
 * it, but no definition encodes it yet.
 */
export const VersionGap = z
  .object({
    region: RegionCode,
    service: ServiceCode,
    from: isoDate.describe('First day of the period'),
    to: isoDate.describe('First day after the period (the next version’s effectiveFrom)'),
    kind: z
      .enum(['not_in_source', 'not_encoded'])
      .describe(
        'not_in_source: the wording in force is not in the kept text; not_encoded: it is, but no definition encodes it',
      ),
    dates: z
      .enum(['stated', 'estimated'])
      .describe(
        'stated: both dates are in the text; estimated: computed (e.g. act date + 11 days)',
      ),
    reason: z.string().min(1).describe('Why no version is encoded for the period (English)'),
    source: Citation.describe('Where the text shows the period (the amendment’s footnote)'),
    quote: z.string().min(1).optional().describe('The footnote’s words, verbatim'),
  })
  .strict()
  .refine((gap) => gap.from < gap.to, {
    message: 'rule gapIsOrdered: from must be before to',
    path: ['to'],
  })
  .describe('A period of a service of a region with no encoded version, explained');
export type VersionGap = z.infer<typeof VersionGap>;

/** A service a source names only by its title (its regulation was excluded), so not encoded. */
export const ServiceKnownByTitle = z
  .object({
    region: RegionCode,
    title: BilingualText.describe('The title as the source gives it'),
    reason: z.string().min(1).describe('Why it is not encoded (English)'),
    excluded: z
      .object({ number: z.string().min(1), date: isoDate })
      .strict()
      .optional()
      .describe('The act that excluded its regulation'),
    source: Citation,
    quote: z.string().min(1).optional().describe('The words of the source, verbatim'),
  })
  .strict()
  .describe('A service known only by its title');
export type ServiceKnownByTitle = z.infer<typeof ServiceKnownByTitle>;

/**
 * `regulations/_vocabulary/versions.yaml`: what the sources say about the time no encoded
 * version covers — explained gaps — and the services known only by title.
 */
export const VersionHistory = z
  .object({
    gaps: z.array(VersionGap).default([]),
    knownByTitle: z.array(ServiceKnownByTitle).default([]),
  })
  .strict()
  .describe('Explained gaps between versions and services known only by title');
export type VersionHistory = z.infer<typeof VersionHistory>;
