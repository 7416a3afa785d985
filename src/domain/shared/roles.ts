/**
 * Who acts at a step of a regulation ("СФЕ" / "ҚФБ" — structural-functional units).
 * Regulation definitions name these; the engine maps each to the staff role that may
 * perform the step (see `staffRoleForActor`).
 */
export const ActorRole = {
  /** услугополучатель / көрсетілетін қызметті алушы — the applicant or their representative */
  applicant: 'applicant',
  /** оператор Государственной корпорации (ЦОН) — front-office operator */
  frontOfficeOperator: 'front_office_operator',
  /** курьер / накопительный сектор Государственной корпорации — carries packages and registers */
  courier: 'courier',
  /** канцелярия услугодателя / кеңсе — the provider's registry office */
  registryOffice: 'registry_office',
  /** руководитель услугодателя / басшы — the head of the provider */
  head: 'head',
  /** ответственный исполнитель / жауапты орындаушы — the responsible executor */
  executor: 'executor',
  /** комиссия — a commission deciding (disabled children's support) */
  commission: 'commission',
  /** информационная система (портал, ШЭП, ИС МИО) — automatic steps */
  informationSystem: 'information_system',
} as const;
export type ActorRole = (typeof ActorRole)[keyof typeof ActorRole];
export const actorRoles = Object.values(ActorRole);

/** The roles a staff account can hold, always within one organisation. */
export const StaffRole = {
  registryOffice: 'registry_office',
  head: 'head',
  executor: 'executor',
  frontOfficeOperator: 'front_office_operator',
  courier: 'courier',
  commissionMember: 'commission_member',
  regionAdministrator: 'region_administrator',
  systemAdministrator: 'system_administrator',
} as const;
export type StaffRole = (typeof StaffRole)[keyof typeof StaffRole];
export const staffRoles = Object.values(StaffRole);

/** The staff role that performs a step whose actor is `actor`; undefined for applicant and system steps. */
export function staffRoleForActor(actor: ActorRole): StaffRole | undefined {
  switch (actor) {
    case ActorRole.applicant:
    case ActorRole.informationSystem:
      return undefined;
    case ActorRole.frontOfficeOperator:
      return StaffRole.frontOfficeOperator;
    case ActorRole.courier:
      return StaffRole.courier;
    case ActorRole.registryOffice:
      return StaffRole.registryOffice;
    case ActorRole.head:
      return StaffRole.head;
    case ActorRole.executor:
      return StaffRole.executor;
    case ActorRole.commission:
      return StaffRole.commissionMember;
  }
}
