import { z } from 'zod';

/** The seed files of ../shared/seeds/ that regulations are encoded from. */
export const SeedFile = z
  .enum(['000', '001', '002', '003', '004'])
  .describe(
    'Source file in shared/seeds/: 000 West Kazakhstan No. 54/2016; 001 Aktobe No. 232/2015 (kk); ' +
      '002 national standard "duplicates" (ru+kk); 003 South Kazakhstan No. 149/2012; 004 Kostanay No. 285/2016',
  );
export type SeedFile = z.infer<typeof SeedFile>;
