import { DomainError, type FieldIssue } from '../../domain/shared/domain-error.js';
import type { LocalizedText } from '../../domain/shared/locale.js';
import type { MobileCitizens } from '../../integrations/mobile-citizens.js';
import { OtpPurpose } from '../../signing/one-time-password.js';
import { findCitizenAccountByIin } from '../../storage/citizen-account.repository.js';
import type { IdentityServices } from './identity-services.js';
import { issueOneTimePassword, type IssuedOneTimePassword } from './issue-one-time-password.js';
import { alreadyRegistered, iinIssue, refuseIssues } from './open-proven-citizen-account.js';

/** Identity use cases that reach the mobile-citizens registry (БМГ) through the gateway. */
export interface RegistrationServices extends IdentityServices {
  readonly registries: { readonly mobileCitizens: MobileCitizens };
}

/** Shown when БМГ holds no phone for the IIN: what the person can do instead. */
export const noMobileCitizenPhone: LocalizedText = {
  kk: 'Бұл ЖСН-ге мобильді азаматтар базасында телефон нөмірі тіркелмеген. Нөмірді ХҚКО-да немесе ұялы байланыс операторында тіркеңіз, не ЭЦҚ арқылы тіркеліңіз.',
  ru: 'За этим ИИН в базе мобильных граждан не закреплён номер телефона. Закрепите номер в ЦОН или у оператора сотовой связи, либо зарегистрируйтесь с ЭЦП.',
  en: 'No phone number is bound to this IIN in the mobile-citizens registry. Bind your number at a front office or with your mobile operator, or register with a digital signature (ЭЦП).',
};

/**
 * First step of a registration by one-time code (as egov.kz): the IIN only. The code goes
 * to the phone that the mobile-citizens registry (БМГ) holds for the IIN — never to a
 * phone the applicant types — and proves that whoever registers holds that phone. The
 * challenge is confirmed with the code and the new password ({@link confirmCitizenRegistration}).
 * Refuses an invalid IIN and an IIN without a bound phone (validation_failed, localised),
 * and an IIN that already has a proved account (conflict `iin_already_registered`);
 * DomainError('registry_unavailable') when БМГ cannot be reached.
 */
export async function startCitizenRegistration(
  services: RegistrationServices,
  registration: { iin: string },
  now: Date,
): Promise<IssuedOneTimePassword> {
  const iin = registration.iin.trim();
  refuseIssues([iinIssue(iin)]);
  const existing = await findCitizenAccountByIin(services.db, iin);
  if (existing?.identityVerifiedAt) throw alreadyRegistered();
  const bound = await services.registries.mobileCitizens.findPhone(iin);
  if (bound.status !== 'found') {
    const issue: FieldIssue & { message: LocalizedText } = {
      path: 'iin',
      rule: 'not_in_mobile_registry',
      message: noMobileCitizenPhone,
    };
    throw new DomainError('validation_failed', { issues: [issue] });
  }
  return issueOneTimePassword(
    services,
    {
      phone: bound.data.phone,
      purpose: OtpPurpose.register,
      subjectId: iin,
      actor: { kind: 'anonymous' },
    },
    now,
  );
}
