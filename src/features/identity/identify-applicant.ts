import { checkIin } from '../../domain/identity/iin.js';
import type { LocalizedText } from '../../domain/shared/locale.js';
import {
  cannotObtainDataMessage,
  type PersonRecord,
  type PowerOfAttorney,
  type RegistryGateway,
} from '../../integrations/registries.js';

/** Why an applicant (or their representative) could not be identified. */
export const IdentificationRefusal = {
  invalidIin: 'invalid_iin',
  applicantNotFound: 'applicant_not_found',
  representativeNotFound: 'representative_not_found',
  powerOfAttorneyNotFound: 'power_of_attorney_not_found',
  powerOfAttorneyExpired: 'power_of_attorney_expired',
  powerOfAttorneyRevoked: 'power_of_attorney_revoked',
} as const;
export type IdentificationRefusal =
  (typeof IdentificationRefusal)[keyof typeof IdentificationRefusal];

export type ApplicantIdentification =
  | {
      readonly status: 'identified';
      readonly applicant: PersonRecord;
      readonly representative?: {
        readonly person: PersonRecord;
        readonly powerOfAttorney: PowerOfAttorney;
      };
    }
  | {
      readonly status: 'refused';
      readonly reason: IdentificationRefusal;
      readonly field: 'applicantIin' | 'representativeIin' | 'powerOfAttorneyNumber';
      readonly message: LocalizedText;
    };

const expiredMessage: LocalizedText = {
  kk: 'Сенімхаттың қолданылу мерзімі өткен.',
  ru: 'Срок действия доверенности истёк.',
  en: 'The power of attorney has expired.',
};
const revokedMessage: LocalizedText = {
  kk: 'Сенімхат кері қайтарылған.',
  ru: 'Доверенность отозвана.',
  en: 'The power of attorney has been revoked.',
};

/**
 * Identifies the applicant, and the representative with their notarised power of attorney,
 * through the gateway — the front office flow of 000/004: request to ГБД ФЛ and ЕНИС;
 * "condition: data found, else the message «невозможно получить данные»". A refusal is a
 * result for the operator; an unreachable registry throws DomainError('registry_unavailable').
 */
export async function identifyApplicant(
  gateway: RegistryGateway,
  request: {
    applicantIin: string;
    representative?: { iin: string; powerOfAttorneyNumber: string };
    correlationId?: string;
  },
): Promise<ApplicantIdentification> {
  const context = { correlationId: request.correlationId };
  const applicantCheck = checkIin(request.applicantIin);
  if (!applicantCheck.isValid) {
    return {
      status: 'refused',
      reason: 'invalid_iin',
      field: 'applicantIin',
      message: applicantCheck.message,
    };
  }
  if (request.representative) {
    const representativeCheck = checkIin(request.representative.iin);
    if (!representativeCheck.isValid) {
      return {
        status: 'refused',
        reason: 'invalid_iin',
        field: 'representativeIin',
        message: representativeCheck.message,
      };
    }
  }
  const applicant = await gateway.persons.findPerson(request.applicantIin, context);
  if (applicant.status === 'not_found') {
    return {
      status: 'refused',
      reason: 'applicant_not_found',
      field: 'applicantIin',
      message: applicant.message,
    };
  }
  if (!request.representative) return { status: 'identified', applicant: applicant.data };

  const [person, powerOfAttorney] = await Promise.all([
    gateway.persons.findPerson(request.representative.iin, context),
    gateway.notary.findPowerOfAttorney(
      {
        number: request.representative.powerOfAttorneyNumber,
        principalIin: request.applicantIin,
        representativeIin: request.representative.iin,
      },
      context,
    ),
  ]);
  if (person.status === 'not_found') {
    return {
      status: 'refused',
      reason: 'representative_not_found',
      field: 'representativeIin',
      message: person.message,
    };
  }
  if (powerOfAttorney.status === 'not_found') {
    return {
      status: 'refused',
      reason: 'power_of_attorney_not_found',
      field: 'powerOfAttorneyNumber',
      message: cannotObtainDataMessage,
    };
  }
  switch (powerOfAttorney.data.status) {
    case 'expired':
      return {
        status: 'refused',
        reason: 'power_of_attorney_expired',
        field: 'powerOfAttorneyNumber',
        message: expiredMessage,
      };
    case 'revoked':
      return {
        status: 'refused',
        reason: 'power_of_attorney_revoked',
        field: 'powerOfAttorneyNumber',
        message: revokedMessage,
      };
    case 'valid':
      return {
        status: 'identified',
        applicant: applicant.data,
        representative: { person: person.data, powerOfAttorney: powerOfAttorney.data },
      };
  }
}
