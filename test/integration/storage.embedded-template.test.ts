import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGlite, type DatabaseHandle } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import {
  copyEmbeddedTemplate,
  embeddedTemplateDirectory,
  embeddedTemplateTarball,
  prepareEmbeddedTemplate,
} from '../../src/storage/pglite-template.js';
import { testBackend } from '../support/database.js';

/** What a cluster is: its databases, encodings and locales, its catalogue, its settings. */
async function describeCluster(handle: DatabaseHandle) {
  const databases = await sql<Record<string, unknown>>`
    select datname, pg_encoding_to_char(encoding) as encoding, datcollate, datctype,
           datlocprovider, datallowconn, datistemplate
      from pg_database order by datname`.execute(handle.db);
  const catalogue = await sql<Record<string, unknown>>`
    select (select count(*) from pg_class) as relations, (select count(*) from pg_proc) as functions,
           (select count(*) from pg_type) as types, (select count(*) from pg_namespace) as schemas,
           (select count(*) from pg_authid) as roles, (select count(*) from pg_collation) as collations`.execute(
    handle.db,
  );
  const settings = await sql<{ name: string; setting: string }>`
    select name, setting from pg_settings
     where name in ('server_version', 'server_encoding', 'lc_collate', 'lc_ctype', 'lc_messages',
                    'data_checksums', 'block_size', 'wal_segment_size', 'DateStyle', 'TimeZone',
                    'default_text_search_config', 'shared_buffers')
     order by name`.execute(handle.db);
  return { databases: databases.rows, catalogue: catalogue.rows, settings: settings.rows };
}

// The embedded cluster only: the same on either run of the suite, so it runs once.
describe.runIf(testBackend === 'pglite')(
  'a fresh DATA_DIR from the installed empty cluster',
  () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-template-'));
    const template = path.join(scratch, 'template');
    beforeAll(async () => {
      expect(await prepareEmbeddedTemplate(template)).toBe('made');
    }, 120_000);
    afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

    it('is made once, whole, beside the installed PGlite', async () => {
      expect(await prepareEmbeddedTemplate(template)).toBe('present');
      expect(fs.readdirSync(scratch).sort()).toEqual(['template', 'template.tar']);
      expect(embeddedTemplateTarball(template)).toBe(`${template}.tar`);
      expect(fs.readFileSync(path.join(template, 'PG_VERSION'), 'utf8').trim()).toMatch(/^\d+$/);
      expect(embeddedTemplateDirectory()).toMatch(
        /node_modules[\\/]\.cache[\\/]qyzmet[\\/]pglite-\d+\.\d+\.\d+[^\\/]*-cluster$/,
      );
    });

    it('opens as the same cluster initdb makes, and takes the migrations and data', async () => {
      const copied = await openPGlite(path.join(scratch, 'copied'), { template });
      const initialised = await openPGlite(path.join(scratch, 'initialised'), { template: null });
      try {
        expect(await describeCluster(copied)).toEqual(await describeCluster(initialised));
        expect((await describeCluster(copied)).databases.length).toBeGreaterThanOrEqual(3);
        await migrateToLatest(copied.db);
        const { rows } = await sql<{
          n: number;
        }>`select count(*) as n from schema_migration`.execute(copied.db);
        expect(rows[0]!.n).toBeGreaterThan(30);
      } finally {
        await copied.close();
        await initialised.close();
      }
      // A later start of the copied directory finds its data.
      const again = await openPGlite(path.join(scratch, 'copied'), { template });
      try {
        const { rows } = await sql<{
          n: number;
        }>`select count(*) as n from schema_migration`.execute(again.db);
        expect(rows[0]!.n).toBeGreaterThan(30);
      } finally {
        await again.close();
      }
    }, 120_000);

    it('gives a database in memory the same cluster as initdb in memory', async () => {
      const loaded = await openPGlite('memory://', { template });
      const initialised = await openPGlite('memory://', { template: null });
      try {
        expect(await describeCluster(loaded)).toEqual(await describeCluster(initialised));
        await migrateToLatest(loaded.db);
        const { rows } = await sql<{
          n: number;
        }>`select count(*) as n from schema_migration`.execute(loaded.db);
        expect(rows[0]!.n).toBeGreaterThan(30);
      } finally {
        await loaded.close();
        await initialised.close();
      }
    }, 120_000);

    it('redoes a copy cut short, and keeps what else is in the directory', async () => {
      const dataDir = path.join(scratch, 'cut-short');
      fs.mkdirSync(dataDir);
      fs.writeFileSync(path.join(dataDir, 'operator-note.txt'), 'kept');
      // A copy interrupted before its last file: some of the cluster, no PG_VERSION.
      fs.cpSync(path.join(template, 'global'), path.join(dataDir, 'global'), { recursive: true });
      fs.writeFileSync(path.join(dataDir, 'postgresql.conf'), '# half written');
      const handle = await openPGlite(dataDir, { template });
      try {
        const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
        expect(rows[0]!.one).toBe(1);
        expect(fs.readFileSync(path.join(dataDir, 'postgresql.conf'), 'utf8')).toBe(
          fs.readFileSync(path.join(template, 'postgresql.conf'), 'utf8'),
        );
        expect(fs.readFileSync(path.join(dataDir, 'operator-note.txt'), 'utf8')).toBe('kept');
      } finally {
        await handle.close();
      }
    }, 60_000);

    it('copies nothing when there is no template, and leaves the directory to initdb', () => {
      const dataDir = path.join(scratch, 'without');
      fs.mkdirSync(dataDir);
      expect(copyEmbeddedTemplate(dataDir, path.join(scratch, 'absent'))).toBe(false);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    });
  },
);
