import { z } from 'zod';

const OrganisationId = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'an organisation id of seed/organisations');
const RegionCode = z.string().regex(/^[a-z0-9-]{1,64}$/, 'a region code of the vocabulary');

/** seed/demo.yaml: the demo installation's organisations, region by region (data, not code). */
export const DemoInstallation = z
  .object({
    regionAdministrator: OrganisationId.describe('Organisation of the demo region administrator'),
    nationalStandardsIn: RegionCode.describe(
      "Region of the national standards' demo applications, once its own regulation ends",
    ),
    regions: z
      .array(
        z
          .object({
            region: RegionCode,
            frontOffice: OrganisationId,
            school: z
              .object({
                id: OrganisationId,
                parent: OrganisationId,
                name: z.object({ kk: z.string().min(1), ru: z.string().min(1) }).strict(),
              })
              .strict(),
            providers: z.record(z.string(), OrganisationId).default({}),
            commissions: z.array(OrganisationId).default([]),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type DemoInstallation = z.infer<typeof DemoInstallation>;
