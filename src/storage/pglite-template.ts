import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * The empty embedded cluster a fresh DATA_DIR starts from.
 *
 * On a directory without a cluster PGlite runs `initdb`: a second PGlite and the `initdb`
 * WebAssembly module in memory, then the result dumped to a tarball and unpacked into the
 * directory — 3.7–4.6 s of a first start and ≈ 400 MB that only a forced collection gives back
 * (issue 21, docs/performance.md). What `initdb` writes depends only on the installed PGlite
 * (no keys, no installation data: those come with the migrations and `pki init`), so
 * `npm install` makes it once (`qyzmet db prepare-embedded`, the package's `postinstall`) in
 * `node_modules/.cache/qyzmet/`, beside the PGlite it belongs to, and a fresh directory is a copy
 * of it. Without a template (an install that skipped scripts, a read-only `node_modules`) a
 * fresh directory runs `initdb` as before.
 */
export function embeddedTemplateDirectory(): string {
  // The package exports no package.json: walk up from its entry point to its folder.
  let folder = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    const manifest = path.join(folder, 'package.json');
    if (fs.existsSync(manifest)) {
      const { name, version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
        name?: string;
        version: string;
      };
      if (name === '@electric-sql/pglite') {
        // …/node_modules/@electric-sql/pglite → …/node_modules/.cache/qyzmet/
        const nodeModules = path.resolve(folder, '..', '..');
        return path.join(nodeModules, '.cache', 'qyzmet', `pglite-${version}-cluster`);
      }
    }
    const parent = path.dirname(folder);
    if (parent === folder)
      throw new Error('the installed @electric-sql/pglite has no package.json');
    folder = parent;
  }
}

/** The file that makes a directory a cluster: copied last, so a copy cut short is redone. */
const clusterMarker = 'PG_VERSION';

/**
 * Copies the template into `dataDir` (which holds no cluster yet) when there is one; returns
 * whether it did. Files already there (a copy cut short, the lock file) are overwritten or kept.
 */
export function copyEmbeddedTemplate(
  dataDir: string,
  template = embeddedTemplateDirectory(),
): boolean {
  if (!fs.existsSync(path.join(template, clusterMarker))) return false;
  for (const entry of fs.readdirSync(template)) {
    if (entry === clusterMarker) continue;
    fs.cpSync(path.join(template, entry), path.join(dataDir, entry), {
      recursive: true,
      force: true,
    });
  }
  fs.copyFileSync(path.join(template, clusterMarker), path.join(dataDir, clusterMarker));
  return true;
}

/** The same empty cluster as one tarball, for a database in memory (PGlite's `loadDataDir`). */
export function embeddedTemplateTarball(template = embeddedTemplateDirectory()): string {
  return `${template}.tar`;
}

/**
 * The template's tarball to load a database in memory from, when there is one (a fresh
 * in-memory PGlite would otherwise run `initdb` in a second instance: 2–4 times as long).
 */
export function readEmbeddedTemplateTarball(
  template = embeddedTemplateDirectory(),
): Blob | undefined {
  const tarball = embeddedTemplateTarball(template);
  if (!fs.existsSync(tarball) || !fs.existsSync(path.join(template, clusterMarker)))
    return undefined;
  return new Blob([fs.readFileSync(tarball)]);
}

/**
 * Makes the template once (a no-op when it is there): `initdb` in a scratch directory beside
 * it, its tarball written, then both renamed into place — the directory last, so a template is
 * either whole or absent.
 */
export async function prepareEmbeddedTemplate(
  template = embeddedTemplateDirectory(),
): Promise<'present' | 'made'> {
  const tarball = embeddedTemplateTarball(template);
  const isWhole = () => fs.existsSync(path.join(template, clusterMarker)) && fs.existsSync(tarball);
  if (isWhole()) return 'present';
  fs.mkdirSync(path.dirname(template), { recursive: true });
  const scratch = `${template}.${process.pid}.tmp`;
  fs.rmSync(scratch, { recursive: true, force: true });
  try {
    const pglite = await PGlite.create(scratch);
    // Everything on disk before the copy is taken: the tarball starts without replaying WAL.
    await pglite.exec('checkpoint');
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    fs.writeFileSync(`${scratch}.tar`, Buffer.from(await dump.arrayBuffer()));
    fs.rmSync(template, { recursive: true, force: true });
    fs.renameSync(`${scratch}.tar`, tarball);
    fs.renameSync(scratch, template);
  } catch (error) {
    // Another install made it meanwhile: theirs is as good as ours.
    if (isWhole()) return 'present';
    throw error;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(`${scratch}.tar`, { force: true });
  }
  return 'made';
}
