import type { LookupSubject, RegistryCatalogue } from '../domain/regulation/RegistryLookup.js';
import type { LocalizedText } from '../domain/shared/locale.js';
import {
  cannotObtainDataMessage,
  DocumentType,
  type CallContext,
  type PersonRecord,
  type RegistryGateway,
  type RegistrySystem,
} from './registries.js';

/** Who and what a lookup step asks one adapter about (from the definition and the application). */
export interface RegistryLookupRequest {
  readonly subject: LookupSubject;
  /** The facts the definition asks for; a subset of the adapter's `facts`. */
  readonly facts: readonly string[];
  readonly applicantIin: string;
  readonly representativeIin?: string;
  /** The notarised power of attorney's number, when a representative applies. */
  readonly powerOfAttorneyNumber?: string;
  readonly context?: CallContext;
}

/**
 * An adapter's answer: the facts it found (by fact name; kept out of the event log, shown to
 * the staff who asked), or why not — a message the regulations prescribe.
 */
export type RegistryLookupAnswer =
  | { readonly status: 'found'; readonly facts: Readonly<Record<string, unknown>> }
  | {
      readonly status: 'not_found';
      readonly reason: string;
      readonly message: LocalizedText;
    };

/**
 * A registry adapter registered by name: what a definition's `lookup: [{ registry, facts }]`
 * names. It declares the facts it answers and whom it can be asked about, and answers through
 * the gateway's typed interface (simulator or HTTP — same adapter, see create-gateway.ts).
 * An unreachable registry throws DomainError('registry_unavailable') marked retryable.
 */
export interface RegistryAdapter {
  /** The name definitions use: kebab-case, stable. */
  readonly name: string;
  /** The gateway system it calls (the call log's `system`). */
  readonly system: RegistrySystem;
  /** The registry's name for people (operators, docs). */
  readonly label: LocalizedText;
  readonly facts: readonly string[];
  readonly subjects: readonly LookupSubject[];
  lookUp(gateway: RegistryGateway, request: RegistryLookupRequest): Promise<RegistryLookupAnswer>;
}

const identityDocumentTypes: ReadonlySet<string> = new Set([
  DocumentType.identityCard,
  DocumentType.passport,
  DocumentType.birthCertificate,
]);

const personFacts: Readonly<Record<string, (person: PersonRecord) => unknown>> = {
  identity: (person) => ({
    lastName: person.lastName,
    firstName: person.firstName,
    patronymic: person.patronymic,
    birthDate: person.birthDate,
    sex: person.sex,
  }),
  address: (person) => person.address,
  'identity-documents': (person) => {
    const documents = person.documents.filter((document) =>
      identityDocumentTypes.has(document.type),
    );
    return documents.length > 0 ? documents : undefined;
  },
};

const notFound = (reason: string, message: LocalizedText = cannotObtainDataMessage) =>
  ({ status: 'not_found', reason, message }) as const;

const subjectIin = (request: RegistryLookupRequest) =>
  request.subject === 'applicant' ? request.applicantIin : request.representativeIin;

/** ГБД ФЛ / МДБ ЖТ — the state database of individuals: identity, address, identity documents. */
export const personDatabaseAdapter: RegistryAdapter = {
  name: 'person-database',
  system: 'person_registry',
  label: {
    kk: 'Жеке тұлғалардың мемлекеттік деректер базасы (ЖТ МДБ)',
    ru: 'Государственная база данных физических лиц (ГБД ФЛ)',
    en: 'State database of individuals',
  },
  facts: Object.keys(personFacts),
  subjects: ['applicant', 'representative'],
  async lookUp(gateway, request) {
    const iin = subjectIin(request);
    if (!iin) return notFound('no_subject');
    const answer = await gateway.persons.findPerson(iin, request.context);
    if (answer.status === 'not_found') return notFound('person_not_found', answer.message);
    const facts: Record<string, unknown> = {};
    for (const fact of request.facts) {
      const value = personFacts[fact]?.(answer.data);
      if (value === undefined) return notFound(`fact_missing:${fact}`);
      facts[fact] = value;
    }
    return { status: 'found', facts };
  },
};

const powerOfAttorneyMessages: Readonly<Record<'expired' | 'revoked', LocalizedText>> = {
  expired: {
    kk: 'Сенімхаттың қолданылу мерзімі өткен.',
    ru: 'Срок действия доверенности истёк.',
    en: 'The power of attorney has expired.',
  },
  revoked: {
    kk: 'Сенімхат кері қайтарылған.',
    ru: 'Доверенность отозвана.',
    en: 'The power of attorney has been revoked.',
  },
};

/** ЕНИС / БНАЖ — the unified notary information system: a representative's power of attorney. */
export const notaryRegistryAdapter: RegistryAdapter = {
  name: 'notary-registry',
  system: 'notary_registry',
  label: {
    kk: 'Бірыңғай нотариаттық ақпараттық жүйе (БНАЖ)',
    ru: 'Единая нотариальная информационная система (ЕНИС)',
    en: 'Unified notary information system',
  },
  facts: ['power-of-attorney'],
  subjects: ['representative'],
  async lookUp(gateway, request) {
    if (!request.representativeIin || !request.powerOfAttorneyNumber) {
      return notFound('power_of_attorney_number_missing');
    }
    const answer = await gateway.notary.findPowerOfAttorney(
      {
        number: request.powerOfAttorneyNumber,
        principalIin: request.applicantIin,
        representativeIin: request.representativeIin,
      },
      request.context,
    );
    if (answer.status === 'not_found') return notFound('power_of_attorney_not_found');
    const record = answer.data;
    if (record.status !== 'valid') {
      return notFound(`power_of_attorney_${record.status}`, powerOfAttorneyMessages[record.status]);
    }
    return {
      status: 'found',
      facts: {
        'power-of-attorney': {
          number: record.number,
          validUntil: record.validUntil,
          scope: record.scope,
          notary: record.notary,
        },
      },
    };
  },
};

/**
 * The adapters registered by name. To add a registry: give the gateway its typed interface,
 * simulator and HTTP adapter (registries.ts, simulator/, remote/), then add one RegistryAdapter
 * here; definitions can then name it and `regulations check` knows its facts.
 *
 * The digital documents service (002, point 8) is not a lookup adapter: it releases a document
 * only with its owner's one-time consent code, never on a system query.
 */
export const registryAdapters: readonly RegistryAdapter[] = [
  personDatabaseAdapter,
  notaryRegistryAdapter,
];

/** The adapter named `name`, or undefined. */
export function findRegistryAdapter(
  name: string,
  adapters: readonly RegistryAdapter[] = registryAdapters,
): RegistryAdapter | undefined {
  return adapters.find((adapter) => adapter.name === name);
}

/** What the adapters answer, for the checker (`regulations check`). */
export function registryCatalogue(
  adapters: readonly RegistryAdapter[] = registryAdapters,
): RegistryCatalogue {
  return new Map(
    adapters.map((adapter) => [adapter.name, { facts: adapter.facts, subjects: adapter.subjects }]),
  );
}
