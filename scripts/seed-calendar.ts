// Seeds calendar/kz/<year>.yaml for 2012–2027 from the npm package date-holidays, corrected by hand:
// date-holidays duplicates colliding substitute days (Nauryz 2020/2026), has no transfers of days of
// rest, is off by a day for some Kurban Ait dates and does not know the 2026 Constitution change.
// The corrections and the law history are in scripts/calendar-history.ts. Usage:
//   npx tsx scripts/seed-calendar.ts [--write [--force]] [--from 2012] [--to 2027]
// Without --write it prints what it would change compared with date-holidays.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Holidays from 'date-holidays';
import { format, resolveConfig } from 'prettier';
import { stringify } from 'yaml';
import {
  epochDayFromIsoDate,
  isoDateFromEpochDay,
  isWeekend,
} from '../src/domain/calendar/civil-date.js';
import {
  ProductionCalendarYear,
  type CalendarDay,
  type LegalSource,
} from '../src/domain/calendar/ProductionCalendarYear.js';
import {
  baseSources,
  holidayRules,
  kurbanAit,
  kurbanAitName,
  kurbanAitSource,
  law267,
  yearNotes,
} from './calendar-history.js';
import { substituteMoves, transfers } from './calendar-transfers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const fromYear = option('--from', 2012);
const toYear = option('--to', 2027);
const write = args.includes('--write');
// The YAML files are edited by administrators after seeding: never clobber them silently.
const force = args.includes('--force');

/** date-holidays' view of a year: holiday dates (non-substitute) and substitute dates. */
function seedFromDateHolidays(year: number): { holidays: Set<string>; substitutes: string[] } {
  const source = new Holidays('KZ');
  const holidays = new Set<string>();
  const substitutes: string[] = [];
  for (const entry of source.getHolidays(year)) {
    const date = entry.date.slice(0, 10);
    if (entry.substitute) substitutes.push(date);
    else holidays.add(date);
  }
  return { holidays, substitutes };
}

