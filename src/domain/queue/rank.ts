import type { QueueCategory, QueueRules } from './QueueRules.js';

/** How a claimed privilege stands (документы, подтверждающие льготу). */
export const PrivilegeStatus = {
  /** The general category: nothing to confirm. */
  none: 'none',
  /** Claimed; the documents are due within the confirmation window. */
  pending: 'pending',
  confirmed: 'confirmed',
  /** Not confirmed in time: the child is in the general queue at its original registration time. */
  lost: 'lost',
} as const;
export type PrivilegeStatus = (typeof PrivilegeStatus)[keyof typeof PrivilegeStatus];

/** A child waiting in a district's queue, as the pure ordering sees it. */
export interface QueueChild {
  /** The registration's stable id. */
  readonly id: string;
  /** The registration slip number (регистрационный талон). */
  readonly number: string;
  /** The category claimed at registration. */
  readonly category: QueueCategory;
  readonly privilege: PrivilegeStatus;
  /** When the child was registered (epoch milliseconds): the order within a category. */
  readonly registeredAt: number;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  /** Up to the rules' number of preferred kindergartens (ids). */
  readonly preferred: readonly string[];
  /** The language of instruction wanted (a code such as kk, ru). */
  readonly language: string;
  /** The special-needs group wanted, or null for an ordinary group. */
  readonly specialNeeds: string | null;
  /** YYYY-MM-DD: no place is offered before it. */
  readonly desiredStart: string;
}

const categoryRank: Record<QueueCategory, number> = { extraordinary: 0, primary: 1, general: 2 };

/** The category the queue uses: a lost privilege puts the child in the general queue. */
export function effectiveCategory(
  child: Pick<QueueChild, 'category' | 'privilege'>,
): QueueCategory {
  return child.privilege === PrivilegeStatus.lost ? 'general' : child.category;
}

/** The rank of a category, 0 the highest. */
export function rankOfCategory(category: QueueCategory): number {
  return categoryRank[category];
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * The queue order: category first (extraordinary, primary, general; a lost privilege counts
 * as general), then registration date and time, then the slip number and the id so that
 * equal times still give one order. A total order: the same children always rank the same.
 */
export function compareQueueChildren(left: QueueChild, right: QueueChild): number {
  return (
    categoryRank[effectiveCategory(left)] - categoryRank[effectiveCategory(right)] ||
    left.registeredAt - right.registeredAt ||
    compareText(left.number, right.number) ||
    compareText(left.id, right.id)
  );
}

/** Full years between two YYYY-MM-DD dates (the birth date and the day asked); -1 if unreadable. */
export function fullYears(birthDate: string, day: string): number {
  const birth = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const at = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!birth || !at) return -1;
  const [by, bm, bd] = [Number(birth[1]), Number(birth[2]), Number(birth[3])];
  const [y, m, d] = [Number(at[1]), Number(at[2]), Number(at[3])];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Whether the child's age on `day` is inside the rules' window (from 2, until 7 by default). */
export function isInAgeWindow(
  child: Pick<QueueChild, 'birthDate'>,
  day: string,
  rules: Pick<QueueRules, 'ageWindow'>,
): boolean {
  const years = fullYears(child.birthDate, day);
  return years >= rules.ageWindow.value.fromYears && years < rules.ageWindow.value.untilYears;
}

/**
 * Whether the child has reached the end of the age window on `day` (7 by default): the child
 * leaves the queue (akimat-2012-149; the rule `ageWindow.untilYears` of the region's file).
 * An unreadable birth date never ages out (the registration refuses one anyway).
 */
export function hasAgedOut(
  child: Pick<QueueChild, 'birthDate'>,
  day: string,
  rules: Pick<QueueRules, 'ageWindow'>,
): boolean {
  return fullYears(child.birthDate, day) >= rules.ageWindow.value.untilYears;
}

/**
 * A birth date (YYYY-MM-DD) on or before which every child who has aged out on `day` was born:
 * the same day `untilYears` years earlier, or 1 March when that day is a 29 February that the
 * earlier year lacks. An upper bound for a query; `hasAgedOut` decides each child.
 */
export function agedOutBornBy(day: string, rules: Pick<QueueRules, 'ageWindow'>): string {
  const at = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!at) throw new RangeError(`not a day: ${day}`);
  const year = Number(at[1]) - rules.ageWindow.value.untilYears;
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDay = `${at[2]}-${at[3]}` === '02-29' && !isLeap ? '03-01' : `${at[2]}-${at[3]}`;
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/**
 * Whether `day` (YYYY-MM-DD, a Kazakhstan calendar day) is inside the region's yearly intake
 * round (`intakeRound`, both ends included); false when the region runs none.
 */
export function isInIntakeRound(day: string, rules: Pick<QueueRules, 'intakeRound'>): boolean {
  if (!rules.intakeRound) return false;
  const monthDay = day.slice(5, 10);
  return monthDay >= rules.intakeRound.value.from && monthDay <= rules.intakeRound.value.until;
}

/** Why a child stands where it stands: the key of the order, for the explanation shown. */
export interface RankedChild {
  readonly child: QueueChild;
  /** 1-based place in the district queue. */
  readonly position: number;
  readonly category: QueueCategory;
  /** True when the child is of an age the queue moves for on the day asked. */
  readonly isMoving: boolean;
}

/** The district queue in order, with positions (children of every age still in the queue). */
export function rankQueue(
  children: readonly QueueChild[],
  day: string,
  rules: Pick<QueueRules, 'ageWindow'>,
): RankedChild[] {
  return [...children].sort(compareQueueChildren).map((child, index) => ({
    child,
    position: index + 1,
    category: effectiveCategory(child),
    isMoving: isInAgeWindow(child, day, rules),
  }));
}
