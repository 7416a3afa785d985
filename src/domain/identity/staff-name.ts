import type { Locale } from '../shared/locale.js';

/**
 * A staff member's full name in its two spellings (issue 18, point 4): `fullName` as the
 * identity document spells it in Russian, `fullNameKk` in Kazakh. Pages in Kazakh show the
 * Kazakh spelling, pages in Russian and English the Russian one.
 */
export interface StaffName {
  readonly fullName: string;
  readonly fullNameKk: string;
}

/** The spelling of the name for a page in `locale`. */
export function staffNameIn(name: StaffName, locale: Locale): string {
  return locale === 'kk' ? name.fullNameKk : name.fullName;
}

/** The name on a bilingual document: «kk / ru» when the spellings differ, else the one name. */
export function bilingualStaffName(name: StaffName): string {
  return name.fullNameKk === name.fullName
    ? name.fullName
    : `${name.fullNameKk} / ${name.fullName}`;
}
