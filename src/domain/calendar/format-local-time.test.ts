import { describe, expect, it } from 'vitest';
import { getWorkingTime, standardSchedules } from './index.js';
import { formatInstant } from './local-time.js';
import { defaultTimeZone, formatLocalDate, formatLocalDateTime } from './format-local-time.js';
import { kzCalendar } from '../../../test/support/calendar.js';

describe('formatLocalDateTime: the wall clock of the organisation’s zone', () => {
  it('reads Asia/Almaty as UTC+6 before 1 March 2024 and UTC+5 from it', () => {
    expect(defaultTimeZone).toBe('Asia/Almaty');
    expect(formatLocalDateTime(new Date('2024-02-29T12:00:00Z'))).toBe('29.02.2024 18:00');
    expect(formatLocalDateTime(new Date('2024-03-01T12:00:00Z'))).toBe('01.03.2024 17:00');
    expect(formatLocalDateTime(new Date('2013-02-04T04:00:00Z'), 'Asia/Almaty')).toBe(
      '04.02.2013 10:00',
    );
  });

  it('reads the west (Asia/Aqtobe) as UTC+5 on both sides, Asia/Qostanay as Almaty', () => {
    expect(formatLocalDateTime(new Date('2024-02-29T12:00:00Z'), 'Asia/Aqtobe')).toBe(
      '29.02.2024 17:00',
    );
    expect(formatLocalDateTime(new Date('2024-03-01T12:00:00Z'), 'Asia/Aqtobe')).toBe(
      '01.03.2024 17:00',
    );
    expect(formatLocalDateTime(new Date('2019-04-01T04:00:00Z'), 'Asia/Qostanay')).toBe(
      '01.04.2019 10:00',
    );
  });

  it('turns the date at local midnight, not UTC midnight', () => {
    expect(formatLocalDate(new Date('2023-12-31T18:30:00Z'))).toBe('01.01.2024');
    expect(formatLocalDate(new Date('2024-12-31T18:30:00Z'))).toBe('31.12.2024');
    expect(formatLocalDateTime(new Date('2024-12-31T19:00:00Z'))).toBe('01.01.2025 00:00');
  });

  it('falls back to the default zone for an unknown zone name', () => {
    expect(formatLocalDateTime(new Date('2020-06-01T00:00:00Z'), 'Mars/Olympus')).toBe(
      formatLocalDateTime(new Date('2020-06-01T00:00:00Z'), defaultTimeZone),
    );
  });

  it('shows the same wall clock the engine’s working time counts in', () => {
    for (const timeZone of ['Asia/Almaty', 'Asia/Aqtobe', 'Asia/Qostanay']) {
      const time = getWorkingTime({
        calendar: kzCalendar(),
        schedule: standardSchedules['provider-office'],
        timeZone,
      });
      for (const iso of ['2019-11-05T12:34:00Z', '2024-02-29T20:00:00Z', '2025-06-10T03:05:00Z']) {
        const engine = formatInstant(time, new Date(iso).getTime()); // 2019-11-05T18:34:00+06:00
        const [date, clock] = engine.split('T') as [string, string];
        const [y, m, d] = date.split('-');
        expect(formatLocalDateTime(new Date(iso), timeZone)).toBe(
          `${d}.${m}.${y} ${clock.slice(0, 5)}`,
        );
      }
    }
  });
});
