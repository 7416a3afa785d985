import { parseArgs } from 'node:util';
import {
  addDuration,
  buildProductionCalendar,
  checkProductionCalendar,
  createWorkingTime,
  findDuration,
  findInstantOfLocalDateTime,
  formatInstant,
  isKnownTimeZone,
  listYearDays,
  standardSchedules,
  type StandardScheduleId,
} from '../../domain/calendar/index.js';
import {
  calendarFolder,
  loadCalendarYears,
  readCalendarFiles,
} from '../../storage/calendar-files.js';
import { vocabularyOf } from '../vocabulary-of.js';
import { UsageError, type Command } from '../command.js';

const scheduleAliases: Record<string, StandardScheduleId> = {
  provider: 'provider-office',
  'provider-office': 'provider-office',
  'front-office': 'front-office',
  portal: 'portal',
};

const usage = `Usage: qyzmet calendar <due|days|check> [options]

  due --start <YYYY-MM-DDTHH:MM> --term "<n> <minutes|hours|working days|calendar days>"
      [--schedule provider|front-office|portal] [--region <code>] [--exclude-start-day] [--json]
            prints the due instant as ISO 8601 with the offset; the start is local time of the region
  days <year> [--json]
            prints the year's days off and transfers with their legal sources
  check [--json]
            validates calendar/kz/*.yaml (schema, substitutes, transfers, sources, years 2012–2027);
            exit code 1 when there are errors (unverified sources are warnings)

Regions: the codes of regulations/_vocabulary/regions.yaml (REGULATIONS_DIR), each with its time
zone (default: the country's), or an IANA zone such as Asia/Oral.`;

/** The time zone of a region of the vocabulary (the country's when none is given), or an IANA zone. */
function zoneOf(region: string | undefined): string {
  if (region?.includes('/')) {
    if (isKnownTimeZone(region)) return region;
    throw new UsageError(`unknown time zone "${region}"`);
  }
  const vocabulary = vocabularyOf();
  const found = region === undefined ? vocabulary.country : vocabulary.findRegion(region);
  if (!found) throw new UsageError(`unknown region "${region}"`);
  return found.timeZone;
}

async function runDue(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      start: { type: 'string' },
      term: { type: 'string' },
      schedule: { type: 'string', default: 'provider' },
      region: { type: 'string' },
      'exclude-start-day': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.start) throw new UsageError('missing --start');
  if (!values.term) throw new UsageError('missing --term');
  const duration = findDuration(values.term);
  if (!duration) throw new UsageError(`cannot read the term "${values.term}"`);
  const scheduleId = scheduleAliases[values.schedule];
  if (!scheduleId) throw new UsageError(`unknown schedule "${values.schedule}"`);
  const timeZone = zoneOf(values.region);
  const calendar = buildProductionCalendar(await loadCalendarYears());
  const time = createWorkingTime({ calendar, schedule: standardSchedules[scheduleId], timeZone });
  const start = findInstantOfLocalDateTime(time, values.start);
  if (start === undefined) {
    throw new UsageError(
      `--start must be a local date-time YYYY-MM-DDTHH:MM within ${calendar.firstYear}–${calendar.lastYear}`,
    );
  }
  const due = addDuration(time, start, duration, { excludeStartDay: values['exclude-start-day'] });
  if (values.json) {
    console.log(
      JSON.stringify({
        start: formatInstant(time, start),
        term: duration,
        schedule: scheduleId,
        timeZone,
        excludeStartDay: values['exclude-start-day'],
        due: formatInstant(time, due),
      }),
    );
  } else {
    console.log(formatInstant(time, due));
  }
  return 0;
}

async function runDays(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  const year = Number(positionals[0]);
  if (!positionals[0] || !Number.isInteger(year)) throw new UsageError('missing or invalid <year>');
  const years = await loadCalendarYears();
  const entry = years.find((candidate) => candidate.year === year);
  if (!entry) {
    console.error(`qyzmet calendar: no data for ${year} in ${calendarFolder()}`);
    return 1;
  }
  const days = listYearDays(buildProductionCalendar(years), year);
  if (values.json) {
    console.log(
      JSON.stringify({ year, days, sources: entry.sources, notes: entry.notes ?? [] }, null, 2),
    );
    return 0;
  }
  const sources = new Map(entry.sources.map((source) => [source.id, source]));
  for (const day of days) {
    const detail = day.substituteFor
      ? ` (for ${day.substituteFor})`
      : day.pairedWith
        ? ` (paired with ${day.pairedWith})`
        : '';
    console.log(`${day.date}  ${day.kind.padEnd(21)} ${day.name.ru} / ${day.name.kk}${detail}`);
    for (const id of day.sources) {
      const source = sources.get(id);
      console.log(
        `            ${source ? `${source.title}${source.verified ? '' : ' [not verified]'}` : id}`,
      );
    }
  }
  for (const note of entry.notes ?? []) console.log(`note: ${note}`);
  return 0;
}

async function runCheck(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean', default: false } },
  });
  const results = await readCalendarFiles();
  const problems = results.flatMap((result) =>
    result.ok
      ? []
      : result.problems.map((message) => ({
          severity: 'error' as const,
          file: result.file,
          message,
        })),
  );
  const years = results.flatMap((result) => (result.ok ? [result.year] : []));
  const issues = checkProductionCalendar(years, { requiredYears: { from: 2012, to: 2027 } });
  const errors = problems.length + issues.filter((issue) => issue.severity === 'error').length;
  const warnings = issues.length - issues.filter((issue) => issue.severity === 'error').length;
  if (values.json) {
    console.log(
      JSON.stringify({ files: results.length, errors, warnings, problems, issues }, null, 2),
    );
  } else {
    for (const problem of problems) console.log(`error   ${problem.file}: ${problem.message}`);
    for (const issue of issues)
      console.log(
        `${issue.severity.padEnd(7)} ${issue.year}${issue.date ? ` ${issue.date}` : ''}: ${issue.message}`,
      );
    console.log(
      `${results.length} files (${years.map((entry) => entry.year).join(', ')}): ${errors} errors, ${warnings} warnings`,
    );
  }
  return errors === 0 ? 0 : 1;
}

export const calendarCommand: Command = {
  name: 'calendar',
  summary:
    'Working calendar: due instants (calendar due), days off (calendar days), data check (calendar check)',
  usage,
  async run(argv) {
    const [action, ...rest] = argv;
    switch (action) {
      case 'due':
        return runDue(rest);
      case 'days':
        return runDays(rest);
      case 'check':
        return runCheck(rest);
      case undefined:
      default:
        throw new UsageError(
          action ? `unknown calendar action "${action}"` : 'missing calendar action',
        );
    }
  },
};
