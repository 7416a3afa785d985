import { z } from 'zod';

/** The issuer's territory: a region (облыс) or `national` for a national standard. */
export const RegionCode = z
  .enum(['west-kazakhstan', 'kostanay', 'aktobe', 'south-kazakhstan', 'national'])
  .describe('Issuing region (folder name under regulations/), or national');
export type RegionCode = z.infer<typeof RegionCode>;
