import { describe, expect, it } from 'vitest';
import { kzWorkingTime } from '../../../test/support/calendar.js';
import { addDuration } from './arithmetic.js';
import type { DurationUnit } from './Duration.js';
import { formatInstant, getInstantOfLocalDateTime } from './local-time.js';
import type { StandardScheduleId } from './Schedule.js';

type Case = {
  why: string;
  schedule: StandardScheduleId;
  start: string;
  amount: number;
  unit: DurationUnit;
  exclude?: boolean;
  due: string;
};

// Hand-checked against the calendar files (Asia/Almaty: UTC+6 until 29.02.2024, UTC+5 since 01.03.2024).
const cases: Case[] = [
  // Nauryz
  {
    why: 'Nauryz 2024: 21–22 holidays, 23 (Sat) → substitute Mon 25; 1 wd keeps the hour',
    schedule: 'provider-office',
    start: '2024-03-20T10:00',
    amount: 1,
    unit: 'working_days',
    due: '2024-03-26T10:00:00+05:00',
  },
  {
    why: 'Nauryz 2024, day of acceptance not counted',
    schedule: 'provider-office',
    start: '2024-03-20T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2024-03-26T18:30:00+05:00',
  },
  {
    why: 'Nauryz 2020: 21 Sat, 22 Sun, 23 Mon → substitutes 24 and 25 (date-holidays duplicated 23)',
    schedule: 'provider-office',
    start: '2020-03-20T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2020-03-26T18:30:00+06:00',
  },
  {
    why: 'Nauryz 2026: 21 Sat, 22 Sun, 23 Mon → substitutes 24, 25',
    schedule: 'provider-office',
    start: '2026-03-20T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2026-03-26T18:30:00+05:00',
  },
  // Kurban Ait
  {
    why: 'Kurban Ait 2024 is Monday 17 June',
    schedule: 'provider-office',
    start: '2024-06-14T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2024-06-18T18:30:00+05:00',
  },
  {
    why: 'Kurban Ait 2022 on Saturday 9 July: religious, no substitute Monday',
    schedule: 'provider-office',
    start: '2022-07-08T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2022-07-11T18:30:00+06:00',
  },
  {
    why: 'Kurban Ait 2016 is Monday 12 September (date-holidays says 11)',
    schedule: 'provider-office',
    start: '2016-09-09T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2016-09-13T18:30:00+06:00',
  },
  {
    why: 'Orthodox Christmas 2023 on Saturday: no substitute',
    schedule: 'provider-office',
    start: '2023-01-06T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2023-01-09T18:30:00+06:00',
  },
  // Year ends and transfers
  {
    why: 'year end 2024/25: 1–2 Jan holidays, 3 Jan transferred day off, Sunday 5 Jan a working day',
    schedule: 'provider-office',
    start: '2024-12-31T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2025-01-05T18:30:00+05:00',
  },
  {
    why: 'the front office (six-day week) ignores the transfer: open on Friday 3 January',
    schedule: 'front-office',
    start: '2024-12-31T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2025-01-03T20:00:00+05:00',
  },
  {
    why: 'year end 2012: Saturday 29 Dec worked, Monday 31 Dec off (resolution No. 1538)',
    schedule: 'provider-office',
    start: '2012-12-28T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2012-12-29T18:30:00+06:00',
  },
  {
    why: 'year end 2012: after the working Saturday, 31 Dec and 1–2 Jan are off',
    schedule: 'provider-office',
    start: '2012-12-29T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2013-01-03T18:30:00+06:00',
  },
  {
    why: 'transfer 2023: Saturday 1 July worked with Friday hours',
    schedule: 'provider-office',
    start: '2023-06-30T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2023-07-01T18:30:00+06:00',
  },
  {
    why: 'transfer 2023: Capital Day Thu 6 July, Fri 7 July transferred off',
    schedule: 'provider-office',
    start: '2023-07-05T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2023-07-10T18:30:00+06:00',
  },
  // Substitute days
  {
    why: 'substitute 2023: 7 May (Sun) → Mon 8 May; 9 May holiday',
    schedule: 'provider-office',
    start: '2023-05-05T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2023-05-10T18:30:00+06:00',
  },
  {
    why: 'substitute 2016: 7 May (Sat) → Tue 10 May, since Mon 9 May is Victory Day',
    schedule: 'provider-office',
    start: '2016-05-06T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2016-05-11T18:30:00+06:00',
  },
  {
    why: 'Independence Day 2021: 16–17 Dec (Thu–Fri), two days',
    schedule: 'provider-office',
    start: '2021-12-15T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2021-12-20T18:30:00+06:00',
  },
  {
    why: 'Independence Day 2022: one day, 16 Dec (Fri)',
    schedule: 'provider-office',
    start: '2022-12-15T10:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2022-12-19T18:30:00+06:00',
  },
  // Lunch breaks and working hours
  {
    why: 'lunch 13:00–14:30 is not counted',
    schedule: 'provider-office',
    start: '2024-04-03T12:00',
    amount: 90,
    unit: 'minutes',
    due: '2024-04-03T15:00:00+05:00',
  },
  {
    why: 'a term ending at the start of lunch is due at 13:00, not 14:30',
    schedule: 'provider-office',
    start: '2024-04-03T12:00',
    amount: 60,
    unit: 'minutes',
    due: '2024-04-03T13:00:00+05:00',
  },
  {
    why: 'a start during lunch counts from 14:30',
    schedule: 'provider-office',
    start: '2024-04-03T13:30',
    amount: 15,
    unit: 'minutes',
    due: '2024-04-03T14:45:00+05:00',
  },
  {
    why: 'hours run over closing time into the next working day',
    schedule: 'provider-office',
    start: '2024-04-03T17:00',
    amount: 2,
    unit: 'hours',
    due: '2024-04-04T09:30:00+05:00',
  },
  {
    why: 'front office: no lunch, Saturday is a working day',
    schedule: 'front-office',
    start: '2024-04-06T12:00',
    amount: 3,
    unit: 'hours',
    due: '2024-04-06T15:00:00+05:00',
  },
  {
    why: 'front office: closed on Sunday',
    schedule: 'front-office',
    start: '2024-04-06T19:00',
    amount: 2,
    unit: 'hours',
    due: '2024-04-08T10:00:00+05:00',
  },
  // After-hours portal
  {
    why: 'portal on Saturday counts from Monday 9:00',
    schedule: 'portal',
    start: '2024-04-06T10:00',
    amount: 2,
    unit: 'hours',
    due: '2024-04-08T11:00:00+05:00',
  },
  {
    why: 'portal at 21:00: 1 wd is the close of the next working day',
    schedule: 'portal',
    start: '2024-04-03T21:00',
    amount: 1,
    unit: 'working_days',
    due: '2024-04-04T18:30:00+05:00',
  },
  {
    why: 'portal at 21:00 with acceptance day not counted: accepted Thursday, due Friday',
    schedule: 'portal',
    start: '2024-04-03T21:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2024-04-05T18:30:00+05:00',
  },
  {
    why: 'the same instant at the provider office: accepted Wednesday, due Thursday',
    schedule: 'provider-office',
    start: '2024-04-03T21:00',
    amount: 1,
    unit: 'working_days',
    exclude: true,
    due: '2024-04-04T18:30:00+05:00',
  },
  {
    why: 'portal on a holiday (Nauryz) counts from the next working day',
    schedule: 'portal',
    start: '2024-03-22T15:00',
    amount: 30,
    unit: 'minutes',
    due: '2024-03-26T09:30:00+05:00',
  },
  // Not-counted day of acceptance (002: 15 working days)
  {
    why: '002: 15 working days, day of acceptance not counted',
    schedule: 'provider-office',
    start: '2024-04-03T10:00',
    amount: 15,
    unit: 'working_days',
    exclude: true,
    due: '2024-04-24T18:30:00+05:00',
  },
  {
    why: '15 working days, default reading keeps the hour',
    schedule: 'provider-office',
    start: '2024-04-03T10:00',
    amount: 15,
    unit: 'working_days',
    due: '2024-04-24T10:00:00+05:00',
  },
  {
    why: 'a start at opening: 1 wd is the close of the same day',
    schedule: 'provider-office',
    start: '2024-04-03T09:00',
    amount: 1,
    unit: 'working_days',
    due: '2024-04-03T18:30:00+05:00',
  },
  {
    why: 'a start after closing counts from the next morning',
    schedule: 'provider-office',
    start: '2024-04-03T19:00',
    amount: 1,
    unit: 'working_days',
    due: '2024-04-04T18:30:00+05:00',
  },
  // Calendar days
  {
    why: 'calendar days: same local time 30 days later',
    schedule: 'provider-office',
    start: '2024-03-20T10:00',
    amount: 30,
    unit: 'calendar_days',
    due: '2024-04-19T10:00:00+05:00',
  },
  {
    why: 'calendar days, acceptance day not counted: end of the 30th day',
    schedule: 'provider-office',
    start: '2024-03-20T10:00',
    amount: 30,
    unit: 'calendar_days',
    exclude: true,
    due: '2024-04-19T23:59:59.999+05:00',
  },
  {
    why: 'calendar days across the 1 March 2024 zone change',
    schedule: 'provider-office',
    start: '2024-02-28T10:00',
    amount: 2,
    unit: 'calendar_days',
    due: '2024-03-01T10:00:00+05:00',
  },
];

describe('addDuration: hand-checked cases', () => {
  it.each(cases)('$why', ({ schedule, start, amount, unit, exclude, due }) => {
    const time = kzWorkingTime(schedule);
    const result = addDuration(
      time,
      getInstantOfLocalDateTime(time, start),
      { amount, unit },
      { excludeStartDay: exclude ?? false },
    );
    expect(formatInstant(time, result)).toBe(due);
  });
});
