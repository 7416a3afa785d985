import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.js';
import { actorRoles, staffRoles, type ActorRole, type StaffRole } from '../shared/roles.js';
import {
  assertCanPerform,
  canPerform,
  type ApplicationTarget,
  type OrganisationTarget,
  type Principal,
} from './authorisation.js';

/** Written out by hand from the regulations' step tables (СФЕ of each step), not derived from the code. */
const stepsByRole: Record<StaffRole, readonly ActorRole[]> = {
  registry_office: ['registry_office'],
  head: ['head'],
  executor: ['executor'],
  front_office_operator: ['front_office_operator'],
  courier: ['courier'],
  commission_member: ['commission'],
  region_administrator: [],
  system_administrator: [],
};
const worksAtFrontOffice: Record<StaffRole, boolean> = {
  registry_office: false,
  head: false,
  executor: false,
  front_office_operator: true,
  courier: true,
  commission_member: false,
  region_administrator: false,
  system_administrator: false,
};
const isAdministrator = (role: StaffRole) =>
  role === 'region_administrator' || role === 'system_administrator';

const application: ApplicationTarget = {
  kind: 'application',
  providerOrganisationId: 'school-1',
  frontOfficeOrganisationId: 'front-office-1',
  regionCode: 'south_kazakhstan',
  applicantIin: '880215300010',
  representativeIin: '961231456783',
};

function staff(role: StaffRole, side: 'own' | 'foreign'): Principal {
  const organisationId = worksAtFrontOffice[role]
    ? side === 'own'
      ? 'front-office-1'
      : 'front-office-2'
    : side === 'own'
      ? 'school-1'
      : 'school-2';
  return {
    kind: 'staff',
    staffId: `${role}-${side}`,
    roles: [role],
    organisationId,
    regionCode: 'south_kazakhstan',
  };
}

const matrix = staffRoles.flatMap((role) =>
  actorRoles.flatMap((actorRole) =>
    (['own', 'foreign'] as const).map((side) => ({
      role,
      actorRole,
      side,
      expected: side === 'own' && stepsByRole[role].includes(actorRole),
    })),
  ),
);

describe('canPerform: every staff role × every step actor × own/foreign organisation', () => {
  it('covers the full matrix', () => {
    expect(matrix).toHaveLength(staffRoles.length * actorRoles.length * 2);
    expect(matrix.filter((entry) => entry.expected)).toHaveLength(6);
  });

  it.each(matrix)(
    '$role on a $actorRole step, $side organisation → $expected',
    ({ role, actorRole, side, expected }) => {
      const decision = canPerform(
        staff(role, side),
        { kind: 'perform_step', actorRole },
        application,
      );
      expect(decision.isAllowed).toBe(expected);
      if (!decision.isAllowed) {
        const reason =
          actorRole === 'information_system'
            ? 'automatic_step'
            : isAdministrator(role)
              ? 'administrators_do_not_act'
              : stepsByRole[role].includes(actorRole)
                ? 'foreign_organisation'
                : 'wrong_role';
        expect(decision.reason).toBe(reason);
      }
    },
  );
});

