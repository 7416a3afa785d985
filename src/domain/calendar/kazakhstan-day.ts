/** Today's date in Kazakhstan (UTC+5), as `YYYY-MM-DD`; the instant is passed in. */
export function kazakhstanDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(now);
}
