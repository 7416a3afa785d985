import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kzCalendar, kzWorkingTime } from '../../../test/support/calendar.js';
import { NaiveDue } from '../../../test/support/naive-due.js';
import { addDuration } from './arithmetic.js';
import type { Duration, DurationUnit } from './Duration.js';
import { getInstantOfLocalDateTime } from './local-time.js';
import { standardSchedules, type StandardScheduleId } from './Schedule.js';
import { closeOfDay, dayIndexOf, isWorkingDayIndex, openingOfDay } from './working-time.js';

const scheduleIds = Object.keys(standardSchedules) as StandardScheduleId[];
const zones = ['Asia/Almaty', 'Asia/Oral', 'Asia/Qostanay'];
const from = getInstantOfLocalDateTime(kzWorkingTime('portal'), '2012-01-02T00:00');
const to = getInstantOfLocalDateTime(kzWorkingTime('portal'), '2027-06-30T00:00');

const instant = fc
  .integer({ min: from, max: to })
  .map((value) => Math.floor(value / 60_000) * 60_000);
const setup = fc.record({
  schedule: fc.constantFrom(...scheduleIds),
  zone: fc.constantFrom(...zones),
  exclude: fc.boolean(),
});
const termOf = (unit: DurationUnit) => {
  switch (unit) {
    case 'minutes':
      return fc.integer({ min: 0, max: 5_000 });
    case 'hours':
      return fc.integer({ min: 0, max: 200 });
    case 'working_days':
      return fc.integer({ min: 0, max: 60 });
    case 'calendar_days':
      return fc.integer({ min: 0, max: 90 });
    default: {
      const unreachable: never = unit;
      throw new Error(String(unreachable));
    }
  }
};
const duration: fc.Arbitrary<Duration> = fc
  .constantFrom<DurationUnit>('minutes', 'hours', 'working_days', 'calendar_days')
  .chain((unit) => termOf(unit).map((amount) => ({ amount, unit })));

const runs = { numRuns: Number(process.env.CALENDAR_PROPERTY_RUNS ?? 400) };

describe('addDuration properties', () => {
  it('a due is never before the start', () => {
    fc.assert(
      fc.property(setup, instant, duration, ({ schedule, zone, exclude }, start, term) => {
        const time = kzWorkingTime(schedule, zone);
        expect(addDuration(time, start, term, { excludeStartDay: exclude })).toBeGreaterThanOrEqual(
          start,
        );
      }),
      runs,
    );
  });

  it('a working-day due is inside the working hours of a working day (closing time included)', () => {
    fc.assert(
      fc.property(
        setup,
        instant,
        fc.integer({ min: 1, max: 60 }),
        ({ schedule, zone, exclude }, start, amount) => {
          const time = kzWorkingTime(schedule, zone);
          const due = addDuration(
            time,
            start,
            { amount, unit: 'working_days' },
            { excludeStartDay: exclude },
          );
          const index = dayIndexOf(time, due);
          expect(isWorkingDayIndex(time, index)).toBe(true);
          expect(due).toBeGreaterThan(openingOfDay(time, index));
          expect(due).toBeLessThanOrEqual(closeOfDay(time, index));
        },
      ),
      runs,
    );
  });

  it('is monotonic in the start', () => {
    fc.assert(
      fc.property(
        setup,
        instant,
        fc.integer({ min: 0, max: 7 * 86_400_000 }),
        duration,
        ({ schedule, zone, exclude }, start, delay, term) => {
          const time = kzWorkingTime(schedule, zone);
          const options = { excludeStartDay: exclude };
          expect(addDuration(time, start + delay, term, options)).toBeGreaterThanOrEqual(
            addDuration(time, start, term, options),
          );
        },
      ),
      runs,
    );
  });

  it('is monotonic in the term', () => {
    fc.assert(
      fc.property(
        setup,
        instant,
        duration,
        fc.integer({ min: 0, max: 30 }),
        ({ schedule, zone, exclude }, start, term, more) => {
          const time = kzWorkingTime(schedule, zone);
          const options = { excludeStartDay: exclude };
          const longer = { ...term, amount: term.amount + more };
          expect(addDuration(time, start, longer, options)).toBeGreaterThanOrEqual(
            addDuration(time, start, term, options),
          );
        },
      ),
      runs,
    );
  });

  it('agrees with the naive day-by-day computation', () => {
    const oracles = new Map<string, NaiveDue>();
    fc.assert(
      fc.property(setup, instant, duration, ({ schedule, zone, exclude }, start, term) => {
        const key = `${schedule}|${zone}`;
        let oracle = oracles.get(key);
        if (!oracle) {
          oracle = new NaiveDue(kzCalendar(), standardSchedules[schedule], zone);
          oracles.set(key, oracle);
        }
        const time = kzWorkingTime(schedule, zone);
        expect(addDuration(time, start, term, { excludeStartDay: exclude })).toBe(
          oracle.add(start, term, { excludeStartDay: exclude }),
        );
      }),
      runs,
    );
  });

  it('a suspension never brings a due earlier, and an empty one changes nothing', () => {
    fc.assert(
      fc.property(
        setup,
        instant,
        duration,
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        fc.integer({ min: 0, max: 10 * 86_400_000 }),
        ({ schedule, zone, exclude }, start, term, offset, length) => {
          const time = kzWorkingTime(schedule, zone);
          const plain = addDuration(time, start, term, { excludeStartDay: exclude });
          const suspended = addDuration(time, start, term, {
            excludeStartDay: exclude,
            suspensions: [{ from: start + offset, to: start + offset + length }],
          });
          expect(suspended).toBeGreaterThanOrEqual(plain);
          expect(
            addDuration(time, start, term, {
              excludeStartDay: exclude,
              suspensions: [{ from: start + offset, to: start + offset }],
            }),
          ).toBe(plain);
        },
      ),
      { numRuns: 200 },
    );
  });
});
