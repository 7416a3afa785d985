import { parseArgs } from 'node:util';
import { useExistingAuditKey } from '../../features/installation/use-installation-keys.js';
import { loadConfig } from '../../config/config.js';
import {
  defaultOrganisationSeedDirectory,
  readOrganisationSeedFiles,
  seedOrganisations,
} from '../../features/identity/seed-organisations.js';
import { reportingDomainErrors } from '../report-domain-errors.js';
import { vocabularyOf } from '../vocabulary-of.js';
import { openDatabase } from '../../storage/db.js';
import { migrateToLatest } from '../../storage/migrator.js';
import type { Command } from '../command.js';

export const seedOrganisationsCommand: Command = {
  name: 'seed-organisations',
  summary: 'Load the organisations listed in seed/organisations/*.yaml into the database',
  usage: `Usage: qyzmet seed-organisations [--dir DIR] [--json]

Reads every YAML file in DIR (default: seed/organisations at the project root), validates
it, and creates or updates the organisations in one transaction, with an audit row per
change. Running it again changes nothing unless the files changed. Applies pending
migrations first.`,
  run: reportingDomainErrors('seed-organisations', async (argv) => {
    const { values } = parseArgs({
      args: argv,
      options: { dir: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    const config = loadConfig();
    const files = readOrganisationSeedFiles(
      vocabularyOf(config.regulationsDirectory),
      values.dir ?? defaultOrganisationSeedDirectory(),
    );
    useExistingAuditKey(config.pki.directory);
    const database = await openDatabase(config.database);
    try {
      await migrateToLatest(database.db);
      const result = await seedOrganisations(
        database.db,
        files.map((file) => file.content),
        new Date(),
      );
      if (values.json) {
        console.log(JSON.stringify(result));
      } else {
        console.log(
          `organisations: ${result.created.length} created, ${result.updated.length} updated, ${result.unchanged.length} unchanged (${files.length} files)`,
        );
      }
      return 0;
    } finally {
      await database.close();
    }
  }),
};
