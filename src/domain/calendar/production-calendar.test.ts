import { describe, expect, it } from 'vitest';
import { kzCalendar, loadKzYears } from '../../../test/support/calendar.js';
import { epochDayFromIsoDate } from './civil-date.js';
import { checkProductionCalendar, DayStatus, getDayStatus } from './production-calendar.js';
import { ProductionCalendarYear } from './ProductionCalendarYear.js';

const years = loadKzYears();
const kindOn = (date: string) => kzCalendar().days.get(date)?.kind;

describe('the shipped calendar data 2012–2027', () => {
  it('has every year 2012–2027 and passes the check without errors', () => {
    expect(years.map((entry) => entry.year)).toEqual(
      Array.from({ length: 16 }, (_, index) => 2012 + index),
    );
    const errors = checkProductionCalendar(years, {
      requiredYears: { from: 2012, to: 2027 },
    }).filter((issue) => issue.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('records a legal source for every listed day, and every year cites Law No. 267-II', () => {
    for (const entry of years) {
      const ids = new Set(entry.sources.map((source) => source.id));
      expect(
        entry.sources.some((source) => source.kind === 'law' && source.title.includes('267-II')),
      ).toBe(true);
      for (const day of entry.days) {
        expect(day.sources.length).toBeGreaterThan(0);
        for (const id of day.sources) expect(ids.has(id)).toBe(true);
      }
    }
  });

  it.each([
    [2012, '2012-10-26'],
    [2013, '2013-10-15'],
    [2014, '2014-10-04'],
    [2015, '2015-09-24'],
    [2016, '2016-09-12'],
    [2017, '2017-09-01'],
    [2018, '2018-08-21'],
    [2019, '2019-08-11'],
    [2020, '2020-07-31'],
    [2021, '2021-07-20'],
    [2022, '2022-07-09'],
    [2023, '2023-06-28'],
    [2024, '2024-06-17'],
    [2025, '2025-06-06'],
    [2026, '2026-05-27'],
    [2027, '2027-05-16'],
  ])('Kurban Ait day 1 of %i is %s', (year, date) => {
    const entry = years.find((candidate) => candidate.year === year);
    expect(
      entry?.days.filter((day) => day.holiday === 'kurban_ait').map((day) => day.date),
    ).toEqual([date]);
  });

  it('encodes the law history per year', () => {
    expect(kindOn('2012-05-07')).toBeUndefined(); // Defender's day from 2013
    expect(kindOn('2013-05-07')).toBe('holiday');
    expect(kindOn('2021-12-01')).toBe('holiday'); // First President's day 2012–2021
    expect(kindOn('2022-12-01')).toBeUndefined();
    expect(kindOn('2021-12-17')).toBe('holiday'); // Independence Day two days until 2021
    expect(kindOn('2023-12-17')).toBeUndefined();
    expect(kindOn('2021-10-25')).toBeUndefined(); // Republic Day restored 2022
    expect(kindOn('2022-10-25')).toBe('holiday');
    expect(kindOn('2025-08-30')).toBe('holiday'); // Constitution Day 30 Aug until 2025
    expect(kindOn('2026-08-30')).toBeUndefined();
    expect(kindOn('2026-08-31')).toBeUndefined();
    expect(kindOn('2027-03-15')).toBe('holiday'); // 15 March from 2027
  });

  it('has one substitute per colliding holiday, none for religious days', () => {
    expect(kindOn('2020-03-23')).toBe('holiday');
    expect(kindOn('2020-03-24')).toBe('substituteDayOff');
    expect(kindOn('2020-03-25')).toBe('substituteDayOff');
    expect(kindOn('2022-07-11')).toBeUndefined(); // Kurban Ait on Saturday 9 July 2022
    expect(kindOn('2023-01-09')).toBeUndefined(); // Orthodox Christmas on Saturday 7 January 2023
    expect(kzCalendar().days.get('2016-05-10')?.substituteFor).toBe('2016-05-07');
  });

  it('has the transfers with their resolutions', () => {
    const calendar = kzCalendar();
    expect(getDayStatus(calendar, epochDayFromIsoDate('2012-12-29'))).toBe(
      DayStatus.transferredWorkingDay,
    );
    expect(getDayStatus(calendar, epochDayFromIsoDate('2012-12-31'))).toBe(
      DayStatus.transferredDayOff,
    );
    expect(calendar.days.get('2022-03-07')?.sources).toEqual(['pp-2021-713']);
    const source = years
      .find((entry) => entry.year === 2022)
      ?.sources.find((candidate) => candidate.id === 'pp-2021-713');
    expect(source).toMatchObject({ number: '713', date: '2021-10-06', verified: true });
  });
});

describe('the check finds defects', () => {
  const year2020 = () =>
    structuredClone(years.find((entry) => entry.year === 2020)) as ProductionCalendarYear;

  it('rejects a duplicated substitute (the date-holidays defect) in the schema', () => {
    const broken = year2020();
    const nauryz = broken.days.find((day) => day.date === '2020-03-24');
    if (!nauryz) throw new Error('fixture');
    broken.days.push({ ...nauryz });
    expect(ProductionCalendarYear.safeParse(broken).success).toBe(false);
  });

  it('reports a weekend holiday without a substitute and two substitutes for one holiday', () => {
    const broken = year2020();
    broken.days = broken.days.filter((day) => day.date !== '2020-08-31');
    const second = broken.days.find((day) => day.date === '2020-03-25');
    if (!second) throw new Error('fixture');
    second.substituteFor = '2020-03-21';
    const messages = checkProductionCalendar([broken])
      .filter((issue) => issue.severity === 'error')
      .map((issue) => `${issue.date}: ${issue.message}`);
    expect(messages).toContain('2020-08-30: a holiday on a weekend has no substitute day off');
    expect(
      messages.some((message) => message.startsWith('2020-03-21: has 2 substitute days')),
    ).toBe(true);
  });

  it('reports a substitute for a religious day, an unpaired transfer and a missing year', () => {
    const broken = year2020();
    broken.days.push({
      date: '2020-08-03',
      kind: 'substituteDayOff',
      holiday: 'kurban_ait',
      substituteFor: '2020-07-31',
      name: { kk: 'x', ru: 'x', en: 'x' },
      sources: ['law-267'],
    });
    broken.days = broken.days.filter((day) => day.date !== '2020-01-05');
    const messages = checkProductionCalendar([broken], {
      requiredYears: { from: 2019, to: 2020 },
    }).map((issue) => issue.message);
    expect(
      messages.some((message) => message.includes('religious days off get no substitute')),
    ).toBe(true);
    expect(messages).toContain('its pair 2020-01-05 is not listed');
    expect(messages).toContain('calendar/kz/2019.yaml is missing');
  });

  it('rejects a transferred working day on a weekday and an unknown source', () => {
    const broken = year2020();
    broken.days.push({
      date: '2020-02-04',
      kind: 'transferredWorkingDay',
      pairedWith: '2020-02-07',
      name: { kk: 'x', ru: 'x', en: 'x' },
      sources: ['nowhere'],
    });
    const result = ProductionCalendarYear.safeParse(broken);
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((issue) => issue.message) ?? [];
    expect(messages).toContain('unknown source "nowhere"');
    expect(messages).toContain('2020-02-04: a transferred working day is a Saturday or Sunday');
  });
});
