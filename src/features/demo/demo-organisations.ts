import { OrganisationSeedFile } from '../../domain/identity/OrganisationSeedFile.js';

/** A demo school per region (the organisation seeds list none: "Schools are added per deployment"). */
export const demoSchools = {
  kostanay: 'kst-demo-school',
  aktobe: 'akt-demo-school',
  west_kazakhstan: 'wko-demo-school',
  south_kazakhstan: 'sko-demo-school',
} as const;

/** Where the demo region administrator of Kostanay works: the regional akimat (seed 004). */
export const demoRegionAdministratorOrganisation = 'kst-akimat';

const regions = [
  {
    code: 'kostanay',
    parent: 'kst-education-kostanay',
    school: { kk: 'Қостанай қаласының №1 демо-мектебі', ru: 'Демо-школа №1 города Костаная' },
  },
  {
    code: 'aktobe',
    parent: 'akt-education-aktobe',
    school: { kk: 'Ақтөбе қаласының №1 демо-мектебі', ru: 'Демо-школа №1 города Актобе' },
  },
  {
    code: 'west_kazakhstan',
    parent: 'wko-education-uralsk',
    school: { kk: 'Орал қаласының №1 демо-мектебі', ru: 'Демо-школа №1 города Уральска' },
  },
  {
    code: 'south_kazakhstan',
    parent: 'sko-education-shymkent',
    school: { kk: 'Шымкент қаласының №1 демо-мектебі', ru: 'Демо-школа №1 города Шымкента' },
  },
] as const;

/**
 * The organisation seed files with the demo schools added: one school per region under the
 * city's education department, with an e-mail address so that escalations travel through the
 * outbox. Re-validated as seed files.
 */
export function withDemoOrganisations(
  files: readonly OrganisationSeedFile[],
): OrganisationSeedFile[] {
  return files.map((file) => {
    const region = regions.find((candidate) => candidate.code === file.region.code);
    if (!region) return file;
    return OrganisationSeedFile.parse({
      ...file,
      organisations: [
        ...file.organisations,
        {
          id: demoSchools[region.code],
          kind: 'school',
          parent: region.parent,
          name: region.school,
          email: `${demoSchools[region.code]}@demo.qyzmet.kz`,
          source: 'demo data (qyzmet demo seed)',
        },
      ],
    });
  });
}
