import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { fromRoot } from '../../config/paths.js';
import type { Database } from '../../storage/db.js';
import {
  upsertQueueDistrict,
  upsertQueueKindergarten,
} from '../../storage/preschool-queue-view.repository.js';

const Code = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9-]*$/)
  .describe('a code: lower-case letters, digits and hyphens');
const Name = z
  .object({
    kk: z.string().min(1).max(200),
    ru: z.string().min(1).max(200),
    en: z.string().min(1).max(200),
  })
  .strict()
  .describe('the name in Kazakh, Russian and English');

/** The demo kindergartens file (`seed/queue-kindergartens.yaml`): regions, districts, kindergartens, groups. */
export const QueueKindergartenSeed = z.array(
  z
    .object({
      region: Code.describe('the region, as in regulations/_vocabulary/regions.yaml'),
      timeZone: z.string().default('Asia/Almaty').describe('the kindergartens’ time zone'),
      districts: z.array(
        z
          .object({
            code: Code,
            name: Name,
            department: Code.describe('the education department keeping the district’s queue'),
            kindergartens: z.array(
              z
                .object({
                  id: Code,
                  organisation: Code.describe('whose staff publish the places'),
                  name: Name,
                  groups: z
                    .array(
                      z
                        .object({
                          id: Code,
                          ageFrom: z.number().int().min(0).max(7),
                          ageTo: z.number().int().min(0).max(7),
                          language: z.enum(['kk', 'ru']),
                          specialNeeds: z.string().min(1).max(40).optional(),
                        })
                        .strict()
                        .refine((group) => group.ageFrom <= group.ageTo, 'ageFrom after ageTo'),
                    )
                    .min(1),
                })
                .strict(),
            ),
          })
          .strict(),
      ),
    })
    .strict(),
);
export type QueueKindergartenSeed = z.infer<typeof QueueKindergartenSeed>;

/** Reads and validates the demo kindergartens file. */
export function readQueueKindergartenSeed(
  file: string = fromRoot('seed', 'queue-kindergartens.yaml'),
): QueueKindergartenSeed {
  return QueueKindergartenSeed.parse(parseYaml(fs.readFileSync(file, 'utf8')));
}

/** Loads the districts and kindergartens of the queue (idempotent: running it again changes nothing). */
export async function seedQueueKindergartens(
  db: Database,
  seed: QueueKindergartenSeed = readQueueKindergartenSeed(),
): Promise<{ districts: number; kindergartens: number }> {
  let districts = 0;
  let kindergartens = 0;
  await db.transaction().execute(async (trx) => {
    for (const region of seed) {
      for (const district of region.districts) {
        await upsertQueueDistrict(trx, {
          region: region.region,
          code: district.code,
          name: district.name,
          departmentOrganisationId: district.department,
        });
        districts += 1;
        for (const kindergarten of district.kindergartens) {
          await upsertQueueKindergarten(trx, {
            id: kindergarten.id,
            organisationId: kindergarten.organisation,
            key: { region: region.region, district: district.code },
            name: kindergarten.name,
            timeZone: region.timeZone,
            groups: kindergarten.groups.map((group) => ({
              id: group.id,
              ageFrom: group.ageFrom,
              ageTo: group.ageTo,
              language: group.language,
              specialNeeds: group.specialNeeds ?? null,
            })),
          });
          kindergartens += 1;
        }
      }
    }
  });
  return { districts, kindergartens };
}
