import type { RegulationDefinition } from '../../domain/regulation/RegulationDefinition.js';
import { frontOfficeKind } from '../../domain/shared/organisation-kind.js';
import type { Database } from '../../storage/db.js';
import { listOrganisations } from '../../storage/organisation.repository.js';

/** A front office a person may choose to collect a result at (a `front_office` field). */
export interface FrontOfficeChoice {
  readonly id: string;
  readonly name: { kk: string; ru: string };
  readonly address: { kk: string; ru: string } | null;
  readonly regionCode: string;
}

/** The longest text a front office field stores unless the definition says otherwise. */
const defaultLength = 250;

/**
 * The text a `front_office` field stores for an office: its name and address in kk or ru (as
 * the receipt and the result print it), cut to the field's length.
 */
export function frontOfficeLabel(
  office: Pick<FrontOfficeChoice, 'name' | 'address'>,
  language: 'kk' | 'ru',
  maxLength = defaultLength,
): string {
  return [office.name[language], office.address?.[language]]
    .filter(Boolean)
    .join(', ')
    .slice(0, maxLength);
}

/** The front offices of a region (all regions when none is given), as choices. */
export async function listFrontOffices(
  db: Database,
  regionCode?: string,
): Promise<FrontOfficeChoice[]> {
  const rows = await listOrganisations(db, {
    kind: frontOfficeKind,
    ...(regionCode ? { regionCode } : {}),
  });
  return rows.map((row) => ({
    id: row.id,
    name: { kk: row.nameKk, ru: row.nameRu },
    address: row.addressKk && row.addressRu ? { kk: row.addressKk, ru: row.addressRu } : null,
    regionCode: row.regionCode,
  }));
}

/** Whether a regulation's form has a field chosen from the front offices. */
export function hasFrontOfficeField(regulation: Pick<RegulationDefinition, 'fields'>): boolean {
  return regulation.fields.some((field) => field.format === 'front_office');
}

/**
 * The form's values with each `front_office` field given as an office's id replaced by the
 * office's name and address (in Russian: an API client sends the id), and every text the field
 * may hold for the offices of the provider's region (ФЛК: anything else — "Костанай",
 * "777777" — is refused by `validateApplicationForm`).
 */
export function resolveFrontOfficeFields(
  regulation: Pick<RegulationDefinition, 'fields'>,
  values: Readonly<Record<string, string>>,
  offices: readonly FrontOfficeChoice[],
): { values: Record<string, string>; allowed: string[] } {
  const resolved: Record<string, string> = { ...values };
  const allowed = new Set<string>();
  for (const field of regulation.fields) {
    if (field.format !== 'front_office') continue;
    const max = field.length?.max ?? defaultLength;
    for (const office of offices) {
      allowed.add(frontOfficeLabel(office, 'kk', max));
      allowed.add(frontOfficeLabel(office, 'ru', max));
    }
    const given = values[field.id]?.trim();
    const byId = offices.find((office) => office.id === given);
    if (byId) resolved[field.id] = frontOfficeLabel(byId, 'ru', max);
  }
  return { values: resolved, allowed: [...allowed] };
}
