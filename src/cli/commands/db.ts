import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import { openDatabase } from '../../storage/db.js';
import { migrateToLatest, readMigrationState } from '../../storage/migrator.js';
import {
  embeddedTemplateDirectory,
  prepareEmbeddedTemplate,
} from '../../storage/pglite-template.js';
import { UsageError, type Command } from '../command.js';

export const dbCommand: Command = {
  name: 'db',
  summary:
    'Database: apply migrations (db migrate), show their state (db status), prepare the embedded cluster (db prepare-embedded)',
  usage: `Usage: qyzmet db <migrate|status|prepare-embedded> [--json]

  migrate           apply pending migrations to the configured database
  status            list applied and pending migrations
  prepare-embedded  make the empty embedded cluster a fresh DATA_DIR is copied from
                    (once per installed PGlite; npm install runs it)

The database is the embedded PGlite in DATA_DIR (default ./data), or the server in DATABASE_URL.`,
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false } },
    });
    const action = positionals[0];
    if (action === 'prepare-embedded') {
      const template = embeddedTemplateDirectory();
      const outcome = await prepareEmbeddedTemplate(template);
      if (values.json) console.log(JSON.stringify({ template, outcome }));
      else
        console.log(
          `embedded cluster ${outcome === 'made' ? 'made' : 'already there'}: ${template}`,
        );
      return 0;
    }
    if (action !== 'migrate' && action !== 'status') {
      throw new UsageError(action ? `unknown db action "${action}"` : 'missing db action');
    }
    const config = loadConfig();
    const database = await openDatabase(config.database);
    try {
      if (action === 'migrate') {
        const results = await migrateToLatest(database.db);
        const names = results.map((result) => result.migrationName);
        if (values.json) console.log(JSON.stringify({ database: database.kind, applied: names }));
        else if (names.length === 0) console.log(`${database.kind}: already up to date`);
        else for (const name of names) console.log(`${database.kind}: applied ${name}`);
        return 0;
      }
      const state = await readMigrationState(database.db);
      if (values.json) {
        console.log(
          JSON.stringify({ database: database.kind, location: database.location, ...state }),
        );
      } else {
        console.log(`database: ${database.kind} (${database.location})`);
        for (const name of state.applied) console.log(`  applied  ${name}`);
        for (const name of state.pending) console.log(`  pending  ${name}`);
      }
      return state.pending.length === 0 ? 0 : 3;
    } finally {
      await database.close();
    }
  },
};
