import { z } from 'zod';
import { epochDayFromIsoDate, isIsoDate, isWeekend } from './civil-date.js';

/** A date written as YYYY-MM-DD. */
export const IsoDate = z
  .string()
  .refine(isIsoDate, { message: 'expected a real date written as YYYY-MM-DD' })
  .describe('A civil date, YYYY-MM-DD');
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * What a listed day is. Every day not listed follows the week: Monday–Friday working,
 * Saturday and Sunday off (five-day week).
 */
export const CalendarDayKind = z
  .enum([
    'holiday',
    'religiousHoliday',
    'substituteDayOff',
    'transferredDayOff',
    'transferredWorkingDay',
  ])
  .describe(
    'holiday: a national or state holiday (праздничный день), gets a substitute when on a weekend; ' +
      'religiousHoliday: a day off without a substitute (Orthodox Christmas, Kurban Ait day 1); ' +
      'substituteDayOff: the next working day after a holiday that fell on a weekend (Law No. 267-II, art. 5); ' +
      'transferredDayOff / transferredWorkingDay: the two halves of a transfer of a day of rest ' +
      '(перенос дня отдыха) by the Government or the labour ministry (Labour Code, art. 85 p. 3)',
  );
export type CalendarDayKind = z.infer<typeof CalendarDayKind>;

/** Stable identifiers of the holidays, so data files and code refer to them the same way. */
export const HolidayId = z
  .enum([
    'new_year',
    'orthodox_christmas',
    'womens_day',
    'constitution_day',
    'nauryz',
    'unity_day',
    'defender_day',
    'victory_day',
    'capital_day',
    'kurban_ait',
    'republic_day',
    'first_president_day',
    'independence_day',
  ])
  .describe('Which holiday the day belongs to');
export type HolidayId = z.infer<typeof HolidayId>;

/** The kind of legal act a day off rests on. */
export const LegalSourceKind = z.enum([
  'constitution',
  'law',
  'code',
  'government-resolution',
  'ministerial-order',
  'religious-board',
  'publication',
]);
export type LegalSourceKind = z.infer<typeof LegalSourceKind>;

/** A legal act (or, failing one, a publication) that a day rests on. */
export const LegalSource = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .describe('Key the days refer to, unique in the file'),
    kind: LegalSourceKind.describe('What kind of act it is'),
    title: z
      .string()
      .min(10)
      .describe(
        'The act as officially titled, in Russian, e.g. "Постановление Правительства РК от … № …"',
      ),
    date: IsoDate.optional().describe('Date of adoption, when known'),
    number: z.string().min(1).optional().describe('Registration number, when known'),
    url: z.url().optional().describe('Where the text can be read (adilet.zan.kz preferred)'),
    verified: z
      .boolean()
      .describe(
        'true only when the date, number and content were checked against the official text; ' +
          'false when the act is known from press reports or its number/date are not confirmed',
      ),
    note: z.string().optional().describe('What is known and what is not'),
  })
  .strict();
export type LegalSource = z.infer<typeof LegalSource>;

/** One listed day of a year: a holiday, a substitute day off, or half of a transfer. */
export const CalendarDay = z
  .object({
    date: IsoDate.describe('The day'),
    kind: CalendarDayKind,
    holiday: HolidayId.optional().describe('For holidays and substitute days: which holiday'),
    name: z
      .object({ kk: z.string().min(1), ru: z.string().min(1), en: z.string().min(1) })
      .strict()
      .describe('What the day is called, in kk/ru/en'),
    substituteFor: IsoDate.optional().describe(
      'substituteDayOff only: the holiday (on a weekend) it substitutes',
    ),
    pairedWith: IsoDate.optional().describe(
      'transfers only: the other half (the working day a day off came from, or the day off a working day went to)',
    ),
    sources: z.array(z.string()).min(1).describe('Ids of the legal sources of this day'),
    note: z.string().optional(),
  })
  .strict();
export type CalendarDay = z.infer<typeof CalendarDay>;

