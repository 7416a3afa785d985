import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { timestamptzParser } from './timestamptz.js';

const driver = pg.types.getTypeParser(1184, 'text') as (text: string) => unknown;
const parse = timestamptzParser(driver);

/** PostgreSQL's ISO text of an instant at a zone offset (seconds east of UTC). */
function postgresText(instant: number, offsetSeconds: number, fractionDigits: number): string {
  const local = new Date(instant + offsetSeconds * 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const fraction =
    fractionDigits === 0
      ? ''
      : '.' +
        String(local.getUTCMilliseconds() * 1000 + 123)
          .padStart(6, '0')
          .slice(0, fractionDigits);
  const sign = offsetSeconds < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetSeconds);
  const hours = Math.floor(magnitude / 3600);
  const minutes = Math.floor((magnitude % 3600) / 60);
  const seconds = magnitude % 60;
  const zone =
    seconds !== 0
      ? `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`
      : minutes !== 0
        ? `${pad(hours)}:${pad(minutes)}`
        : pad(hours);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${fraction}${sign}${zone}`
  );
}

describe('timestamptzParser', () => {
  it('reads the texts PostgreSQL writes exactly as the driver does', () => {
    const offsets = [0, 5 * 3600, 6 * 3600, -3 * 3600 - 1800, 5 * 3600 + 1800, 3600 * 4 + 2715];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let compared = 0;
    for (let index = 0; index < 3000; index += 1) {
      const instant = Date.UTC(1900, 0, 1) + Math.floor(random() * 200 * 365.25 * 86_400_000);
      const text = postgresText(
        instant,
        offsets[index % offsets.length]!,
        index % 7, // 0 to 6 fractional digits
      );
      const expected = driver(text) as Date;
      const actual = parse(text) as Date;
      expect(actual, text).toBeInstanceOf(Date);
      expect(actual.getTime(), text).toBe(expected.getTime());
      compared += 1;
    }
    expect(compared).toBe(3000);
  });

  it('reads the last millisecond of a day and a leap day', () => {
    expect((parse('2024-02-29 23:59:59.999999+05') as Date).toISOString()).toBe(
      '2024-02-29T18:59:59.999Z',
    );
    expect((parse('2026-12-31 23:59:59.999+00') as Date).toISOString()).toBe(
      '2026-12-31T23:59:59.999Z',
    );
  });

  it('leaves what it does not read to the driver: BC, years before 100 or past 9999, infinity', () => {
    for (const text of [
      '0044-03-15 12:00:00+00 BC',
      '0099-01-01 00:00:00+00',
      '12026-01-01 00:00:00+00',
      'infinity',
      '-infinity',
    ]) {
      const expected = driver(text);
      const actual = parse(text);
      if (expected instanceof Date)
        expect((actual as Date).getTime(), text).toBe(expected.getTime());
      else expect(actual, text).toBe(expected);
    }
  });
});
