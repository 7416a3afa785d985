import { z } from 'zod';

/** Where an application is submitted and the result issued. */
export const Channel = z
  .enum(['provider_office', 'front_office', 'portal'])
  .describe(
    'provider_office (канцелярия услугодателя / МИО) | front_office (Государственная корпорация, ЦОН) | portal (www.egov.kz, ПЭП)',
  );
export type Channel = z.infer<typeof Channel>;
export const channels = Channel.options;