/** The production calendar of one year of one country, as an administrator edits it. */
export const ProductionCalendarYear = z
  .object({
    country: z.literal('KZ').describe('Country code (ISO 3166-1)'),
    year: z.number().int().min(1991).max(2100).describe('The calendar year'),
    sources: z.array(LegalSource).min(1).describe('Every legal act the days of the year rest on'),
    days: z.array(CalendarDay).describe('The days that differ from the plain five-day week'),
    notes: z.array(z.string()).optional().describe('Open questions and known gaps of this year'),
  })
  .strict()
  .superRefine(checkDatesInYearAndUnique)
  .superRefine(checkSourceReferences)
  .superRefine(checkKindFields)
  .superRefine(checkOneKurbanAit);
export type ProductionCalendarYear = z.infer<typeof ProductionCalendarYear>;

type YearInput = {
  year: number;
  sources: { id: string }[];
  days: CalendarDay[];
};

function checkDatesInYearAndUnique(value: YearInput, context: z.RefinementCtx): void {
  const seen = new Set<string>();
  value.days.forEach((day, index) => {
    if (!day.date.startsWith(`${value.year}-`)) {
      context.addIssue({
        code: 'custom',
        path: ['days', index, 'date'],
        message: `not in ${value.year}`,
      });
    }
    if (seen.has(day.date)) {
      context.addIssue({
        code: 'custom',
        path: ['days', index, 'date'],
        message: `${day.date} is listed twice (one entry per date)`,
      });
    }
    seen.add(day.date);
  });
  const ids = new Set<string>();
  value.sources.forEach((source, index) => {
    if (ids.has(source.id)) {
      context.addIssue({
        code: 'custom',
        path: ['sources', index, 'id'],
        message: 'duplicate source id',
      });
    }
    ids.add(source.id);
  });
}

function checkSourceReferences(value: YearInput, context: z.RefinementCtx): void {
  const ids = new Set(value.sources.map((source) => source.id));
  value.days.forEach((day, index) => {
    day.sources.forEach((id, sourceIndex) => {
      if (!ids.has(id)) {
        context.addIssue({
          code: 'custom',
          path: ['days', index, 'sources', sourceIndex],
          message: `unknown source "${id}"`,
        });
      }
    });
  });
}

/** Field and weekday rules per kind (Law No. 267-II art. 5; Labour Code art. 85 p. 3). */
function checkKindFields(value: YearInput, context: z.RefinementCtx): void {
  value.days.forEach((day, index) => {
    const path = ['days', index];
    const weekend = isWeekend(epochDayFromIsoDate(day.date));
    const fail = (message: string) =>
      context.addIssue({ code: 'custom', path, message: `${day.date}: ${message}` });
    switch (day.kind) {
      case 'holiday':
      case 'religiousHoliday':
        if (!day.holiday) fail('a holiday must name which holiday it is');
        if (day.substituteFor || day.pairedWith) fail('a holiday has no substituteFor/pairedWith');
        break;
      case 'substituteDayOff':
        if (!day.substituteFor) fail('a substitute day off must name the holiday it substitutes');
        if (weekend) fail('a substitute day off falls on a working weekday, not a weekend');
        if (day.substituteFor === day.date) fail('a substitute cannot be its own holiday');
        break;
      case 'transferredDayOff':
        if (!day.pairedWith) fail('a transferred day off must name the working day it came from');
        if (weekend) fail('a transferred day off falls on a weekday');
        break;
      case 'transferredWorkingDay':
        if (!day.pairedWith) fail('a transferred working day must name the day off it went to');
        if (!weekend) fail('a transferred working day is a Saturday or Sunday');
        break;
      default: {
        const unreachable: never = day.kind;
        fail(`unknown kind ${String(unreachable)}`);
      }
    }
  });
}

/** Kurban Ait day 1 is a day off every year (Law No. 267-II, art. 5, as amended in 2006). */
function checkOneKurbanAit(value: YearInput, context: z.RefinementCtx): void {
  const count = value.days.filter(
    (day) => day.holiday === 'kurban_ait' && day.kind === 'religiousHoliday',
  ).length;
  if (count !== 1) {
    context.addIssue({
      code: 'custom',
      path: ['days'],
      message: `exactly one Kurban Ait day 1 per year is required, found ${count}`,
    });
  }
}
