/** An organisation as the drill-down needs it: where it hangs in its region's tree. */
export interface OrganisationNode {
  readonly id: string;
  readonly parentId: string | null;
  readonly kind: string;
}

/** Districts (аудан, город областного значения) are the organisations of kinds `district_…`. */
export const isDistrictKind = (kind: string) => kind.startsWith('district_');

/**
 * The district an organisation serves: the organisation nearest the region (the topmost one) of
 * a district kind among itself and its ancestors — the district akimat above a district's
 * education department, the department when it hangs directly from a regional body. Undefined
 * for region-level organisations (a regional archive, a front office).
 */
export function districtOf(
  nodes: ReadonlyMap<string, OrganisationNode>,
  id: string,
): string | undefined {
  let found: string | undefined;
  const seen = new Set<string>();
  for (let node = nodes.get(id); node && !seen.has(node.id);) {
    seen.add(node.id);
    if (isDistrictKind(node.kind)) found = node.id;
    node = node.parentId === null ? undefined : nodes.get(node.parentId);
  }
  return found;
}

/** The value the drill-down uses for organisations outside any district. */
export const regionLevel = 'region-level';
