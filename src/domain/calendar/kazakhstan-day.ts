// Made once: a formatter costs tens of microseconds to build, and the public status and the
// catalogue ask for the day on every request.
const kazakhstanDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' });

/**
 * Today's date in Kazakhstan, as `YYYY-MM-DD`; the instant is passed in. Asia/Almaty carries the
 * country's history (UTC+6 until 1 March 2024, UTC+5 since, the whole country).
 */
export function kazakhstanDay(now: Date): string {
  return kazakhstanDayFormat.format(now);
}
