import { IdentityNumberIssue } from './identity-number-issue.js';
import {
  checkControlDigit,
  checkShapeAndControl,
  failIdentityNumber,
  type IdentityNumberCheck,
} from './iin.js';

/**
 * Digit 5 of a BIN (БИН / БСН): the type of the registered entity.
 */
export const BinEntityType = {
  /** 4 — юридическое лицо-резидент / резидент заңды тұлға */
  residentLegalEntity: 'resident_legal_entity',
  /** 5 — юридическое лицо-нерезидент / бейрезидент заңды тұлға */
  nonResidentLegalEntity: 'non_resident_legal_entity',
  /** 6 — ИП(С): индивидуальный предприниматель, действующий в виде совместного предпринимательства */
  jointEntrepreneurship: 'joint_entrepreneurship',
} as const;
export type BinEntityType = (typeof BinEntityType)[keyof typeof BinEntityType];

/** Digit 6 of a BIN: which unit of the entity the number belongs to. */
export const BinUnitKind = {
  /** 0 — головное подразделение / бас бөлімше */
  headOffice: 'head_office',
  /** 1 — филиал / филиал */
  branch: 'branch',
  /** 2 — представительство / өкілдік */
  representativeOffice: 'representative_office',
  /** 4 — крестьянское (фермерское) хозяйство на основе совместного предпринимательства */
  peasantFarm: 'peasant_farm',
} as const;
export type BinUnitKind = (typeof BinUnitKind)[keyof typeof BinUnitKind];

const entityTypeByDigit: Readonly<Record<number, BinEntityType>> = {
  4: BinEntityType.residentLegalEntity,
  5: BinEntityType.nonResidentLegalEntity,
  6: BinEntityType.jointEntrepreneurship,
};
const unitKindByDigit: Readonly<Record<number, BinUnitKind>> = {
  0: BinUnitKind.headOffice,
  1: BinUnitKind.branch,
  2: BinUnitKind.representativeOffice,
  4: BinUnitKind.peasantFarm,
};

/** What a valid BIN tells. */
export interface BinFacts {
  readonly bin: string;
  /** Two-digit year and month of registration, 'YY-MM' (the century is not encoded). */
  readonly registeredYearMonth: string;
  readonly entityType: BinEntityType;
  readonly unitKind: BinUnitKind;
}

export type BinCheck = IdentityNumberCheck<BinFacts>;

/**
 * Checks a BIN (БИН / БСН): 12 digits; digits 1–2 the year and 3–4 the month of
 * registration; digit 5 the entity type (4, 5, 6); digit 6 the kind of unit (0, 1, 2, 4);
 * digits 7–11 a serial; digit 12 the control digit, computed as for an IIN.
 */
export function checkBin(value: string): BinCheck {
  const shape = checkShapeAndControl(value);
  if ('issue' in shape) return failIdentityNumber('bin', shape.issue);
  const { digits } = shape;
  const month = Number(value.slice(2, 4));
  if (month < 1 || month > 12) {
    return failIdentityNumber('bin', IdentityNumberIssue.impossibleRegistrationMonth);
  }
  const entityType = entityTypeByDigit[digits[4] ?? -1];
  if (!entityType) return failIdentityNumber('bin', IdentityNumberIssue.unknownEntityType);
  const unitKind = unitKindByDigit[digits[5] ?? -1];
  if (!unitKind) return failIdentityNumber('bin', IdentityNumberIssue.unknownUnitKind);
  const control = checkControlDigit(digits);
  if (control) return failIdentityNumber('bin', control);
  return {
    isValid: true,
    bin: value,
    registeredYearMonth: `${value.slice(0, 2)}-${value.slice(2, 4)}`,
    entityType,
    unitKind,
  };
}

/** Whether `value` is a valid BIN. */
export function isValidBin(value: string): boolean {
  return checkBin(value).isValid;
}
