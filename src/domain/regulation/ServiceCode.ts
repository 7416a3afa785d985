import { z } from 'zod';

/** A public service, stable across regions and versions. */
export const ServiceCode = z
  .enum([
    'extern-permission',
    'duplicates',
    'school-admission',
    'kindergarten-queue',
    'archive-certificate',
    'unemployed-certificate',
    'disabled-children-home-education',
  ])
  .describe('Service code, the same in every region');
export type ServiceCode = z.infer<typeof ServiceCode>;
