import type { Sex } from '../domain/identity/iin.js';
import type { LocalizedText } from '../domain/shared/locale.js';

/**
 * The national systems the gateway (ШЭП) reaches, one interface each. Two implementations
 * of every interface: the simulator (embedded default, synthetic people) and the HTTP adapter.
 *
 * Contract shared by all: a record that does not exist is a result ({ status: 'not_found' }
 * with the prescribed message), never an exception; an unreachable registry throws
 * DomainError('registry_unavailable', …) marked retryable.
 */
export const RegistrySystem = {
  /** ГБД ФЛ / МДБ ЖТ — state database of individuals */
  personRegistry: 'person_registry',
  /** ЕНИС — unified notary information system */
  notaryRegistry: 'notary_registry',
  /** сервис цифровых документов — digital documents service */
  digitalDocuments: 'digital_documents',
  /** БМГ — mobile-citizens registry (phone bound to an IIN) */
  mobileCitizens: 'mobile_citizens',
} as const;
export type RegistrySystem = (typeof RegistrySystem)[keyof typeof RegistrySystem];

/**
 * The message the regulations prescribe when the gateway returns no data
 * (000/004 front office flow: «невозможно получить данные»).
 */
export const cannotObtainDataMessage: LocalizedText = {
  kk: 'Деректерді алу мүмкін емес.',
  ru: 'Невозможно получить данные.',
  en: 'Cannot obtain the data.',
};

/** No such record in the registry: shown to the operator as the prescribed message. */
export interface NotFound {
  readonly status: 'not_found';
  readonly message: LocalizedText;
}
export const notFound: NotFound = { status: 'not_found', message: cannotObtainDataMessage };

export type Lookup<T> = { readonly status: 'found'; readonly data: T } | NotFound;

/** Optional details of a call, for the call log. */
export interface CallContext {
  /** The application or request the call is made for. */
  readonly correlationId?: string;
}

export const DocumentType = {
  identityCard: 'identity_card',
  passport: 'passport',
  birthCertificate: 'birth_certificate',
  educationCertificate: 'education_certificate',
} as const;
export type DocumentType = (typeof DocumentType)[keyof typeof DocumentType];

/** A document of a person as the registries know it. */
export interface PersonDocument {
  readonly type: DocumentType;
  readonly number: string;
  readonly issuedBy: LocalizedText;
  /** 'YYYY-MM-DD' */
  readonly issuedOn: string;
  /** 'YYYY-MM-DD'; absent for documents without expiry. */
  readonly validUntil?: string;
}

/** Identity data of a person (ГБД ФЛ). */
export interface PersonRecord {
  readonly iin: string;
  readonly lastName: LocalizedText;
  readonly firstName: LocalizedText;
  readonly patronymic?: LocalizedText;
  /** 'YYYY-MM-DD' */
  readonly birthDate: string;
  readonly sex: Sex;
  /** Registered address. */
  readonly address: LocalizedText;
  readonly documents: readonly PersonDocument[];
}

/** ГБД ФЛ: identity data by IIN. */
export interface PersonRegistry {
  findPerson(iin: string, context?: CallContext): Promise<Lookup<PersonRecord>>;
}

export const PowerOfAttorneyStatus = {
  valid: 'valid',
  expired: 'expired',
  revoked: 'revoked',
} as const;
export type PowerOfAttorneyStatus =
  (typeof PowerOfAttorneyStatus)[keyof typeof PowerOfAttorneyStatus];

/** A notarised power of attorney as ЕНИС records it. */
export interface PowerOfAttorney {
  readonly number: string;
  readonly principalIin: string;
  readonly representativeIin: string;
  /** At the time of the request. */
  readonly status: PowerOfAttorneyStatus;
  /** 'YYYY-MM-DD' */
  readonly validFrom: string;
  readonly validUntil: string;
  readonly revokedOn?: string;
  /** What the representative may do. */
  readonly scope: LocalizedText;
  readonly notary: LocalizedText;
}

export interface PowerOfAttorneyQuery {
  readonly number: string;
  readonly principalIin: string;
  readonly representativeIin: string;
}

/** ЕНИС: a power of attorney by its number and the parties' IINs. */
export interface NotaryRegistry {
  findPowerOfAttorney(
    query: PowerOfAttorneyQuery,
    context?: CallContext,
  ): Promise<Lookup<PowerOfAttorney>>;
}

/** A document released by the digital documents service. */
export interface DigitalDocument {
  readonly iin: string;
  readonly document: PersonDocument;
  /** The service's own id of the released copy. */
  readonly releaseId: string;
}

export interface ConsentRequest {
  /** Sent back with the citizen's code. */
  readonly requestId: string;
  readonly expiresAt: string;
}

export type DocumentRelease =
  | { readonly status: 'found'; readonly data: DigitalDocument }
  | NotFound
  | {
      readonly status: 'consent_refused';
      readonly reason: 'wrong_code' | 'expired' | 'attempts_exhausted' | 'unknown_request';
      readonly message: LocalizedText;
    };

/**
 * The digital documents service (002): a provider obtains a citizen's document only after
 * the citizen consents with the one-time password the service sends to their phone.
 */
export interface DigitalDocuments {
  /** Asks the service to send the citizen a consent code for releasing one document. */
  requestConsent(
    request: { iin: string; documentType: DocumentType; requesterId: string },
    context?: CallContext,
  ): Promise<{ readonly status: 'consent_requested'; readonly data: ConsentRequest } | NotFound>;
  /** Exchanges the citizen's code for the document. */
  fetchDocument(
    request: { requestId: string; code: string },
    context?: CallContext,
  ): Promise<DocumentRelease>;
}

/** The registries, as the engine receives them. */
export interface RegistryGateway {
  readonly persons: PersonRegistry;
  readonly notary: NotaryRegistry;
  readonly digitalDocuments: DigitalDocuments;
  /** БМГ: the phone that proves an IIN at registration (src/integrations/mobile-citizens.ts). */
  readonly mobileCitizens: MobileCitizens;
}

/**
 * The mobile-citizens registry (база мобильных граждан, БМГ): the mobile phone a person has
 * bound to their IIN at a front office or through an operator. egov.kz sends the one-time
 * code that proves an IIN at registration to this phone, never to a phone the applicant
 * types; so does Qyzmet (docs/identity-and-registries.md).
 */
export interface MobileCitizenRecord {
  readonly iin: string;
  /** +7XXXXXXXXXX */
  readonly phone: string;
}

/** БМГ: the phone bound to an IIN; not_found when the person has bound none. */
export interface MobileCitizens {
  findPhone(iin: string, context?: CallContext): Promise<Lookup<MobileCitizenRecord>>;
}
