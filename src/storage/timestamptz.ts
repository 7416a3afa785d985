/**
 * Parses PostgreSQL's text form of a `timestamptz` (DateStyle ISO: `2026-01-02 05:00:00+00`,
 * `2026-01-02 05:00:00.123456+05`, `…+05:30`, `…-03:30:15`) into a Date, by character codes:
 * an application list parses six of them a row. Anything else — a year of more than four
 * digits, BC, `infinity` — goes to `fallback`, the driver's own parser, so the result is
 * always the driver's. Microseconds are truncated to milliseconds, as the driver does.
 */
export function timestamptzParser(fallback: (text: string) => unknown): (text: string) => unknown {
  return (text) => parseIso(text) ?? fallback(text);
}

function parseIso(text: string): Date | undefined {
  // YYYY-MM-DD hh:mm:ss = 19 characters, then an optional fraction, then the zone.
  if (text.length < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 32) return;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (
    year < 100 || // Date.UTC reads 0–99 as 1900–1999: the driver's parser handles them.
    month < 0 ||
    day < 0 ||
    hour < 0 ||
    minute < 0 ||
    second < 0 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  ) {
    return;
  }
  let index = 19;
  let milliseconds = 0;
  if (text.charCodeAt(index) === 46) {
    index += 1;
    let scale = 100;
    while (index < text.length) {
      const digit = text.charCodeAt(index) - 48;
      if (digit < 0 || digit > 9) break;
      milliseconds += digit * scale;
      scale /= 10;
      index += 1;
    }
    milliseconds = Math.floor(milliseconds);
  }
  const sign = text.charCodeAt(index);
  if (sign !== 43 && sign !== 45) return;
  const zone = text.slice(index + 1);
  // hh, hh:mm or hh:mm:ss
  if (zone.length !== 2 && zone.length !== 5 && zone.length !== 8) return;
  const zoneHours = digits(zone, 0, 2);
  const zoneMinutes = zone.length >= 5 && zone.charCodeAt(2) === 58 ? digits(zone, 3, 2) : 0;
  const zoneSeconds = zone.length === 8 && zone.charCodeAt(5) === 58 ? digits(zone, 6, 2) : 0;
  if (zoneHours < 0 || zoneMinutes < 0 || zoneSeconds < 0) return;
  if (zone.length >= 5 && zone.charCodeAt(2) !== 58) return;
  if (zone.length === 8 && zone.charCodeAt(5) !== 58) return;
  const offsetMs = ((zoneHours * 60 + zoneMinutes) * 60 + zoneSeconds) * 1000;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
  return new Date(sign === 43 ? utc - offsetMs : utc + offsetMs);
}

/** The number written by `length` decimal digits at `start`, or -1. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let index = start; index < start + length; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
