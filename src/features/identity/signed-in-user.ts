import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { StaffRole } from '../../domain/shared/roles.js';
import { getOrganisation } from '../../engine/application-services.js';
import type { Database } from '../../storage/db.js';
import { findActiveSessionWithAccount } from '../../storage/session.repository.js';
import { hashSessionToken } from './identity-services.js';

/** Who is signed in on the web, with what the pages show about them. */
export type SignedInUser =
  | {
      readonly kind: 'citizen';
      readonly sessionId: string;
      readonly accountId: string;
      readonly iin: string;
      readonly phone: string;
      readonly principal: Principal & { kind: 'citizen' };
    }
  | {
      readonly kind: 'staff';
      readonly sessionId: string;
      readonly staffId: string;
      readonly iin: string;
      readonly fullName: string;
      /** The Kazakh spelling of the name. */
      readonly fullNameKk: string;
      readonly roles: readonly StaffRole[];
      readonly organisation: {
        readonly id: string;
        readonly kind: string;
        readonly name: { kk: string; ru: string };
        readonly regionCode: string;
      };
      readonly principal: Principal & { kind: 'staff' };
    };

/**
 * The person behind a session cookie, or undefined when the token is unknown, revoked or
 * expired, or the account is gone or deactivated.
 */
export async function findSignedInUser(
  db: Database,
  token: string | undefined,
  now: Date,
): Promise<SignedInUser | undefined> {
  if (!token) return undefined;
  const session = await findActiveSessionWithAccount(db, hashSessionToken(token), now);
  if (!session) return undefined;
  if (session.subjectKind === 'citizen') {
    const account = session.account;
    return (
      account && {
        kind: 'citizen',
        sessionId: session.sessionId,
        accountId: account.id,
        iin: account.iin,
        phone: account.phone,
        principal: { kind: 'citizen', iin: account.iin },
      }
    );
  }
  const staff = session.account;
  if (!staff?.isActive) return undefined;
  // Every staff page asks: the organisation row is reused as the commands reuse it (seconds).
  const organisation = await getOrganisation(
    { db },
    db,
    staff.organisationId,
    'organisationId',
  ).catch((error: unknown) => {
    if (error instanceof DomainError) return undefined;
    throw error;
  });
  if (!organisation) return undefined;
  const roles = staff.roles as StaffRole[];
  return {
    kind: 'staff',
    sessionId: session.sessionId,
    staffId: staff.id,
    iin: staff.iin,
    fullName: staff.fullName,
    fullNameKk: staff.fullNameKk,
    roles,
    organisation: {
      id: organisation.id,
      kind: organisation.kind,
      name: { kk: organisation.nameKk, ru: organisation.nameRu },
      regionCode: organisation.regionCode,
    },
    principal: {
      kind: 'staff',
      staffId: staff.id,
      roles,
      organisationId: staff.organisationId,
      regionCode: staff.regionCode,
    },
  };
}
