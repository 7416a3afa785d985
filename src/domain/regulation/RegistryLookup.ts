import { z } from 'zod';

const kebab = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The name of a registry adapter of the gateway (ШЭП): `person-database` (ГБД ФЛ / МДБ ЖТ),
 * `notary-registry` (ЕНИС / БНАЖ), or any other adapter registered by name in
 * src/integrations/registry-adapters.ts. `regulations check` refuses a name no adapter has.
 */
export const RegistryAdapterName = z
  .string()
  .max(60)
  .regex(kebab, 'rule registryAdapterNameFormat: lower-case words joined by hyphens')
  .describe(
    'Registry adapter registered by name in the gateway: person-database (ГБД ФЛ), notary-registry (ЕНИС), …',
  );
export type RegistryAdapterName = z.infer<typeof RegistryAdapterName>;

/** A fact an adapter answers (e.g. `identity`, `address`, `power-of-attorney`). */
export const RegistryFact = z
  .string()
  .max(60)
  .regex(kebab, 'rule registryFactFormat: lower-case words joined by hyphens')
  .describe('A fact the registry answers, as the adapter names it (identity, address, …)');
export type RegistryFact = z.infer<typeof RegistryFact>;

/** Whose record is asked for: the applicant's, or their representative's (only when one acts). */
export const LookupSubject = z
  .enum([
    /** услугополучатель — always asked */
    'applicant',
    /** представитель по доверенности — asked only when a representative applies */
    'representative',
  ])
  .describe('Whose record is asked for; a representative query runs only when one applies');
export type LookupSubject = z.infer<typeof LookupSubject>;

/** One query of a registry lookup step: which registry, about whom, for which facts. */
export const RegistryQuery = z
  .object({
    registry: RegistryAdapterName,
    subject: LookupSubject.default('applicant'),
    facts: z
      .array(RegistryFact)
      .min(1)
      .max(20)
      .describe('The facts the step needs from this registry; all must be answered'),
    named: z
      .string()
      .trim()
      .min(1)
      .max(400)
      .optional()
      .describe('How the source names the registry, verbatim (the citation is the step source)'),
  })
  .strict()
  .describe('A query to one named registry adapter');
export type RegistryQuery = z.infer<typeof RegistryQuery>;

/**
 * The queries of a `registry_lookup` step (запрос через ШЭП в ГБД ФЛ / ЕНИС). The engine calls
 * each named adapter; the step's decision (when it has one) is answered yes when every query
 * that ran found its record and all the facts it asks for.
 */
export const RegistryLookup = z
  .array(RegistryQuery)
  .min(1)
  .max(10)
  .describe('The registries a registry_lookup step asks, each with the facts it needs');
export type RegistryLookup = z.infer<typeof RegistryLookup>;

/**
 * What the gateway's adapters answer, by adapter name: the facts and the subjects each can be
 * asked about. Built by src/integrations/registry-adapters.ts and handed to the checker.
 */
export type RegistryCatalogue = ReadonlyMap<
  string,
  { readonly facts: readonly string[]; readonly subjects: readonly LookupSubject[] }
>;
