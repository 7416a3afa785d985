import { describe, expect, it } from 'vitest';
import { kzCalendar } from '../../../test/support/calendar.js';
import { addDuration } from './arithmetic.js';
import { findDuration, formatDuration } from './Duration.js';
import { formatInstant, getInstantOfLocalDateTime } from './local-time.js';
import { portalSchedule, providerOfficeSchedule, Schedule } from './Schedule.js';
import { isKnownTimeZone, offsetMinutesAt } from './time-zone.js';
import { createWorkingTime, getWorkingTime } from './working-time.js';
import { scheduleOfSettings, WorkingTimeSettings } from './WorkingTimeSettings.js';

const utc = (text: string) => Date.parse(text);

describe("Kazakhstan's zones in Node's ICU", () => {
  it("knows every zone of Kazakhstan's regions", () => {
    const zones = ['Asia/Almaty', 'Asia/Qostanay', 'Asia/Qyzylorda', 'Asia/Aqtobe', 'Asia/Oral'];
    for (const zone of [...zones, 'Asia/Atyrau', 'Asia/Aqtau'])
      expect(isKnownTimeZone(zone)).toBe(true);
    expect(isKnownTimeZone('Asia/Nowhere')).toBe(false);
  });

  it.each([
    ['Asia/Almaty', '2023-06-01T06:00Z', 360],
    ['Asia/Almaty', '2024-02-29T06:00Z', 360],
    ['Asia/Almaty', '2024-03-01T06:00Z', 300],
    ['Asia/Qostanay', '2024-02-29T06:00Z', 360],
    ['Asia/Qostanay', '2024-03-01T06:00Z', 300],
    ['Asia/Qyzylorda', '2018-12-20T06:00Z', 360],
    ['Asia/Qyzylorda', '2018-12-22T06:00Z', 300],
    ['Asia/Aqtobe', '2016-06-01T06:00Z', 300],
    ['Asia/Oral', '2016-06-01T06:00Z', 300],
    ['Asia/Atyrau', '2020-06-01T06:00Z', 300],
    ['Asia/Aqtau', '2020-06-01T06:00Z', 300],
  ])('%s at %s is UTC+%i minutes', (zone, instant, offset) => {
    expect(offsetMinutesAt(zone, utc(instant))).toBe(offset);
  });

  it('reads and writes local times with the offset of the day (single UTC+5 from 1 March 2024)', () => {
    const almaty = createWorkingTime({
      calendar: kzCalendar(),
      schedule: providerOfficeSchedule,
      timeZone: 'Asia/Almaty',
    });
    const oral = createWorkingTime({
      calendar: kzCalendar(),
      schedule: providerOfficeSchedule,
      timeZone: 'Asia/Oral',
    });
    expect(getInstantOfLocalDateTime(almaty, '2023-06-01T09:00')).toBe(utc('2023-06-01T03:00Z'));
    expect(getInstantOfLocalDateTime(oral, '2023-06-01T09:00')).toBe(utc('2023-06-01T04:00Z'));
    expect(getInstantOfLocalDateTime(almaty, '2024-06-03T09:00')).toBe(
      getInstantOfLocalDateTime(oral, '2024-06-03T09:00'),
    );
    expect(formatInstant(almaty, utc('2023-06-01T03:00Z'))).toBe('2023-06-01T09:00:00+06:00');
    expect(formatInstant(oral, utc('2023-06-01T03:00Z'))).toBe('2023-06-01T08:00:00+05:00');
  });
});

