import { DomainError } from '../shared/domain-error.js';
import { ActorRole, StaffRole, staffRoleForActor } from '../shared/roles.js';

/** Who asks. Staff act only within their organisation; citizens only on their own applications. */
export type Principal =
  | {
      readonly kind: 'staff';
      readonly staffId: string;
      /** The roles this account holds, all within `organisationId`. */
      readonly roles: readonly StaffRole[];
      readonly organisationId: string;
      /** The region of the organisation (for region administrators). */
      readonly regionCode: string;
    }
  | {
      readonly kind: 'citizen';
      /** ИИН / ЖСН of the signed-in citizen. */
      readonly iin: string;
    }
  | { readonly kind: 'system' };

/** What the principal wants to do. */
export type Permission =
  /** Perform a step of the regulation whose actor is `actorRole` (СФЕ of the step). */
  | { readonly kind: 'perform_step'; readonly actorRole: ActorRole }
  /** See an application and the personal data in it. */
  | { readonly kind: 'view_application' }
  /** Manage an organisation: its data, staff accounts and roles. */
  | { readonly kind: 'administer_organisation' };

/** An application as the policy sees it: who holds it and whose it is. */
export interface ApplicationTarget {
  readonly kind: 'application';
  /** The provider (услугодатель) that holds the application. */
  readonly providerOrganisationId: string;
  /** The front office (ЦОН) that accepted it, when it came through one. */
  readonly frontOfficeOrganisationId?: string;
  readonly regionCode: string;
  /** ИИН of the applicant (услугополучатель). */
  readonly applicantIin: string;
  /** ИИН of the representative acting under a verified notarised power of attorney, if any. */
  readonly representativeIin?: string;
}

/** An organisation as the target of administration. */
export interface OrganisationTarget {
  readonly kind: 'organisation';
  readonly organisationId: string;
  readonly regionCode: string;
}

export type AuthorisationTarget = ApplicationTarget | OrganisationTarget;

/** Why a request was refused; stable codes for logs and messages. */
export const DenialReason = {
  wrongRole: 'wrong_role',
  foreignOrganisation: 'foreign_organisation',
  foreignRegion: 'foreign_region',
  notTheApplicant: 'not_the_applicant',
  administratorsDoNotAct: 'administrators_do_not_act',
  automaticStep: 'automatic_step',
  wrongTarget: 'wrong_target',
} as const;
export type DenialReason = (typeof DenialReason)[keyof typeof DenialReason];

export type AuthorisationDecision =
  { readonly isAllowed: true } | { readonly isAllowed: false; readonly reason: DenialReason };

const allow: AuthorisationDecision = { isAllowed: true };
const deny = (reason: DenialReason): AuthorisationDecision => ({ isAllowed: false, reason });

/** Staff roles that work inside the front office (Government Corporation), not at the provider. */
const frontOfficeRoles: ReadonlySet<StaffRole> = new Set([
  StaffRole.frontOfficeOperator,
  StaffRole.courier,
]);
const administratorRoles: ReadonlySet<StaffRole> = new Set([
  StaffRole.regionAdministrator,
  StaffRole.systemAdministrator,
]);

/** The organisation of an application in which `role` works: the front office or the provider. */
function organisationForRole(role: StaffRole, target: ApplicationTarget): string | undefined {
  return frontOfficeRoles.has(role)
    ? target.frontOfficeOrganisationId
    : target.providerOrganisationId;
}

function isOwnApplication(iin: string, target: ApplicationTarget): boolean {
  return target.applicantIin === iin || target.representativeIin === iin;
}

/**
 * Whether `principal` may do `permission` on `target`. Pure; the engine adds what the
 * regulation allows in the application's current state.
 *
 * - A step is done by the staff role that `staffRoleForActor` maps its actor to, by an
 *   account of the organisation that holds the application at that step: the provider for
 *   registry office, head, executor and commission; the front office for operator and courier
 *   (000/004: the operator of the Government Corporation; the courier carries the package).
 * - Staff see applications of their own organisation only (a head of one school sees
 *   nothing of another school); administrators do not see or act on applications.
 * - Applicant steps are done by the applicant or their representative, nobody else.
 * - Steps of the information system (portal, gateway) are done by the system only.
 * - Region administrators administer organisations of their region; system administrators
 *   administer every organisation.
 */
export function canPerform(
  principal: Principal,
  permission: Permission,
  target: AuthorisationTarget,
): AuthorisationDecision {
  switch (permission.kind) {
    case 'administer_organisation':
      return canAdminister(principal, target);
    case 'view_application':
      return target.kind === 'application'
        ? canView(principal, target)
        : deny(DenialReason.wrongTarget);
    case 'perform_step':
      return target.kind === 'application'
        ? canPerformStep(principal, permission.actorRole, target)
        : deny(DenialReason.wrongTarget);
  }
}

function canAdminister(principal: Principal, target: AuthorisationTarget): AuthorisationDecision {
  if (target.kind !== 'organisation') return deny(DenialReason.wrongTarget);
  if (principal.kind !== 'staff') return deny(DenialReason.wrongRole);
  if (principal.roles.includes(StaffRole.systemAdministrator)) return allow;
  if (!principal.roles.includes(StaffRole.regionAdministrator)) return deny(DenialReason.wrongRole);
  return principal.regionCode === target.regionCode ? allow : deny(DenialReason.foreignRegion);
}

function canView(principal: Principal, target: ApplicationTarget): AuthorisationDecision {
  switch (principal.kind) {
    case 'system':
      return allow;
    case 'citizen':
      return isOwnApplication(principal.iin, target) ? allow : deny(DenialReason.notTheApplicant);
    case 'staff': {
      const working = principal.roles.filter((role) => !administratorRoles.has(role));
      if (working.length === 0) return deny(DenialReason.administratorsDoNotAct);
      return working.some((role) => organisationForRole(role, target) === principal.organisationId)
        ? allow
        : deny(DenialReason.foreignOrganisation);
    }
  }
}

function canPerformStep(
  principal: Principal,
  actorRole: ActorRole,
  target: ApplicationTarget,
): AuthorisationDecision {
  if (actorRole === ActorRole.informationSystem) {
    return principal.kind === 'system' ? allow : deny(DenialReason.automaticStep);
  }
  switch (principal.kind) {
    case 'system':
      return deny(DenialReason.wrongRole);
    case 'citizen':
      if (actorRole !== ActorRole.applicant) return deny(DenialReason.wrongRole);
      return isOwnApplication(principal.iin, target) ? allow : deny(DenialReason.notTheApplicant);
    case 'staff': {
      const required = staffRoleForActor(actorRole);
      if (!required || !principal.roles.includes(required)) {
        return principal.roles.every((role) => administratorRoles.has(role))
          ? deny(DenialReason.administratorsDoNotAct)
          : deny(DenialReason.wrongRole);
      }
      return organisationForRole(required, target) === principal.organisationId
        ? allow
        : deny(DenialReason.foreignOrganisation);
    }
  }
}

/** Like {@link canPerform}, but throws DomainError('forbidden', { reason }) when refused. */
export function assertCanPerform(
  principal: Principal,
  permission: Permission,
  target: AuthorisationTarget,
): void {
  const decision = canPerform(principal, permission, target);
  if (!decision.isAllowed) {
    throw new DomainError('forbidden', { reason: decision.reason, permission: permission.kind });
  }
}
