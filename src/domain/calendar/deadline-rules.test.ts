import { describe, expect, it } from 'vitest';
import { kzWorkingTime } from '../../../test/support/calendar.js';
import { DomainError } from '../shared/domain-error.js';
import {
  addDuration,
  elapsedWorkingTime,
  extendDue,
  isWithinIntakeHours,
  isWithinWorkingHours,
  latestDeliveryToFrontOffice,
} from './arithmetic.js';
import { formatInstant, getInstantOfLocalDateTime } from './local-time.js';
describe('delivery, extensions, suspensions, elapsed time', () => {
  const provider = kzWorkingTime('provider-office');
  const at = (text: string) => getInstantOfLocalDateTime(provider, text);
  const show = (instant: number) => formatInstant(provider, instant);

  it.each([
    ['2024-04-24T18:30', '2024-04-23T18:30:00+05:00', 'a day earlier at closing'],
    ['2024-03-26T18:30', '2024-03-20T18:30:00+05:00', 'before Nauryz and its substitute day'],
    ['2024-04-22T10:00', '2024-04-19T18:30:00+05:00', 'Sunday 10:00 moves back to Friday closing'],
    [
      '2024-04-24T14:00',
      '2024-04-23T13:00:00+05:00',
      '24 hours before falls in lunch: the start of lunch',
    ],
  ])('latest delivery to the front office for a due %s is %s (%s)', (due, expected) => {
    expect(show(latestDeliveryToFrontOffice(provider, at(due)))).toBe(expected);
  });

  it('extends a due by 5 working days over 1 May', () => {
    expect(
      show(extendDue(provider, at('2024-04-24T18:30'), { amount: 5, unit: 'working_days' })),
    ).toBe('2024-05-02T18:30:00+05:00');
  });

  it('extends a mid-day due by 3 hours over the night', () => {
    expect(show(extendDue(provider, at('2024-04-24T17:00'), { amount: 3, unit: 'hours' }))).toBe(
      '2024-04-25T10:30:00+05:00',
    );
  });

  it('a suspension of two working days pushes a 15-working-day due by two working days', () => {
    const due = addDuration(
      provider,
      at('2024-04-03T10:00'),
      { amount: 15, unit: 'working_days' },
      {
        excludeStartDay: true,
        suspensions: [{ from: at('2024-04-08T09:00'), to: at('2024-04-10T09:00') }],
      },
    );
    expect(show(due)).toBe('2024-04-26T18:30:00+05:00');
  });

  it('a suspension over a weekend only pushes by the working time inside it', () => {
    const due = addDuration(
      provider,
      at('2024-04-03T10:00'),
      { amount: 2, unit: 'hours' },
      {
        suspensions: [{ from: at('2024-04-03T11:00'), to: at('2024-04-08T10:00') }],
      },
    );
    // 1 hour before the suspension (10–11), the clock restarts Monday 10:00, 1 hour left.
    expect(show(due)).toBe('2024-04-08T11:00:00+05:00');
  });

  it('overlapping suspensions count once; suspensions after the due do nothing', () => {
    const start = at('2024-04-03T10:00');
    const due = addDuration(
      provider,
      start,
      { amount: 1, unit: 'hours' },
      {
        suspensions: [
          { from: at('2024-04-03T10:30'), to: at('2024-04-03T11:30') },
          { from: at('2024-04-03T11:00'), to: at('2024-04-03T12:00') },
          { from: at('2024-04-10T10:00'), to: at('2024-04-11T10:00') },
        ],
      },
    );
    expect(show(due)).toBe('2024-04-03T12:30:00+05:00');
  });

  it('calendar-day suspensions push by their full length', () => {
    const due = addDuration(
      provider,
      at('2024-04-03T10:00'),
      { amount: 10, unit: 'calendar_days' },
      {
        suspensions: [{ from: at('2024-04-05T00:00'), to: at('2024-04-08T00:00') }],
      },
    );
    expect(show(due)).toBe('2024-04-16T10:00:00+05:00');
  });

  it('elapsed working time skips lunch, night and suspensions', () => {
    expect(elapsedWorkingTime(provider, at('2024-04-03T12:00'), at('2024-04-04T10:00'))).toBe(
      6 * 3_600_000,
    );
    expect(elapsedWorkingTime(provider, at('2024-04-04T10:00'), at('2024-04-03T12:00'))).toBe(
      -6 * 3_600_000,
    );
    expect(
      elapsedWorkingTime(provider, at('2024-04-03T12:00'), at('2024-04-04T10:00'), [
        { from: at('2024-04-03T15:00'), to: at('2024-04-03T16:00') },
      ]),
    ).toBe(5 * 3_600_000);
  });

  it('elapsed working time over Nauryz 2024 is only 20 and 26 March', () => {
    expect(elapsedWorkingTime(provider, at('2024-03-20T09:00'), at('2024-03-27T09:00'))).toBe(
      16 * 3_600_000,
    );
  });
});

describe('working and intake hours', () => {
  const provider = kzWorkingTime('provider-office');
  const front = kzWorkingTime('front-office');
  it.each([
    ['provider-office', '2024-04-03T09:00', true, true],
    ['provider-office', '2024-04-03T13:30', false, false],
    ['provider-office', '2024-04-03T17:45', true, false],
    ['provider-office', '2024-04-03T18:30', false, false],
    ['provider-office', '2024-04-06T10:00', false, false],
    ['provider-office', '2024-03-21T10:00', false, false],
    ['front-office', '2024-04-06T19:59', true, true],
    ['front-office', '2024-04-07T10:00', false, false],
    ['front-office', '2024-03-25T10:00', false, false],
  ] as const)('%s at %s: working %s, intake %s', (schedule, instant, working, intake) => {
    const time = schedule === 'provider-office' ? provider : front;
    const at = getInstantOfLocalDateTime(time, instant);
    expect(isWithinWorkingHours(time, at)).toBe(working);
    expect(isWithinIntakeHours(time, at)).toBe(intake);
  });
});

describe('range and input errors', () => {
  const provider = kzWorkingTime('provider-office');
  it('a due beyond the last data year is an error, not a guess', () => {
    const start = getInstantOfLocalDateTime(provider, '2027-12-20T10:00');
    expect(() => addDuration(provider, start, { amount: 15, unit: 'working_days' })).toThrow(
      DomainError,
    );
  });
  it('a start before the first data year is an error', () => {
    expect(() => getInstantOfLocalDateTime(provider, '2011-12-30T10:00')).toThrow(DomainError);
  });
  it('a negative or fractional-day term is refused', () => {
    const start = getInstantOfLocalDateTime(provider, '2024-04-03T10:00');
    expect(() => addDuration(provider, start, { amount: -1, unit: 'hours' })).toThrow(DomainError);
    expect(() => addDuration(provider, start, { amount: 1.5, unit: 'working_days' })).toThrow(
      DomainError,
    );
  });
});