describe('durations and schedules', () => {
  it.each([
    ['15 working days', { amount: 15, unit: 'working_days' }],
    ['1 working day', { amount: 1, unit: 'working_days' }],
    ['30 calendar days', { amount: 30, unit: 'calendar_days' }],
    ['3 hours', { amount: 3, unit: 'hours' }],
    ['15 minutes', { amount: 15, unit: 'minutes' }],
    ['1.5 hours', { amount: 1.5, unit: 'hours' }],
  ])('reads "%s"', (text, expected) => {
    expect(findDuration(text)).toEqual(expected);
    expect(findDuration(formatDuration(expected as never))).toEqual(expected);
  });

  it.each(['15', 'working days', '2 weeks', '-1 hours', '1.5 working days'])(
    'rejects "%s"',
    (text) => {
      expect(findDuration(text)).toBeUndefined();
    },
  );

  it('accepts a custom organisation schedule and rejects overlapping intervals', () => {
    const custom = {
      ...portalSchedule,
      id: 'school-42',
      workingHours: { ...portalSchedule.workingHours, saturday: [{ from: '09:00', to: '13:00' }] },
    };
    expect(Schedule.safeParse(custom).success).toBe(true);
    const overlapping = {
      ...custom,
      workingHours: {
        ...custom.workingHours,
        monday: [
          { from: '09:00', to: '13:00' },
          { from: '12:00', to: '18:00' },
        ],
      },
    };
    expect(Schedule.safeParse(overlapping).success).toBe(false);
    expect(
      Schedule.safeParse({
        ...custom,
        workingHours: { ...custom.workingHours, friday: [{ from: '18:00', to: '09:00' }] },
      }).success,
    ).toBe(false);
  });

  it('a custom Saturday changes the arithmetic', () => {
    const custom = Schedule.parse({
      ...providerOfficeSchedule,
      id: 'school-42',
      workingHours: {
        ...providerOfficeSchedule.workingHours,
        saturday: [{ from: '09:00', to: '13:00' }],
      },
    });
    const time = createWorkingTime({
      calendar: kzCalendar(),
      schedule: custom,
      timeZone: 'Asia/Almaty',
    });
    const friday = getInstantOfLocalDateTime(time, '2024-04-05T18:00');
    expect(formatInstant(time, addDuration(time, friday, { amount: 1, unit: 'hours' }))).toBe(
      '2024-04-06T09:30:00+05:00',
    );
    const standard = createWorkingTime({
      calendar: kzCalendar(),
      schedule: providerOfficeSchedule,
      timeZone: 'Asia/Almaty',
    });
    expect(
      formatInstant(standard, addDuration(standard, friday, { amount: 1, unit: 'hours' })),
    ).toBe('2024-04-08T09:30:00+05:00');
  });

  it('getWorkingTime returns the same tables for an equal schedule and zone', () => {
    const first = getWorkingTime({
      calendar: kzCalendar(),
      schedule: { ...providerOfficeSchedule },
      timeZone: 'Asia/Almaty',
    });
    const second = getWorkingTime({
      calendar: kzCalendar(),
      schedule: { ...providerOfficeSchedule },
      timeZone: 'Asia/Almaty',
    });
    const other = getWorkingTime({
      calendar: kzCalendar(),
      schedule: providerOfficeSchedule,
      timeZone: 'Asia/Oral',
    });
    expect(second).toBe(first);
    expect(other).not.toBe(first);
  });
  it('organisation settings name a standard or a custom schedule and a known zone', () => {
    const standard = WorkingTimeSettings.parse({
      schedule: 'front-office',
      timeZone: 'Asia/Qostanay',
    });
    expect(scheduleOfSettings(standard).id).toBe('front-office');
    const custom = WorkingTimeSettings.parse({
      schedule: { ...providerOfficeSchedule, id: 'archive-7' },
      timeZone: 'Asia/Oral',
    });
    expect(scheduleOfSettings(custom).id).toBe('archive-7');
    expect(
      WorkingTimeSettings.safeParse({ schedule: 'bank', timeZone: 'Asia/Almaty' }).success,
    ).toBe(false);
    expect(
      WorkingTimeSettings.safeParse({ schedule: 'portal', timeZone: 'Asia/Nowhere' }).success,
    ).toBe(false);
  });
});
