import { DomainError } from '../../domain/shared/domain-error.js';
import { OtpPurpose } from '../../signing/one-time-password.js';
import { findCitizenAccountByIin } from '../../storage/citizen-account.repository.js';
import { checkPassword, type IdentityServices } from './identity-services.js';
import { issueOneTimePassword, type IssuedOneTimePassword } from './issue-one-time-password.js';

/**
 * First step of a citizen's login: IIN and password. When they match, a one-time password
 * goes to the registered phone and the returned challenge must be confirmed with it
 * ({@link confirmCitizenLogin}). Otherwise DomainError('unauthenticated') — the portal's
 * "отказ в авторизации" (portal flow, condition 1) — the same for an unknown IIN and a
 * wrong password.
 */
export async function startCitizenLogin(
  services: IdentityServices,
  credentials: { iin: string; password: string },
  now: Date,
): Promise<IssuedOneTimePassword> {
  const account = await findCitizenAccountByIin(services.db, credentials.iin.trim());
  const isMatch = await checkPassword(credentials.password, account?.passwordHash);
  if (!account || !isMatch) {
    throw new DomainError('unauthenticated', { reason: 'invalid_credentials' });
  }
  return issueOneTimePassword(
    services,
    {
      phone: account.phone,
      purpose: OtpPurpose.login,
      citizenAccountId: account.id,
      actor: { kind: 'citizen', id: account.id },
    },
    now,
  );
}
