import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { fromRoot } from '../../config/paths.js';
import { OrganisationSeedFile } from '../../domain/identity/OrganisationSeedFile.js';
import { normaliseRegionCode } from '../../domain/regulation/vocabulary-index.js';
import { DemoInstallation } from './DemoInstallation.js';

let installation: DemoInstallation | undefined;

/**
 * seed/demo.yaml, read and validated on first use: only a demo installation needs it, so a
 * deployment without the seed/ folder starts (a bad file stops the demo, naming the issue).
 */
export function demoInstallation(): DemoInstallation {
  installation ??= DemoInstallation.parse(
    parseYaml(fs.readFileSync(fromRoot('seed', 'demo.yaml'), 'utf8')),
  );
  return installation;
}

/** Where the demo region administrator works (seed/demo.yaml). */
export function demoRegionAdministratorOrganisation(): string {
  return demoInstallation().regionAdministrator;
}

/** The demo block of a region, in either spelling of its code (`a-b` / `a_b`). */
export function demoRegionOf(code: string): DemoInstallation['regions'][number] | undefined {
  const normal = normaliseRegionCode(code);
  return demoInstallation().regions.find((entry) => normaliseRegionCode(entry.region) === normal);
}

/**
 * The organisation seed files with the demo schools added: one school per region under the
 * city's education department, with an e-mail address so that escalations travel through the
 * outbox. Re-validated as seed files.
 */
export function withDemoOrganisations(
  files: readonly OrganisationSeedFile[],
): OrganisationSeedFile[] {
  return files.map((file) => {
    const region = demoRegionOf(file.region.code);
    if (!region) return file;
    return OrganisationSeedFile.parse({
      ...file,
      organisations: [
        ...file.organisations,
        {
          id: region.school.id,
          kind: 'school',
          parent: region.school.parent,
          name: region.school.name,
          email: `${region.school.id}@demo.qyzmet.kz`,
          source: 'demo data (qyzmet demo seed)',
        },
      ],
    });
  });
}
