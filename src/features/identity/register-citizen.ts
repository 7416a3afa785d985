import {
  checkNewPassword,
  describePasswordIssue,
  normalisePhone,
} from '../../domain/identity/credentials.js';
import { checkIin } from '../../domain/identity/iin.js';
import { DomainError, type FieldIssue } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import { insertCitizenAccount } from '../../storage/citizen-account.repository.js';
import { hashPassword, type IdentityServices } from './identity-services.js';

export interface CitizenRegistration {
  readonly iin: string;
  readonly password: string;
  readonly phone: string;
}

export interface RegisteredCitizen {
  readonly citizenAccountId: string;
  readonly iin: string;
  readonly phone: string;
}

/**
 * Registers a citizen on the portal with IIN and password (portal flow of 000/001/003/004:
 * "регистрация с ИИН и паролем"), and the phone where one-time passwords go.
 * Throws validation_failed (field issues with localised messages) or conflict when the
 * IIN is already registered.
 */
export async function registerCitizen(
  services: Pick<IdentityServices, 'db'>,
  registration: CitizenRegistration,
  now: Date,
): Promise<RegisteredCitizen> {
  const issues: (FieldIssue & { message?: unknown })[] = [];
  const iin = registration.iin.trim();
  const iinCheck = checkIin(iin);
  if (!iinCheck.isValid)
    issues.push({ path: 'iin', rule: iinCheck.code, message: iinCheck.message });
  const phone = normalisePhone(registration.phone);
  if (!phone) issues.push({ path: 'phone', rule: 'kz_mobile_phone' });
  const passwordIssue = checkNewPassword(registration.password);
  if (passwordIssue) {
    issues.push({
      path: 'password',
      rule: passwordIssue,
      message: describePasswordIssue(passwordIssue),
    });
  }
  if (issues.length > 0 || !phone) throw new DomainError('validation_failed', { issues });

  const passwordHash = await hashPassword(registration.password);
  const account = await services.db.transaction().execute(async (trx) => {
    const inserted = await insertCitizenAccount(trx, { iin, phone, passwordHash, now });
    if (!inserted) return undefined;
    await appendAudit(trx, {
      occurredAt: now,
      actor: { kind: 'citizen', id: inserted.id },
      action: 'citizen.registered',
      subjectType: 'citizen_account',
      subjectId: inserted.id,
      details: { iin },
    });
    return inserted;
  });
  if (!account)
    throw new DomainError('conflict', { reason: 'iin_already_registered', field: 'iin' });
  return { citizenAccountId: account.id, iin: account.iin, phone: account.phone };
}
