/**
 * The national certification authority's (НУЦ РК, pki.gov.kz) conventions for the subject of
 * a certificate and for its policy identifiers, as the embedded default follows them:
 *
 * - CN = "SURNAME NAME", SURNAME (2.5.4.4) = surname, GIVENNAME (2.5.4.42) = patronymic,
 *   SERIALNUMBER (2.5.4.5) = "IIN" + 12 digits, C = KZ;
 * - for an employee of an organisation: O = the organisation's name, OU = "BIN" + 12 digits;
 * - separate authentication and signing certificates, told apart by key usage and by the
 *   extended key usages clientAuth (authentication) and emailProtection (signing), plus the
 *   НУЦ policy identifiers for an individual, an organisation's employee or head.
 */
export const NameOid = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  organisation: '2.5.4.10',
  organisationalUnit: '2.5.4.11',
  givenName: '2.5.4.42',
  email: '1.2.840.113549.1.9.1',
} as const;

/** Extended key usage identifiers used by НУЦ РК (also what `ncalayer-js-client` filters on). */
export const KeyPurposeOid = {
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  individual: '1.2.398.3.3.4.1.1',
  organisation: '1.2.398.3.3.4.1.2',
  organisationHead: '1.2.398.3.3.4.1.2.1',
  organisationSignatory: '1.2.398.3.3.4.1.2.2',
  organisationEmployee: '1.2.398.3.3.4.1.2.5',
} as const;

/** What a certificate is for: НУЦ issues one key for each. */
export const CertificatePurpose = { signing: 'signing', authentication: 'authentication' } as const;
export type CertificatePurpose = (typeof CertificatePurpose)[keyof typeof CertificatePurpose];

/** The person (and organisation, for staff) a certificate is issued to. */
export interface CertificateHolder {
  /** ИИН / ЖСН: 12 digits. */
  iin: string;
  surname: string;
  name: string;
  /** Отчество; goes into GIVENNAME as НУЦ does. */
  patronymic?: string;
  email?: string;
  /** For staff: the employing organisation; OU carries its БИН / БСН. */
  organisation?: { name: string; bin: string; isHead?: boolean };
}

/** What the verifier reads back from a certificate subject. */
export interface SubjectIdentity {
  commonName: string;
  surname?: string;
  patronymic?: string;
  iin?: string;
  bin?: string;
  organisation?: string;
  country?: string;
}

const TWELVE_DIGITS = /^\d{12}$/;

/**
 * A stand-in shape check for IIN/BIN (12 digits) until the identity module's check-digit
 * validation (issue 5, src/domain/identity/) replaces it.
 */
export function isTwelveDigits(value: string): boolean {
  return TWELVE_DIGITS.test(value);
}

/** The subject attributes in order, as [OID, value, ASN.1 string type]. */
export function subjectAttributes(
  holder: CertificateHolder,
): Array<[string, string, 'utf8String' | 'printableString' | 'ia5String']> {
  if (!isTwelveDigits(holder.iin)) throw new Error(`IIN must be 12 digits, got "${holder.iin}"`);
  const attributes: Array<[string, string, 'utf8String' | 'printableString' | 'ia5String']> = [
    // An organisation's own key has no given name: its common name is the organisation's name.
    [NameOid.commonName, `${holder.surname} ${holder.name}`.trim().toUpperCase(), 'utf8String'],
    [NameOid.surname, holder.surname.toUpperCase(), 'utf8String'],
    [NameOid.serialNumber, `IIN${holder.iin}`, 'printableString'],
    [NameOid.country, 'KZ', 'printableString'],
  ];
  if (holder.patronymic) {
    attributes.push([NameOid.givenName, holder.patronymic.toUpperCase(), 'utf8String']);
  }
  if (holder.organisation) {
    if (!isTwelveDigits(holder.organisation.bin)) {
      throw new Error(`BIN must be 12 digits, got "${holder.organisation.bin}"`);
    }
    attributes.push([NameOid.organisation, holder.organisation.name, 'utf8String']);
    attributes.push([
      NameOid.organisationalUnit,
      `BIN${holder.organisation.bin}`,
      'printableString',
    ]);
  }
  if (holder.email) attributes.push([NameOid.email, holder.email, 'ia5String']);
  return attributes;
}

/** Reads the НУЦ identity out of subject attribute pairs (OID, text value). */
export function readSubjectIdentity(
  pairs: ReadonlyArray<readonly [string, string]>,
): SubjectIdentity {
  const identity: SubjectIdentity = { commonName: '' };
  for (const [oid, value] of pairs) {
    switch (oid) {
      case NameOid.commonName:
        identity.commonName = value;
        break;
      case NameOid.surname:
        identity.surname = value;
        break;
      case NameOid.givenName:
        identity.patronymic = value;
        break;
      case NameOid.serialNumber:
        if (/^IIN\d{12}$/.test(value)) identity.iin = value.slice(3);
        break;
      case NameOid.organisationalUnit:
        if (/^BIN\d{12}$/.test(value)) identity.bin = value.slice(3);
        break;
      case NameOid.organisation:
        identity.organisation = value;
        break;
      case NameOid.country:
        identity.country = value;
        break;
      default:
        break;
    }
  }
  return identity;
}

/** The extended key usages of a certificate for this holder and purpose. */
export function extendedKeyUsages(
  holder: CertificateHolder,
  purpose: CertificatePurpose,
): string[] {
  const usages: string[] = [
    purpose === CertificatePurpose.signing
      ? KeyPurposeOid.emailProtection
      : KeyPurposeOid.clientAuth,
  ];
  if (!holder.organisation) usages.push(KeyPurposeOid.individual);
  else {
    usages.push(KeyPurposeOid.organisation);
    usages.push(
      holder.organisation.isHead
        ? KeyPurposeOid.organisationHead
        : KeyPurposeOid.organisationEmployee,
    );
  }
  return usages;
}

/** The full name to print ("SURNAME NAME PATRONYMIC"), from a subject identity. */
export function displayName(identity: SubjectIdentity): string {
  return [identity.commonName, identity.patronymic].filter(Boolean).join(' ');
}
