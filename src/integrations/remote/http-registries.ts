import { DomainError } from '../../domain/shared/domain-error.js';
import {
  notFound,
  type DigitalDocuments,
  type DocumentRelease,
  type Lookup,
  type NotaryRegistry,
  type PersonRecord,
  type PersonRegistry,
  type PowerOfAttorney,
  type RegistryGateway,
} from '../registries.js';
import { describeOtpRejection } from '../../domain/identity/otp-rejection.js';
import { createHttpMobileCitizens } from './http-mobile-citizens.js';
import {
  ConsentRequestWire,
  DigitalDocumentWire,
  PersonRecordWire,
  PowerOfAttorneyWire,
  readWire,
} from './wire.js';
import { ResilientClient, type RemoteAnswer, type ResilienceOptions } from './resilient-client.js';

/** Where the registries answer; one URL serves all three when the others are absent. */
export interface HttpGatewayOptions {
  readonly baseUrl: string;
  readonly personRegistryUrl?: string;
  readonly notaryRegistryUrl?: string;
  readonly digitalDocumentsUrl?: string;
  readonly mobileCitizensUrl?: string;
  readonly resilience?: Partial<ResilienceOptions>;
}

function badResponse(
  client: ResilientClient,
  operation: string,
  answer: RemoteAnswer,
): DomainError {
  return new DomainError(
    'registry_unavailable',
    { system: client.system, operation, reason: 'bad_response', status: answer.status },
    `${client.system}.${operation}: unexpected answer HTTP ${answer.status}`,
    false,
  );
}

function field<T>(body: unknown, name: string): T | undefined {
  return body && typeof body === 'object' && name in body
    ? ((body as Record<string, unknown>)[name] as T)
    : undefined;
}

/** ГБД ФЛ over HTTP: GET /person-registry/persons/:iin. */
export function createHttpPersonRegistry(client: ResilientClient): PersonRegistry {
  return {
    async findPerson(iin): Promise<Lookup<PersonRecord>> {
      const answer = await client.request(
        'findPerson',
        'GET',
        `person-registry/persons/${encodeURIComponent(iin)}`,
      );
      if (answer.status === 404) return notFound;
      const person = readWire(answer.body, 'person', PersonRecordWire);
      if (answer.status !== 200 || !person || person.iin !== iin)
        throw badResponse(client, 'findPerson', answer);
      return { status: 'found', data: person };
    },
  };
}

/** ЕНИС over HTTP: POST /notary-registry/powers-of-attorney/search. */
export function createHttpNotaryRegistry(client: ResilientClient): NotaryRegistry {
  return {
    async findPowerOfAttorney(query): Promise<Lookup<PowerOfAttorney>> {
      const answer = await client.request(
        'findPowerOfAttorney',
        'POST',
        'notary-registry/powers-of-attorney/search',
        query,
      );
      if (answer.status === 404) return notFound;
      const record = readWire(answer.body, 'powerOfAttorney', PowerOfAttorneyWire);
      if (answer.status !== 200 || !record || record.number !== query.number) {
        throw badResponse(client, 'findPowerOfAttorney', answer);
      }
      return { status: 'found', data: record };
    },
  };
}

/** The digital documents service over HTTP: consent request, then release with the code. */
export function createHttpDigitalDocuments(client: ResilientClient): DigitalDocuments {
  return {
    async requestConsent(request) {
      const answer = await client.request(
        'requestConsent',
        'POST',
        'digital-documents/consent-requests',
        request,
      );
      if (answer.status === 404) return notFound;
      const consent = readWire(answer.body, 'consentRequest', ConsentRequestWire);
      if (answer.status !== 202 || !consent?.requestId)
        throw badResponse(client, 'requestConsent', answer);
      return { status: 'consent_requested', data: consent };
    },
    async fetchDocument(request): Promise<DocumentRelease> {
      const answer = await client.request(
        'fetchDocument',
        'POST',
        `digital-documents/consent-requests/${encodeURIComponent(request.requestId)}/release`,
        { code: request.code },
      );
      if (answer.status === 404) return notFound;
      if (answer.status === 409) {
        const reason = field<string>(answer.body, 'reason');
        const known = ['wrong_code', 'expired', 'attempts_exhausted', 'unknown_request'] as const;
        const refusal = known.find((candidate) => candidate === reason);
        if (!refusal) throw badResponse(client, 'fetchDocument', answer);
        return {
          status: 'consent_refused',
          reason: refusal,
          message: describeOtpRejection(refusal === 'unknown_request' ? 'not_found' : refusal),
        };
      }
      const document = readWire(answer.body, 'document', DigitalDocumentWire);
      if (answer.status !== 200 || !document) throw badResponse(client, 'fetchDocument', answer);
      return { status: 'found', data: document };
    },
  };
}

/** The HTTP adapters, each with its own client (timeouts, retries, circuit breaker). */
export function createHttpRegistryGateway(options: HttpGatewayOptions): RegistryGateway & {
  readonly clients: {
    persons: ResilientClient;
    notary: ResilientClient;
    digitalDocuments: ResilientClient;
    mobileCitizens: ResilientClient;
  };
} {
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const url = (specific?: string) =>
    specific ? (specific.endsWith('/') ? specific : `${specific}/`) : base;
  const clients = {
    persons: new ResilientClient(
      'person_registry',
      url(options.personRegistryUrl),
      options.resilience,
    ),
    notary: new ResilientClient(
      'notary_registry',
      url(options.notaryRegistryUrl),
      options.resilience,
    ),
    digitalDocuments: new ResilientClient(
      'digital_documents',
      url(options.digitalDocumentsUrl),
      options.resilience,
    ),
    mobileCitizens: new ResilientClient(
      'mobile_citizens',
      url(options.mobileCitizensUrl),
      options.resilience,
    ),
  };
  return {
    clients,
    persons: createHttpPersonRegistry(clients.persons),
    notary: createHttpNotaryRegistry(clients.notary),
    digitalDocuments: createHttpDigitalDocuments(clients.digitalDocuments),
    mobileCitizens: createHttpMobileCitizens(clients.mobileCitizens),
  };
}
