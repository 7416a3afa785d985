import { z } from 'zod';

/** The units the regulations count terms in. */
export const DurationUnit = z
  .enum(['minutes', 'hours', 'working_days', 'calendar_days'])
  .describe(
    'minutes/hours: working time of the schedule; working_days: days the schedule works; calendar_days: civil days',
  );
export type DurationUnit = z.infer<typeof DurationUnit>;

/** A term such as "15 working days" or "30 minutes". */
export const Duration = z
  .object({
    amount: z
      .number()
      .nonnegative()
      .finite()
      .describe('How many units; working and calendar days must be whole'),
    unit: DurationUnit,
  })
  .strict()
  .refine((duration) => !duration.unit.endsWith('_days') || Number.isInteger(duration.amount), {
    message: 'days are counted in whole days',
    path: ['amount'],
  });
export type Duration = z.infer<typeof Duration>;

const unitWords: Record<string, DurationUnit> = {
  minute: 'minutes',
  minutes: 'minutes',
  min: 'minutes',
  hour: 'hours',
  hours: 'hours',
  h: 'hours',
  'working day': 'working_days',
  'working days': 'working_days',
  working_days: 'working_days',
  wd: 'working_days',
  'calendar day': 'calendar_days',
  'calendar days': 'calendar_days',
  calendar_days: 'calendar_days',
};

/**
 * Parses "<n> <minutes|hours|working days|calendar days>" (singular forms too).
 * Returns undefined when the text is not a term.
 */
export function findDuration(text: string): Duration | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s+([a-z_ ]+?)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = unitWords[(match[2] ?? '').toLowerCase().replace(/\s+/g, ' ')];
  if (!unit) return undefined;
  const parsed = Duration.safeParse({ amount: Number(match[1]), unit });
  return parsed.success ? parsed.data : undefined;
}

/** Writes a duration the way `findDuration` reads it. */
export function formatDuration(duration: Duration): string {
  return `${duration.amount} ${duration.unit.replace('_', ' ')}`;
}
