// Loads the shipped production-calendar files synchronously for unit tests and benchmarks.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  buildProductionCalendar,
  createWorkingTime,
  ProductionCalendarYear,
  standardSchedules,
  type ProductionCalendar,
  type StandardScheduleId,
  type WorkingTime,
} from '../../src/domain/calendar/index.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../calendar/kz');

/** Every year file of calendar/kz, parsed with the schema. */
export function loadKzYears(): ProductionCalendarYear[] {
  return fs
    .readdirSync(folder)
    .filter((name) => /^\d{4}\.yaml$/.test(name))
    .sort()
    .map((name) =>
      ProductionCalendarYear.parse(parse(fs.readFileSync(path.join(folder, name), 'utf8'))),
    );
}

let calendar: ProductionCalendar | undefined;
/** The production calendar 2012–2027 (built once per test file). */
export function kzCalendar(): ProductionCalendar {
  calendar ??= buildProductionCalendar(loadKzYears());
  return calendar;
}

const times = new Map<string, WorkingTime>();
/** Working time of a standard schedule in a zone (Asia/Almaty by default). */
export function kzWorkingTime(schedule: StandardScheduleId, timeZone = 'Asia/Almaty'): WorkingTime {
  const key = `${schedule}|${timeZone}`;
  let time = times.get(key);
  if (!time) {
    time = createWorkingTime({
      calendar: kzCalendar(),
      schedule: standardSchedules[schedule],
      timeZone,
    });
    times.set(key, time);
  }
  return time;
}
