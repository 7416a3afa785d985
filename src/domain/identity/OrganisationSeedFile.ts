import { z } from 'zod';
import { ProviderKind } from '../regulation/ProviderKind.js';
import type { VocabularyIndex } from '../regulation/vocabulary-index.js';
import { isValidBin } from './bin.js';
import { isKnownTimeZone } from '../calendar/time-zone.js';

/** Which standard working schedule an office keeps (standard 002: provider office vs front office). */
export const ScheduleKind = z
  .enum(['provider_office', 'front_office'])
  .describe(
    'provider_office: Mon–Fri 9:00–18:30, lunch 13:00–14:30; front_office: Mon–Sat 9:00–20:00 without lunch (002).',
  );
export type ScheduleKind = z.infer<typeof ScheduleKind>;

const timeZone = z.string().refine(isKnownTimeZone, 'not an IANA time zone');

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** A schedule that replaces the standard one of its kind: opening intervals per weekday. */
export const CustomSchedule = z
  .object({
    weekly: z
      .record(
        z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
        z.array(z.object({ from: clock, to: clock })).describe('Opening intervals, local time.'),
      )
      .describe('Days absent from the record are closed.'),
    note: z.string().optional().describe('Why the office deviates from the standard schedule.'),
  })
  .describe('An office-specific schedule (jsonb custom_schedule).');
export type CustomSchedule = z.infer<typeof CustomSchedule>;

const localized = z.object({
  kk: z.string().min(1).describe('Kazakh'),
  ru: z.string().min(1).describe('Russian'),
});

/** One organisation as a seed file lists it. */
export const OrganisationSeed = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .describe('Stable identifier (kebab-case); never changed once used.'),
    kind: ProviderKind.shape.code.describe(
      'Kind of organisation, as declared in regulations/_vocabulary/provider-kinds.yaml.',
    ),
    name: localized.describe('Official name in kk and ru.'),
    parent: z.string().optional().describe('Id of the superior organisation.'),
    address: z
      .object({ kk: z.string().optional(), ru: z.string().optional() })
      .optional()
      .describe('Address as the source gives it.'),
    phone: z.string().optional(),
    email: z.string().optional(),
    bin: z
      .string()
      .refine(isValidBin, 'not a valid BIN')
      .optional()
      .describe('БИН / БСН of the organisation.'),
    scheduleKind: ScheduleKind.optional().describe('Default: provider_office.'),
    customSchedule: CustomSchedule.optional(),
    timeZone: timeZone.optional().describe("IANA time zone; default: the region's."),
    source: z
      .string()
      .optional()
      .describe('Where in the regulation sources this organisation is listed.'),
  })
  .strict();
export type OrganisationSeed = z.infer<typeof OrganisationSeed>;

/** A seed file: the organisations of one region. */
export const OrganisationSeedFile = z
  .object({
    region: z.object({
      code: z
        .string()
        .regex(/^[a-z_]+$/)
        .describe('Region code, as declared in regulations/_vocabulary/regions.yaml.'),
      name: localized,
      timeZone: timeZone.describe('IANA time zone of the region, e.g. Asia/Almaty.'),
    }),
    organisations: z.array(OrganisationSeed).min(1),
  })
  .strict()
  .superRefine(function uniqueIdsAndKnownParents(file, context) {
    const ids = new Set<string>();
    file.organisations.forEach((organisation, index) => {
      if (ids.has(organisation.id)) {
        context.addIssue({
          code: 'custom',
          path: ['organisations', index, 'id'],
          message: `duplicate id ${organisation.id}`,
        });
      }
      ids.add(organisation.id);
    });
    file.organisations.forEach((organisation, index) => {
      if (organisation.parent && !ids.has(organisation.parent)) {
        context.addIssue({
          code: 'custom',
          path: ['organisations', index, 'parent'],
          message: `unknown parent ${organisation.parent}`,
        });
      }
    });
  });
export type OrganisationSeedFile = z.infer<typeof OrganisationSeedFile>;

/**
 * What a well-formed seed file names that the vocabulary does not declare: its region, and the
 * kind of each organisation (regulations/_vocabulary/regions.yaml, provider-kinds.yaml).
 */
export function undeclaredInSeedFile(
  file: OrganisationSeedFile,
  vocabulary: VocabularyIndex,
): { path: string; rule: string }[] {
  const issues: { path: string; rule: string }[] = [];
  if (!vocabulary.findRegion(file.region.code)) {
    issues.push({ path: 'region.code', rule: `undeclared region ${file.region.code}` });
  }
  file.organisations.forEach((organisation, index) => {
    if (!vocabulary.findProviderKind(organisation.kind)) {
      issues.push({
        path: `organisations.${index}.kind`,
        rule: `undeclared provider kind ${organisation.kind}`,
      });
    }
  });
  return issues;
}
