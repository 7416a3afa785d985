import type { QueueCategory, QueueRules } from './QueueRules.js';
import {
  compareQueueChildren,
  effectiveCategory,
  fullYears,
  rankOfCategory,
  type QueueChild,
} from './rank.js';

/** A group of a kindergarten: who it takes. */
export interface KindergartenGroup {
  readonly id: string;
  readonly kindergartenId: string;
  /** Full years, inclusive. */
  readonly ageFromYears: number;
  readonly ageToYears: number;
  readonly language: string;
  /** The special-needs kind of the group, or null for an ordinary group. */
  readonly specialNeeds: string | null;
}

/** One free place published in a group. */
export interface FreePlace {
  readonly id: string;
  readonly groupId: string;
  /** When it was published (epoch ms): earlier places are given first. */
  readonly publishedAt: number;
}

/** Whose turn a place was under the rules. */
export type AllocationTurn = QueueCategory;

/** One place given to one child, with why. */
export interface PlaceOffer {
  readonly placeId: string;
  readonly groupId: string;
  readonly kindergartenId: string;
  readonly childId: string;
  readonly number: string;
  /** The child's category in the queue (after a lost privilege). */
  readonly category: QueueCategory;
  /** Whose turn the place was: extraordinary (always first), or primary/general by the alternation. */
  readonly turn: AllocationTurn;
  /** True when the turn's category had nobody for this group and the other took the place. */
  readonly fellBack: boolean;
  /** The child's position among the children who could take this place (always 1: the first). */
  readonly rankForPlace: 1;
}

export interface AllocationInput {
  /** The children waiting (no open offer, no referral), any order. */
  readonly children: readonly QueueChild[];
  readonly groups: readonly KindergartenGroup[];
  readonly places: readonly FreePlace[];
  readonly rules: Pick<QueueRules, 'ageWindow' | 'alternation'>;
  /** YYYY-MM-DD (Kazakhstan's date) on which ages and desired start dates are read. */
  readonly day: string;
  /** Where the 1:3 cycle stands (carried from the previous run of the district). */
  readonly alternationIndex: number;
  /** Places a child declined or let expire: never offered to that child again. */
  readonly refused?: readonly { readonly childId: string; readonly placeId: string }[];
}

export interface AllocationResult {
  readonly offers: readonly PlaceOffer[];
  /** Places nobody eligible wanted, in the order considered. */
  readonly unfilled: readonly string[];
  /** Where the cycle stands after this run (the next run starts here). */
  readonly alternationIndex: number;
}

/** Whether the child may take a place of the group on `day` (kindergarten chosen, age, language, needs, start date). */
export function isEligibleFor(
  child: QueueChild,
  group: KindergartenGroup,
  day: string,
  rules: Pick<QueueRules, 'ageWindow'>,
): boolean {
  if (!child.preferred.includes(group.kindergartenId)) return false;
  return isEligibleForGroupOfChosen(child, group, day, rules);
}

function isEligibleForGroupOfChosen(
  child: QueueChild,
  group: KindergartenGroup,
  day: string,
  rules: Pick<QueueRules, 'ageWindow'>,
): boolean {
  const years = fullYears(child.birthDate, day);
  return (
    years >= rules.ageWindow.value.fromYears &&
    years < rules.ageWindow.value.untilYears &&
    years >= group.ageFromYears &&
    years <= group.ageToYears &&
    child.desiredStart <= day &&
    child.language === group.language &&
    child.specialNeeds === group.specialNeeds
  );
}

/** The turn of the cycle at `index`: `primary` places first, then `general` ones. */
export function turnAt(
  index: number,
  alternation: QueueRules['alternation']['value'],
): QueueCategory {
  const length = alternation.primary + alternation.general;
  return index % length < alternation.primary ? 'primary' : 'general';
}

function comparePlaces(left: FreePlace, right: FreePlace): number {
  return (
    left.publishedAt - right.publishedAt || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0)
  );
}

/** Per group and category, the eligible children in queue order and how far they are used. */
interface GroupCandidates {
  readonly lists: [number[], number[], number[]];
  readonly next: [number, number, number];
}