describe('canPerform: viewing applications', () => {
  it.each(
    staffRoles.flatMap((role) => (['own', 'foreign'] as const).map((side) => ({ role, side }))),
  )('$role, $side organisation', ({ role, side }) => {
    const decision = canPerform(staff(role, side), { kind: 'view_application' }, application);
    expect(decision.isAllowed).toBe(side === 'own' && !isAdministrator(role));
  });

  it('a head of one school sees nothing of another school', () => {
    const head: Principal = {
      kind: 'staff',
      staffId: 'h2',
      roles: ['head'],
      organisationId: 'school-2',
      regionCode: 'south_kazakhstan',
    };
    expect(canPerform(head, { kind: 'view_application' }, application)).toEqual({
      isAllowed: false,
      reason: 'foreign_organisation',
    });
    for (const actorRole of actorRoles) {
      expect(canPerform(head, { kind: 'perform_step', actorRole }, application).isAllowed).toBe(
        false,
      );
    }
  });

  it('a provider account does not act on front-office steps of its own application', () => {
    const operatorAtSchool: Principal = {
      kind: 'staff',
      staffId: 'x',
      roles: ['front_office_operator'],
      organisationId: 'school-1',
      regionCode: 'south_kazakhstan',
    };
    expect(
      canPerform(
        operatorAtSchool,
        { kind: 'perform_step', actorRole: 'front_office_operator' },
        application,
      ),
    ).toEqual({ isAllowed: false, reason: 'foreign_organisation' });
  });

  it('an account with several roles may do each of them', () => {
    const both: Principal = {
      kind: 'staff',
      staffId: 'b',
      roles: ['registry_office', 'executor'],
      organisationId: 'school-1',
      regionCode: 'south_kazakhstan',
    };
    const allowed = actorRoles.filter(
      (actorRole) => canPerform(both, { kind: 'perform_step', actorRole }, application).isAllowed,
    );
    expect(allowed.sort()).toEqual(['executor', 'registry_office']);
  });
});

describe('canPerform: citizens', () => {
  const citizen = (iin: string): Principal => ({ kind: 'citizen', iin });
  const cases = [
    { who: 'the applicant', iin: '880215300010', own: true },
    { who: 'the representative', iin: '961231456783', own: true },
    { who: 'another citizen', iin: '000229500008', own: false },
  ];
  it.each(cases)(
    '$who: applicant steps and viewing only on their own application',
    ({ iin, own }) => {
      for (const actorRole of actorRoles) {
        const decision = canPerform(citizen(iin), { kind: 'perform_step', actorRole }, application);
        expect(decision.isAllowed, actorRole).toBe(own && actorRole === 'applicant');
      }
      expect(canPerform(citizen(iin), { kind: 'view_application' }, application).isAllowed).toBe(
        own,
      );
      expect(
        canPerform(
          citizen(iin),
          { kind: 'administer_organisation' },
          { kind: 'organisation', organisationId: 'school-1', regionCode: 'south_kazakhstan' },
        ).isAllowed,
      ).toBe(false);
    },
  );

  it('only the system performs automatic steps', () => {
    expect(
      canPerform(
        { kind: 'system' },
        { kind: 'perform_step', actorRole: 'information_system' },
        application,
      ).isAllowed,
    ).toBe(true);
    expect(
      canPerform({ kind: 'system' }, { kind: 'perform_step', actorRole: 'head' }, application)
        .isAllowed,
    ).toBe(false);
  });
});

describe('canPerform: administration', () => {
  const ownRegion: OrganisationTarget = {
    kind: 'organisation',
    organisationId: 'school-9',
    regionCode: 'south_kazakhstan',
  };
  const otherRegion: OrganisationTarget = {
    kind: 'organisation',
    organisationId: 'kst-front-office',
    regionCode: 'kostanay',
  };
  it.each(staffRoles)('%s', (role) => {
    const principal = staff(role, 'own');
    const inRegion = canPerform(
      principal,
      { kind: 'administer_organisation' },
      ownRegion,
    ).isAllowed;
    const elsewhere = canPerform(
      principal,
      { kind: 'administer_organisation' },
      otherRegion,
    ).isAllowed;
    expect(inRegion).toBe(isAdministrator(role));
    expect(elsewhere).toBe(role === 'system_administrator');
  });

  it('assertCanPerform throws forbidden with the reason', () => {
    expect(() =>
      assertCanPerform(staff('head', 'foreign'), { kind: 'view_application' }, application),
    ).toThrow(DomainError);
    try {
      assertCanPerform(
        staff('region_administrator', 'own'),
        { kind: 'administer_organisation' },
        otherRegion,
      );
    } catch (error) {
      expect(error).toMatchObject({ code: 'forbidden', details: { reason: 'foreign_region' } });
    }
  });
});
