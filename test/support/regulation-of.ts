import type { RegulationDefinition } from '../../src/domain/regulation/RegulationDefinition.js';
import { loadRegulations } from '../../src/storage/regulation-files.js';

let loaded: RegulationDefinition[] | undefined;

/** The regulation of `regulations/<region>/<service>.yaml` (its newest version), for tests. */
export function regulationOf(service: string, region: string): RegulationDefinition {
  loaded ??= loadRegulations().regulations.map((entry) => entry.regulation);
  const found = loaded.filter((r) => r.service === service && r.region === region).at(-1);
  if (!found) throw new Error(`no regulation ${region}/${service}`);
  return found;
}
