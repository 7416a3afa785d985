import { OtpPurpose } from '../../signing/one-time-password.js';
import { hashPassword, type IdentityServices } from './identity-services.js';
import {
  iinIssue,
  openProvenCitizenAccount,
  passwordIssue,
  refuseIssues,
  type RegisteredCitizen,
} from './open-proven-citizen-account.js';
import { consumeOneTimePassword, otpRefusal } from './verify-one-time-password.js';

export interface RegistrationAnswer {
  readonly iin: string;
  readonly challengeId: string;
  /** The code sent to the phone the mobile-citizens registry holds for the IIN. */
  readonly code: string;
  readonly password: string;
}

/**
 * Second step of a registration by one-time code: the code proves the IIN, the password is
 * the new account's. The account's phone is the one the code went to (from БМГ). The
 * password is checked before the code, so a refused password does not spend the code.
 * Throws validation_failed, unauthenticated (a wrong, expired or used code — the attempt
 * is recorded first) or conflict `iin_already_registered`.
 */
export async function confirmCitizenRegistration(
  services: Pick<IdentityServices, 'db'>,
  answer: RegistrationAnswer,
  now: Date,
): Promise<RegisteredCitizen> {
  const iin = answer.iin.trim();
  refuseIssues([iinIssue(iin), passwordIssue(answer.password)]);
  const passwordHash = await hashPassword(answer.password);
  const outcome = await services.db.transaction().execute(async (trx) => {
    const check = await consumeOneTimePassword(
      trx,
      {
        challengeId: answer.challengeId,
        code: answer.code.trim(),
        purpose: OtpPurpose.register,
        subjectId: iin,
        actor: { kind: 'anonymous' },
      },
      now,
    );
    if (!check.isAccepted) return { check };
    const citizen = await openProvenCitizenAccount(
      trx,
      { iin, phone: check.phone, passwordHash, identityProof: 'mobile_registry_otp' },
      now,
    );
    return { check, citizen };
  });
  if (!outcome.check.isAccepted) throw otpRefusal(outcome.check);
  return outcome.citizen!;
}
