import { kazakhstanDay } from '../../domain/calendar/kazakhstan-day.js';
import { randomInt, randomUUID } from 'node:crypto';
import { describeOtpRejection } from '../../domain/identity/otp-rejection.js';
import {
  notFound,
  type ConsentRequest,
  type DigitalDocuments,
  type DocumentRelease,
  type DocumentType,
  type Lookup,
  type NotaryRegistry,
  type PersonRecord,
  type PersonRegistry,
  type PowerOfAttorney,
  type PowerOfAttorneyQuery,
  type RegistryGateway,
} from '../registries.js';
import type { MobileCitizens } from '../mobile-citizens.js';
import { createSimulatorData, type SimulatorData } from './synthetic-people.js';

export interface SimulatorOptions {
  readonly data?: SimulatorData;
  /** The simulator's "now" (power of attorney status, consent expiry). */
  readonly clock?: () => Date;
  /** Lifetime of a consent code; default 5 minutes. */
  readonly consentTtlMs?: number;
}

/** The in-process simulator: the registries plus what only a simulator can tell. */
export interface RegistrySimulator extends RegistryGateway {
  readonly data: SimulatorData;
  /** The consent code "sent" to the citizen for a request (what their phone would show). */
  peekConsentCode(requestId: string): string | undefined;
  /** Binds a phone to an IIN in БМГ, as a front office does (tests' and demos' people). */
  bindPhone(iin: string, phone: string): void;
}

interface PendingConsent {
  iin: string;
  documentType: DocumentType;
  code: string;
  expiresAt: Date;
  attempts: number;
}

/** Status of a power of attorney on `today` ('YYYY-MM-DD'): revoked, expired or valid. */
export function powerOfAttorneyStatus(
  record: Omit<PowerOfAttorney, 'status'>,
  today: string,
): PowerOfAttorney['status'] {
  if (record.revokedOn && record.revokedOn <= today) return 'revoked';
  if (record.validUntil < today || record.validFrom > today) return 'expired';
  return 'valid';
}

/**
 * Creates the registry simulator: the embedded default gateway, backed by synthetic people.
 * State (pending consents) lives in memory: the simulator is for development and tests.
 */
export function createRegistrySimulator(options: SimulatorOptions = {}): RegistrySimulator {
  const data = options.data ?? createSimulatorData();
  const clock = options.clock ?? (() => new Date());
  const consentTtlMs = options.consentTtlMs ?? 5 * 60_000;
  const peopleByIin = new Map(data.people.map((person) => [person.iin, person]));
  const consents = new Map<string, PendingConsent>();
  const phonesByIin = new Map(data.mobileCitizens.map((record) => [record.iin, record.phone]));

  const mobileCitizens: MobileCitizens = {
    async findPhone(iin) {
      const phone = phonesByIin.get(iin);
      return phone ? { status: 'found', data: { iin, phone } } : notFound;
    },
  };

  const persons: PersonRegistry = {
    async findPerson(iin): Promise<Lookup<PersonRecord>> {
      const person = peopleByIin.get(iin);
      return person ? { status: 'found', data: person } : notFound;
    },
  };

  const notary: NotaryRegistry = {
    async findPowerOfAttorney(query: PowerOfAttorneyQuery): Promise<Lookup<PowerOfAttorney>> {
      const record = data.powersOfAttorney.find(
        (candidate) =>
          candidate.number === query.number &&
          candidate.principalIin === query.principalIin &&
          candidate.representativeIin === query.representativeIin,
      );
      if (!record) return notFound;
      return {
        status: 'found',
        data: { ...record, status: powerOfAttorneyStatus(record, kazakhstanDay(clock())) },
      };
    },
  };

  const refuse = (
    reason: Extract<DocumentRelease, { status: 'consent_refused' }>['reason'],
  ): DocumentRelease => ({
    status: 'consent_refused',
    reason,
    message: describeOtpRejection(reason === 'unknown_request' ? 'not_found' : reason, 0),
  });

  const digitalDocuments: DigitalDocuments = {
    async requestConsent(request) {
      const person = peopleByIin.get(request.iin);
      if (!person?.documents.some((document) => document.type === request.documentType)) {
        return notFound;
      }
      const requestId = randomUUID();
      const expiresAt = new Date(clock().getTime() + consentTtlMs);
      consents.set(requestId, {
        iin: request.iin,
        documentType: request.documentType,
        code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
        expiresAt,
        attempts: 0,
      });
      const consent: ConsentRequest = { requestId, expiresAt: expiresAt.toISOString() };
      return { status: 'consent_requested', data: consent };
    },
    async fetchDocument(request): Promise<DocumentRelease> {
      const pending = consents.get(request.requestId);
      if (!pending) return refuse('unknown_request');
      if (clock().getTime() >= pending.expiresAt.getTime()) {
        consents.delete(request.requestId);
        return refuse('expired');
      }
      if (pending.code !== request.code.trim()) {
        pending.attempts += 1;
        if (pending.attempts >= 3) {
          consents.delete(request.requestId);
          return refuse('attempts_exhausted');
        }
        return refuse('wrong_code');
      }
      consents.delete(request.requestId);
      const document = peopleByIin
        .get(pending.iin)
        ?.documents.find((candidate) => candidate.type === pending.documentType);
      if (!document) return notFound;
      return {
        status: 'found',
        data: { iin: pending.iin, document, releaseId: request.requestId },
      };
    },
  };

  return {
    data,
    persons,
    notary,
    digitalDocuments,
    mobileCitizens,
    peekConsentCode: (requestId) => consents.get(requestId)?.code,
    bindPhone: (iin, phone) => {
      phonesByIin.set(iin, phone);
    },
  };
}
