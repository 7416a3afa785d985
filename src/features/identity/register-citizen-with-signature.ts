import { randomBytes } from 'node:crypto';
import { normalisePhone } from '../../domain/identity/credentials.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { LocalizedText } from '../../domain/shared/locale.js';
import {
  SignatureFailure,
  signatureFailureMessage,
} from '../../domain/signature/signature-failure.js';
import { confirmSignature } from '../../signing/confirm-signature.js';
import { CertificatePurpose } from '../../signing/nca-conventions.js';
import type { TrustStore } from '../../signing/trust-store.js';
import { findCitizenAccountByIin } from '../../storage/citizen-account.repository.js';
import { hashPassword, type IdentityServices } from './identity-services.js';
import {
  alreadyRegistered,
  iinIssue,
  openProvenCitizenAccount,
  passwordIssue,
  refuseIssues,
  type RegisteredCitizen,
} from './open-proven-citizen-account.js';

/** How long a registration challenge may be signed and sent back. */
export const registrationChallengeTtlMs = 10 * 60_000;

const CHALLENGE = /^qyzmet-register\|(\d{12})\|(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|([0-9a-f]{32})$/;

/**
 * The text a citizen signs with the ЭЦП authentication key to prove an IIN at
 * registration (like egov.kz's sign-in by ЭЦП: the server's fresh text, signed through
 * NCALayer): `qyzmet-register|<IIN>|<issued at>|<128-bit nonce>`. It binds the IIN and a
 * time, so a signature made for anything else, for another IIN or long ago is refused.
 */
export function issueRegistrationChallenge(iin: string, now: Date): string {
  return `qyzmet-register|${iin}|${now.toISOString()}|${randomBytes(16).toString('hex')}`;
}

export interface SignatureRegistration {
  readonly iin: string;
  /** The challenge from {@link issueRegistrationChallenge}, as signed. */
  readonly challenge: string;
  /** Base64 CMS (CAdES) over the challenge by the authentication key, attached or detached. */
  readonly cms: string;
  readonly password: string;
  /** Where sign-in codes will go: the IIN is proved by the signature, the phone is the holder's choice. */
  readonly phone: string;
}

/**
 * Registers a citizen who proves the IIN with an ЭЦП authentication certificate: the CMS
 * over a fresh registration challenge must verify (chain to a trusted НУЦ root, validity,
 * CRL, key usage for authentication — src/signing/cms-verify.ts) and the certificate's
 * SERIALNUMBER must be `IIN<the IIN>`. Throws validation_failed (form issues, a stale or
 * foreign challenge), signature_not_confirmed (with the localised reason) or conflict
 * `iin_already_registered`.
 */
export async function registerCitizenWithSignature(
  services: Pick<IdentityServices, 'db'> & { trustStore: TrustStore },
  registration: SignatureRegistration,
  now: Date,
): Promise<RegisteredCitizen> {
  const iin = registration.iin.trim();
  const phone = normalisePhone(registration.phone);
  refuseIssues([
    iinIssue(iin),
    phone ? undefined : { path: 'phone', rule: 'kz_mobile_phone' },
    passwordIssue(registration.password),
  ]);
  const match = CHALLENGE.exec(registration.challenge);
  const issuedAt = match ? Date.parse(match[2]!) : Number.NaN;
  const age = now.getTime() - issuedAt;
  if (!match || match[1] !== iin || !(age >= -60_000 && age <= registrationChallengeTtlMs)) {
    const message: LocalizedText = {
      kk: 'Тіркеу мәтінінің мерзімі өтті немесе ол басқа ЖСН-ге берілген. Бетті жаңартып, қайта қол қойыңыз.',
      ru: 'Текст для регистрации устарел или выдан для другого ИИН. Обновите страницу и подпишите снова.',
      en: 'The registration text has expired or was issued for another IIN. Reload the page and sign again.',
    };
    throw new DomainError('validation_failed', {
      issues: [{ path: 'cms', rule: 'registration_challenge_expired', message } as never],
    });
  }
  if ((await findCitizenAccountByIin(services.db, iin))?.identityVerifiedAt) {
    throw alreadyRegistered();
  }
  const content = new TextEncoder().encode(registration.challenge);
  const verified = confirmSignature({
    cms: new Uint8Array(Buffer.from(registration.cms, 'base64')),
    content,
    trustStore: services.trustStore,
    now,
    expected: { iin },
    purpose: CertificatePurpose.authentication,
  });
  if (!Buffer.from(verified.content).equals(Buffer.from(content))) {
    // An attached signature over some other text.
    throw new DomainError('signature_not_confirmed', {
      reason: SignatureFailure.contentAltered,
      reasonMessage: signatureFailureMessage(SignatureFailure.contentAltered),
    });
  }
  const passwordHash = await hashPassword(registration.password);
  return services.db
    .transaction()
    .execute((trx) =>
      openProvenCitizenAccount(
        trx,
        { iin, phone: phone!, passwordHash, identityProof: 'signature' },
        now,
      ),
    );
}
