import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { fromRoot } from '../config/paths.js';
import { ProductionCalendarYear } from '../domain/calendar/ProductionCalendarYear.js';

/** The folder of a country's production-calendar files (calendar/kz by default). */
export const calendarFolder = (country = 'kz'): string => fromRoot('calendar', country);

/** One file's outcome: the parsed year, or the problems that keep it from parsing. */
export type CalendarFileResult =
  | { file: string; ok: true; year: ProductionCalendarYear }
  | { file: string; ok: false; problems: string[] };

/**
 * Reads and validates every <year>.yaml in the folder, in year order. Returns a result per file
 * instead of throwing (batch), so `calendar check` can list every defect.
 */
export async function readCalendarFiles(folder = calendarFolder()): Promise<CalendarFileResult[]> {
  const names = (await fs.readdir(folder)).filter((name) => /^\d{4}\.ya?ml$/.test(name)).sort();
  return Promise.all(
    names.map(async (name): Promise<CalendarFileResult> => {
      const file = path.join(folder, name);
      let data: unknown;
      try {
        data = parse(await fs.readFile(file, 'utf8'));
      } catch (error) {
        return { file, ok: false, problems: [`not valid YAML: ${(error as Error).message}`] };
      }
      const parsed = ProductionCalendarYear.safeParse(data);
      if (!parsed.success) {
        return {
          file,
          ok: false,
          problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
        };
      }
      if (`${parsed.data.year}` !== name.slice(0, 4)) {
        return {
          file,
          ok: false,
          problems: [`the file is named ${name} but holds year ${parsed.data.year}`],
        };
      }
      return { file, ok: true, year: parsed.data };
    }),
  );
}

/** Reads the files and returns the years; throws with every problem listed when a file is invalid. */
export async function loadCalendarYears(
  folder = calendarFolder(),
): Promise<ProductionCalendarYear[]> {
  const results = await readCalendarFiles(folder);
  const failures = results.filter((result) => !result.ok);
  if (failures.length > 0) {
    const lines = failures.flatMap((failure) =>
      failure.ok ? [] : failure.problems.map((problem) => `${failure.file}: ${problem}`),
    );
    throw new Error(`invalid production-calendar files:\n${lines.join('\n')}`);
  }
  return results.flatMap((result) => (result.ok ? [result.year] : []));
}
