import type { QueueServices } from '../../src/features/preschool-queue/queue-services.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { loadQueueRules } from '../../src/storage/queue-rules-files.js';
import { kzCalendar } from './calendar.js';
import { createTestDatabase } from './database.js';

/** The district of the kindergarten queue's lifecycle tests (Shymkent, Al-Farabi). */
export const lifecycleRegion = 'south-kazakhstan';
export const lifecycleDistrict = 'shymkent-al-farabi';

/**
 * The fixture of the kindergarten queue's lifecycle tests (allocation, aged out): a fresh
 * database, the regions' queue rules (queue-rules/), the queue's services on the test's clock
 * `now` and the Kazakhstan calendar, and one kindergarten of the district, kg-1 «Балбобек» —
 * with its Russian group kg-1-ru-3 for ages 2 to 4 when `withGroup`.
 */
export async function createQueueLifecycleFixture(
  now: () => Date,
  options: { withGroup?: boolean } = {},
): Promise<{ database: DatabaseHandle; services: QueueServices }> {
  const database = await createTestDatabase();
  const loaded = loadQueueRules();
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const services: QueueServices = {
    db: database.db,
    now,
    calendar: kzCalendar(),
    rules: loaded.rules,
  };
  await database.db
    .insertInto('queue_kindergarten')
    .values({
      id: 'kg-1',
      organisation_id: 'org-kg-1',
      region: lifecycleRegion,
      district: lifecycleDistrict,
      name: JSON.stringify({ kk: 'Балбөбек', ru: 'Балбобек', en: 'Balbobek' }),
      time_zone: 'Asia/Almaty',
    })
    .execute();
  if (options.withGroup)
    await database.db
      .insertInto('queue_group')
      .values({
        id: 'kg-1-ru-3',
        kindergarten_id: 'kg-1',
        age_from: 2,
        age_to: 4,
        language: 'ru',
        special_needs: null,
      })
      .execute();
  return { database, services };
}

/** A registration in the fixture's district preferring kg-1: Russian, no special needs. */
export function lifecycleRegistration(child: {
  childIin: string;
  birthDate: string;
  phone: string;
  category: 'general' | 'primary';
}) {
  return {
    region: lifecycleRegion,
    district: lifecycleDistrict,
    ...child,
    preferred: ['kg-1'],
    language: 'ru',
    specialNeeds: null,
    desiredStart: '2026-09-01',
  };
}