/**
 * Gives free places to children (issue 19): places in the order published; for each, the first
 * child in queue order among those who chose its kindergarten and fit its group (age, language,
 * special needs, desired start) — an extraordinary right first; otherwise by the alternation
 * (`primary` places to the primary right, then `general` to the general queue, repeating; a
 * turn with nobody eligible falls to the other category and still counts). A child gets at most
 * one place. Pure and deterministic: the same input gives the same result, whatever the order
 * of the arrays. Runs in O(n log n + total preferences + places).
 */
export function allocatePlaces(input: AllocationInput): AllocationResult {
  const ranked = [...input.children].sort(compareQueueChildren);
  const categoryOf = ranked.map((child) => rankOfCategory(effectiveCategory(child)));
  // Ages read once per child (not once per child and group).
  const { fromYears, untilYears } = input.rules.ageWindow.value;
  const ageOf = ranked.map((child) => fullYears(child.birthDate, input.day));
  const byKindergarten = new Map<string, number[]>();
  ranked.forEach((child, index) => {
    for (const kindergartenId of new Set(child.preferred)) {
      const list = byKindergarten.get(kindergartenId);
      if (list) list.push(index);
      else byKindergarten.set(kindergartenId, [index]);
    }
  });
  const groups = new Map(input.groups.map((group) => [group.id, group]));
  const candidates = new Map<string, GroupCandidates>();
  const placed = new Uint8Array(ranked.length);
  const candidatesOf = (group: KindergartenGroup): GroupCandidates => {
    let found = candidates.get(group.id);
    if (!found) {
      const lists: [number[], number[], number[]] = [[], [], []];
      for (const index of byKindergarten.get(group.kindergartenId) ?? []) {
        const child = ranked[index]!;
        const years = ageOf[index]!;
        if (
          years >= fromYears &&
          years < untilYears &&
          years >= group.ageFromYears &&
          years <= group.ageToYears &&
          child.desiredStart <= input.day &&
          child.language === group.language &&
          child.specialNeeds === group.specialNeeds
        ) {
          lists[categoryOf[index]!]!.push(index);
        }
      }
      found = { lists, next: [0, 0, 0] };
      candidates.set(group.id, found);
    }
    return found;
  };
  const refused = new Set(
    (input.refused ?? []).map((entry) => `${entry.childId}\n${entry.placeId}`),
  );
  const firstOf = (
    group: GroupCandidates,
    category: number,
    placeId: string,
  ): number | undefined => {
    const list = group.lists[category as 0 | 1 | 2];
    let at = group.next[category as 0 | 1 | 2];
    while (at < list.length && placed[list[at]!]) at += 1;
    group.next[category as 0 | 1 | 2] = at;
    if (refused.size === 0) return list[at];
    // A child who refused this place is passed over for it only (the pointer stays).
    for (let look = at; look < list.length; look += 1) {
      const index = list[look]!;
      if (!placed[index] && !refused.has(`${ranked[index]!.id}\n${placeId}`)) return index;
    }
    return undefined;
  };

  const offers: PlaceOffer[] = [];
  const unfilled: string[] = [];
  let alternationIndex = input.alternationIndex;
  for (const place of [...input.places].sort(comparePlaces)) {
    const group = groups.get(place.groupId);
    if (!group) {
      unfilled.push(place.id);
      continue;
    }
    const pool = candidatesOf(group);
    let turn: QueueCategory = 'extraordinary';
    let fellBack = false;
    let chosen = firstOf(pool, 0, place.id);
    if (chosen === undefined) {
      turn = turnAt(alternationIndex, input.rules.alternation.value);
      const own = rankOfCategory(turn);
      chosen = firstOf(pool, own, place.id);
      if (chosen === undefined) {
        chosen = firstOf(pool, own === 1 ? 2 : 1, place.id);
        fellBack = chosen !== undefined;
      }
      if (chosen !== undefined) alternationIndex += 1;
    }
    if (chosen === undefined) {
      unfilled.push(place.id);
      continue;
    }
    placed[chosen] = 1;
    const child = ranked[chosen]!;
    offers.push({
      placeId: place.id,
      groupId: group.id,
      kindergartenId: group.kindergartenId,
      childId: child.id,
      number: child.number,
      category: effectiveCategory(child),
      turn,
      fellBack,
      rankForPlace: 1,
    });
  }
  return { offers, unfilled, alternationIndex };
}
