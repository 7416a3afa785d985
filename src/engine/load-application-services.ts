import { buildProductionCalendar } from '../domain/calendar/index.js';
import { loadCalendarYears } from '../storage/calendar-files.js';
import type { Database } from '../storage/db.js';
import { loadQueueRules } from '../storage/queue-rules-files.js';
import { loadRegulationCatalog } from '../storage/regulation-files.js';
import { registryCatalogue } from '../integrations/registry-adapters.js';
import type { ApplicationServices } from './application-services.js';

/**
 * Builds the application services at boot: the regulation definitions under regulations/ (or
 * `folders.regulations`) with their vocabulary, and the production calendar under calendar/,
 * all validated. A definition file with errors is left out and named in
 * `regulations.broken` (reported by /health and the administration); the others run. An invalid
 * vocabulary or calendar fails the start, naming each bad file.
 */
export async function loadApplicationServices(
  db: Database,
  now: () => Date,
  folders: { regulations?: string; calendar?: string; sandbox?: boolean } = {},
): Promise<ApplicationServices> {
  const regulations = loadRegulationCatalog(
    { registries: registryCatalogue() },
    folders.regulations,
  );
  const calendar = buildProductionCalendar(await loadCalendarYears(folders.calendar));
  const queueRules = loadQueueRules();
  if (!queueRules.ok) {
    const [first] = queueRules.issues;
    throw new Error(
      `queue-rules/${first?.file ?? ''}: ${first?.path ?? ''} ${first?.message ?? 'invalid'}`,
    );
  }
  return {
    db,
    regulations,
    calendar,
    now,
    queueRules: queueRules.rules,
    ...(folders.sandbox ? { sandbox: true } : {}),
  };
}
