import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { fromRoot } from '../../config/paths.js';
import {
  OrganisationSeedFile,
  undeclaredInSeedFile,
} from '../../domain/identity/OrganisationSeedFile.js';
import type { VocabularyIndex } from '../../domain/regulation/vocabulary-index.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { appendAudit } from '../../storage/audit.repository.js';
import type { Database } from '../../storage/db.js';
import {
  upsertOrganisation,
  writeOrganisations,
  type OrganisationRow,
} from '../../storage/organisation.repository.js';
import type { JsonObject } from '../../storage/schema.js';

/** The folder of organisation seed files at the project root. */
export const defaultOrganisationSeedDirectory = (): string => fromRoot('seed', 'organisations');

/** What a seeding run did, per organisation id. */
export interface SeedOrganisationsResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Reads and validates every `*.yaml` file in `directory` (default: seed/organisations): its
 * shape, and that its region and every organisation's kind are declared in the vocabulary.
 * Throws DomainError('validation_failed') naming the file and the first issues.
 */
export function readOrganisationSeedFiles(
  vocabulary: VocabularyIndex,
  directory = defaultOrganisationSeedDirectory(),
): { file: string; content: OrganisationSeedFile }[] {
  const files = fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort();
  return files.map((name) => {
    const parsed = OrganisationSeedFile.safeParse(
      parseYaml(fs.readFileSync(path.join(directory, name), 'utf8')),
    );
    if (!parsed.success) {
      throw new DomainError('validation_failed', {
        file: name,
        issues: parsed.error.issues.slice(0, 10).map((issue) => ({
          path: issue.path.join('.'),
          rule: issue.message,
        })),
      });
    }
    const undeclared = undeclaredInSeedFile(parsed.data, vocabulary);
    if (undeclared.length > 0) {
      throw new DomainError('validation_failed', { file: name, issues: undeclared.slice(0, 10) });
    }
    return { file: name, content: parsed.data };
  });
}

/** Flattens seed files into rows, parents before children (across files too). */
export function toOrganisationRows(files: readonly OrganisationSeedFile[]): OrganisationRow[] {
  const rows = files.flatMap((file) =>
    file.organisations.map((seed): OrganisationRow => ({
      id: seed.id,
      kind: seed.kind,
      nameKk: seed.name.kk,
      nameRu: seed.name.ru,
      parentId: seed.parent ?? null,
      regionCode: file.region.code,
      addressKk: seed.address?.kk ?? null,
      addressRu: seed.address?.ru ?? null,
      phone: seed.phone ?? null,
      email: seed.email ?? null,
      bin: seed.bin ?? null,
      scheduleKind: seed.scheduleKind ?? 'provider_office',
      customSchedule: (seed.customSchedule as JsonObject | undefined) ?? null,
      timeZone: seed.timeZone ?? file.region.timeZone,
      source: seed.source ?? null,
    })),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  if (byId.size !== rows.length) {
    throw new DomainError('validation_failed', {
      issues: [{ path: 'organisations', rule: 'an id is used in more than one seed file' }],
    });
  }
  const ordered: OrganisationRow[] = [];
  const placed = new Set<string>();
  const place = (row: OrganisationRow, trail: string[]) => {
    if (placed.has(row.id)) return;
    if (trail.includes(row.id)) {
      throw new DomainError('validation_failed', {
        issues: [{ path: row.id, rule: `parent cycle: ${[...trail, row.id].join(' → ')}` }],
      });
    }
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    if (parent) place(parent, [...trail, row.id]);
    placed.add(row.id);
    ordered.push(row);
  };
  for (const row of rows) place(row, []);
  return ordered;
}

/**
 * Loads the organisations of the seed files into the database in one transaction:
 * new ones are created, changed ones updated, each change with an audit row. Idempotent.
 */
export async function seedOrganisations(
  db: Database,
  files: readonly OrganisationSeedFile[],
  now: Date,
): Promise<SeedOrganisationsResult> {
  const rows = toOrganisationRows(files);
  const result: SeedOrganisationsResult = { created: [], updated: [], unchanged: [] };
  await writeOrganisations(db, async (trx) => {
    for (const row of rows) {
      const { outcome, previous } = await upsertOrganisation(trx, row, now);
      result[outcome].push(row.id);
      if (outcome === 'unchanged') continue;
      await appendAudit(trx, {
        occurredAt: now,
        actor: { kind: 'system', id: 'seed-organisations' },
        action: outcome === 'created' ? 'organisation.created' : 'organisation.updated',
        subjectType: 'organisation',
        subjectId: row.id,
        details: { after: row, ...(previous ? { before: previous } : {}) },
      });
    }
  });
  return result;
}
