import { describe, expect, it } from 'vitest';
import { getWorkingTime, standardSchedules } from '../../domain/calendar/index.js';
import { kzCalendar } from '../../../test/support/calendar.js';
import { formatLocal, indicatorFor } from './deadline-indicator.js';

const time = getWorkingTime({
  calendar: kzCalendar(),
  schedule: standardSchedules['front-office'],
  timeZone: 'Asia/Qostanay',
});

describe('front-office deadline indicators', () => {
  const start = new Date('2019-10-14T04:00:00Z');
  const due = new Date('2019-10-31T12:00:00Z');

  it('is on time early, warning in the last working day and quarter, overdue after', () => {
    expect(indicatorFor(time, new Date('2019-10-15T04:00:00Z'), due, start)).toBe('on_time');
    expect(indicatorFor(time, new Date('2019-10-31T05:00:00Z'), due, start)).toBe('warning');
    expect(indicatorFor(time, new Date('2019-10-31T12:00:01Z'), due, start)).toBe('overdue');
    expect(indicatorFor(time, new Date('2019-10-31T05:00:00Z'), null, start)).toBe('none');
  });

  it('prints times in the organisation’s zone (Almaty UTC+6 before 1 March 2024, UTC+5 after)', () => {
    expect(formatLocal(new Date('2019-10-31T19:30:00Z'))).toBe('01.11.2019 01:30');
    expect(formatLocal(new Date('2019-10-31T19:30:00Z'), 'Asia/Aqtobe')).toBe('01.11.2019 00:30');
    expect(formatLocal(new Date('2025-10-31T19:30:00Z'))).toBe('01.11.2025 00:30');
  });
});