function buildYear(year: number, diffs: string[]): ProductionCalendarYear {
  const days = new Map<string, CalendarDay>();
  const sources = new Map<string, LegalSource>();
  const use = (source: LegalSource) => {
    sources.set(source.id, source);
    return source.id;
  };
  use(law267);
  use(year >= 2016 ? baseSources.labourCode2015 : baseSources.labourCode2007);
  const allSources = Object.values(baseSources);
  for (const rule of holidayRules) {
    if (year < rule.from || year > rule.to) continue;
    for (const monthDay of rule.days) {
      const date = `${year}-${monthDay}`;
      const extra = rule.sources.map((id) => use(allSources.find((source) => source.id === id)!));
      days.set(date, {
        date,
        kind: rule.religious ? 'religiousHoliday' : 'holiday',
        holiday: rule.id,
        name: rule.name,
        sources: ['law-267', ...extra],
      });
    }
  }
  const kurban = kurbanAit[year];
  if (!kurban) throw new Error(`no Kurban Ait date for ${year}`);
  days.set(kurban.date, {
    date: kurban.date,
    kind: 'religiousHoliday',
    holiday: 'kurban_ait',
    name: kurbanAitName,
    sources: ['law-267', use(kurbanAitSource)],
    ...(kurban.note ? { note: kurban.note + (kurban.verified ? '' : ' (not verified)') } : {}),
  });

  // Substitutes (Law No. 267-II art. 5): for each non-religious holiday on a weekend, in date order,
  // the next weekday that is neither a holiday nor already taken by an earlier substitute.
  const taken = new Set(days.keys());
  const weekendHolidays = [...days.values()]
    .filter((day) => day.kind === 'holiday' && isWeekend(epochDayFromIsoDate(day.date)))
    .sort((a, b) => a.date.localeCompare(b.date));
  const substitutes: CalendarDay[] = [];
  for (const holiday of weekendHolidays) {
    let candidate = epochDayFromIsoDate(holiday.date) + 1;
    while (isWeekend(candidate) || taken.has(isoDateFromEpochDay(candidate))) candidate += 1;
    const date = isoDateFromEpochDay(candidate);
    taken.add(date);
    const move = substituteMoves.find((entry) => entry.holiday === holiday.date);
    substitutes.push({
      date: move ? move.to : date,
      kind: 'substituteDayOff',
      holiday: holiday.holiday,
      name: {
        kk: `${holiday.name.kk} (ауыстырылған демалыс күні)`,
        ru: `${holiday.name.ru} (перенесённый выходной)`,
        en: `${holiday.name.en} (substitute day off)`,
      },
      substituteFor: holiday.date,
      sources: move ? ['law-267', use(move.source)] : ['law-267'],
      ...(move
        ? {
            note: `By law the substitute would be ${date}; moved to ${move.to}, ${date} is a working day.`,
          }
        : {}),
    });
  }
  // Substitutes of holidays of the previous year that spill into this one (e.g. 31 December on a weekend) are
  // not possible with Kazakhstan's holidays; substitutes that spill into the next year are kept in their own year.
  for (const substitute of substitutes) {
    if (substitute.date.startsWith(`${year}-`)) days.set(substitute.date, substitute);
  }
  for (const transfer of transfers) {
    const id = transfer.source.id;
    if (transfer.workingDay.startsWith(`${year}-`)) {
      use(transfer.source);
      days.set(transfer.workingDay, {
        date: transfer.workingDay,
        kind: 'transferredWorkingDay',
        name: {
          kk: 'Жұмыс күні (демалыс күні ауыстырылды)',
          ru: 'Рабочий день (перенос дня отдыха)',
          en: 'Working day (day of rest transferred)',
        },
        pairedWith: transfer.dayOff,
        sources: [id],
      });
    }
    if (transfer.dayOff.startsWith(`${year}-`)) {
      use(transfer.source);
      days.set(transfer.dayOff, {
        date: transfer.dayOff,
        kind: 'transferredDayOff',
        name: {
          kk: 'Ауыстырылған демалыс күні',
          ru: 'День отдыха (перенос)',
          en: 'Day of rest (transferred)',
        },
        pairedWith: transfer.workingDay,
        sources: [id],
      });
    }
  }

  const seed = seedFromDateHolidays(year);
  const ours = [...days.values()];
  for (const date of seed.holidays) {
    if (
      !ours.some(
        (day) => day.date === date && (day.kind === 'holiday' || day.kind === 'religiousHoliday'),
      )
    ) {
      diffs.push(
        `${year}: date-holidays lists a holiday on ${date}; dropped (law history / Kurban Ait correction)`,
      );
    }
  }
  for (const day of ours) {
    if (
      (day.kind === 'holiday' || day.kind === 'religiousHoliday') &&
      !seed.holidays.has(day.date)
    ) {
      diffs.push(`${year}: added ${day.holiday} on ${day.date} (missing in date-holidays)`);
    }
  }
  const seedSubs = [...seed.substitutes].sort();
  const ourSubs = substitutes.map((day) => day.date).sort();
  if (seedSubs.join() !== ourSubs.join()) {
    diffs.push(
      `${year}: substitutes date-holidays [${seedSubs.join(', ')}] → corrected [${ourSubs.join(', ')}]`,
    );
  }

  const candidate = {
    country: 'KZ' as const,
    year,
    sources: [...sources.values()],
    days: ours.sort((a, b) => a.date.localeCompare(b.date)),
    ...(yearNotes[year] ? { notes: yearNotes[year] } : {}),
  };
  return ProductionCalendarYear.parse(candidate);
}

const diffs: string[] = [];
for (let year = fromYear; year <= toYear; year += 1) {
  const data = buildYear(year, diffs);
  if (write) {
    const file = path.join(root, 'calendar', 'kz', `${year}.yaml`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (fs.existsSync(file) && !force) {
      console.log(`kept ${path.relative(root, file)} (exists; --force overwrites it)`);
      continue;
    }
    const header =
      `# Production calendar of Kazakhstan, ${year}. Seeded by scripts/seed-calendar.ts from date-holidays and\n` +
      `# corrected by hand; edit this file to correct or extend it, then run \`npx qyzmet calendar check\`.\n`;
    fs.writeFileSync(
      file,
      await format(header + stringify(data, { lineWidth: 0 }), {
        ...(await resolveConfig(file)),
        parser: 'yaml',
      }),
    );
  }
}
for (const line of diffs) console.log(line);
console.log(write ? 'done' : 'dry run (use --write to write the files)');
