import { z } from 'zod';
import { checkIin } from '../../domain/identity/iin.js';
import type { Principal } from '../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../domain/shared/domain-error.js';
import type { LocalizedText } from '../../domain/shared/locale.js';
import { StaffRole } from '../../domain/shared/roles.js';
import { searchApplicationRows } from '../../storage/application-query.repository.js';
import type { ApplicationServices } from '../../engine/application-services.js';
import { parseInput } from '../../engine/parse-input.js';
import { recordRead } from '../../engine/record-read.js';
import { summaryOf, type ApplicationSummary } from './application-summary.js';

/** The longest search text accepted (a number is 12 characters, an IIN 12 digits). */
export const findApplicationsMaxLength = 40;
/** At most this many applications are shown for one IIN (newest first). */
export const findApplicationsLimit = 50;

/** What a staff member typed into the search box (an application number or an applicant IIN). */
export const FindApplicationsQuery = z.object({ text: z.string() }).strict();
export type FindApplicationsQuery = z.input<typeof FindApplicationsQuery>;

/** The search's own messages (kk, ru, en). */
export const findApplicationsTexts = {
  notRecognised: {
    kk: 'Өтініш нөмірін (мысалы, 2026-0000123) немесе 12 цифрдан тұратын ЖСН енгізіңіз',
    ru: 'Введите номер заявления (например, 2026-0000123) или ИИН из 12 цифр',
    en: 'Enter an application number (e.g. 2026-0000123) or a 12-digit IIN',
  },
} as const satisfies Record<string, LocalizedText>;

/** The outcome of a search: nothing asked, a text that is neither, or the applications found. */
export type FoundApplications =
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid'; readonly message: LocalizedText }
  | {
      readonly kind: 'number' | 'applicant';
      readonly items: readonly ApplicationSummary[];
      /** More applications of this applicant than shown. */
      readonly hasMore: boolean;
    };

const applicationNumber = /^\d{4}-\d{7}$/;

/**
 * The front office's and the back office's search (issue 18, point 7): by application number
 * (`2026-0000123`) or by the applicant's IIN (checked: control digit, date of birth), among the
 * applications the staff member's organisation may see — provided by it, or accepted at it as
 * a front office — never another organisation's. Spaces are ignored; a text longer than
 * {@link findApplicationsMaxLength} or of neither shape is refused with a localised message,
 * without a query. Each search that runs is audited as a read of personal data (what was
 * searched by, and the numbers returned), found or not.
 */
export async function findApplications(
  services: ApplicationServices,
  principal: Principal,
  rawQuery: FindApplicationsQuery,
): Promise<FoundApplications> {
  const query = parseInput(FindApplicationsQuery, rawQuery);
  if (
    principal.kind !== 'staff' ||
    principal.roles.every(
      (role) => role === StaffRole.regionAdministrator || role === StaffRole.systemAdministrator,
    )
  ) {
    throw new DomainError(ErrorCode.forbidden, { reason: 'search_is_for_staff' });
  }
  if (query.text.length > findApplicationsMaxLength * 4) {
    return { kind: 'invalid', message: findApplicationsTexts.notRecognised };
  }
  const text = query.text.replace(/\s+/g, '');
  if (text === '') return { kind: 'empty' };
  if (text.length > findApplicationsMaxLength) {
    return { kind: 'invalid', message: findApplicationsTexts.notRecognised };
  }
  let by: { number: string } | { applicantIin: string };
  if (applicationNumber.test(text)) {
    by = { number: text };
  } else if (/^\d{12}$/.test(text)) {
    const check = checkIin(text);
    if (!check.isValid) return { kind: 'invalid', message: check.message };
    by = { applicantIin: text };
  } else {
    return { kind: 'invalid', message: findApplicationsTexts.notRecognised };
  }
  const now = services.now();
  const rows = await searchApplicationRows(
    services.db,
    { visibleToOrganisationId: principal.organisationId, ...by },
    now,
    undefined,
    findApplicationsLimit + 1,
  );
  const items = rows.slice(0, findApplicationsLimit);
  await recordRead(services.db, principal, now, {
    subjectId: null,
    details: { query: 'find', by, numbers: items.map((row) => row.number) },
  });
  return {
    kind: 'number' in by ? 'number' : 'applicant',
    items: items.map((row) => summaryOf(row, now)),
    hasMore: rows.length > findApplicationsLimit,
  };
}
