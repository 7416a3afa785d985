import type { Citation } from './Citation.js';
import type { Finding, LoadedRegulation } from './finding.js';
import { normaliseRegionCode, type VocabularyIndex } from './vocabulary-index.js';

/** Every citation in a definition, with where it is (`channels[0].steps[3].source`). */
export function collectCitations(
  node: unknown,
  at: string,
  found: { at: string; citation: Citation }[],
): void {
  if (Array.isArray(node)) {
    node.forEach((element, index) => collectCitations(element, `${at}[${index}]`, found));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = at ? `${at}.${key}` : key;
    if (
      key === 'source' &&
      value !== null &&
      typeof value === 'object' &&
      typeof (value as Record<string, unknown>).source === 'string'
    ) {
      found.push({ at: path, citation: value as Citation });
    } else {
      collectCitations(value, path, found);
    }
  }
}

/**
 * Cross-file checks of one definition against the vocabulary: its region, service and provider
 * kinds are declared, every citation names a declared source, and the file sits in its region's
 * folder (regulations/<region>/). Each is an error: the engine cannot label or route what the
 * vocabulary does not declare.
 */
export function checkVocabularyReferences(
  loaded: LoadedRegulation,
  vocabulary: VocabularyIndex,
): Finding[] {
  const { regulation } = loaded;
  const base = { severity: 'error' as const, file: loaded.file, regulationId: regulation.id };
  const findings: Finding[] = [];
  if (!vocabulary.findRegion(regulation.region)) {
    findings.push({
      ...base,
      path: 'region',
      rule: 'unknownRegion',
      message: `region "${regulation.region}" is not declared in _vocabulary/regions.yaml`,
    });
  }
  if (loaded.folder !== undefined && normaliseRegionCode(loaded.folder) !== regulation.region) {
    findings.push({
      ...base,
      path: 'region',
      rule: 'folderMatchesRegion',
      message: `the file is in folder "${loaded.folder}" but its region is "${regulation.region}" (expected regulations/${regulation.region}/)`,
    });
  }
  if (!vocabulary.findService(regulation.service)) {
    findings.push({
      ...base,
      path: 'service',
      rule: 'unknownService',
      message: `service "${regulation.service}" is not declared in _vocabulary/services.yaml`,
    });
  }
  regulation.providerKinds.forEach((kind, index) => {
    if (!vocabulary.findProviderKind(kind)) {
      findings.push({
        ...base,
        path: `providerKinds[${index}]`,
        rule: 'unknownProviderKind',
        message: `provider kind "${kind}" is not declared in _vocabulary/provider-kinds.yaml`,
      });
    }
  });
  const citations: { at: string; citation: Citation }[] = [];
  collectCitations(regulation, '', citations);
  const reported = new Set<string>();
  for (const { at, citation } of citations) {
    if (vocabulary.findSource(citation.source) || reported.has(citation.source)) continue;
    reported.add(citation.source);
    findings.push({
      ...base,
      path: at,
      rule: 'unknownSource',
      message: `citation names source "${citation.source}", which is not declared in _vocabulary/sources.yaml`,
    });
  }
  return findings;
}
