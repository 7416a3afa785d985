import { buildProductionCalendar } from '../../domain/calendar/index.js';
import { formatIssues } from '../../domain/regulation/define-regulation.js';
import { createRegulationCatalog } from '../../domain/regulation/regulation-catalog.js';
import { loadCalendarYears } from '../../storage/calendar-files.js';
import type { Database } from '../../storage/db.js';
import { loadRegulations } from '../../storage/regulation-files.js';
import type { ApplicationServices } from './application-services.js';

/**
 * Builds the application services at boot: every regulation definition under regulations/
 * and the production calendar under calendar/, both validated. Fails fast, naming each bad
 * file, rather than start with a regulation missing.
 */
export async function loadApplicationServices(
  db: Database,
  now: () => Date,
  folders: { regulations?: string; calendar?: string; sandbox?: boolean } = {},
): Promise<ApplicationServices> {
  const loaded = loadRegulations(folders.regulations);
  if (loaded.parseFailures.length > 0) {
    throw new Error(
      `invalid regulation files:\n${loaded.parseFailures.map((failure) => formatIssues(failure.issues)).join('\n')}`,
    );
  }
  const calendar = buildProductionCalendar(await loadCalendarYears(folders.calendar));
  return {
    db,
    regulations: createRegulationCatalog(loaded.regulations.map((entry) => entry.regulation)),
    calendar,
    now,
    ...(folders.sandbox ? { sandbox: true } : {}),
  };
}
