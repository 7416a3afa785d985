import { z } from 'zod';
import { SeedFile } from './SeedFile.js';

/** Where in a source text a rule comes from ("003, annex 3, table 2, action 6"). */
export const Citation = z
  .object({
    seed: SeedFile,
    annex: z
      .string()
      .optional()
      .describe('Annex of the act (the regulation), e.g. "2"; for nested annexes "2/annex 3"'),
    point: z.string().optional().describe('Point (пункт / тармақ) of the regulation, e.g. "5"'),
    item: z.string().optional().describe('Sub-point (подпункт), e.g. "3" for "3)"'),
    table: z
      .string()
      .optional()
      .describe('Table of an annex (003: table 1 provider, 2 front office, 3 portal)'),
    action: z.string().optional().describe('Action number in a business-process table (003)'),
    note: z
      .string()
      .optional()
      .describe('Free text locating the rule when the numbers above do not'),
  })
  .strict()
  .describe('A citation of the source text: seed file, annex, point, item, table, action');
export type Citation = z.infer<typeof Citation>;

/** Formats a citation the way comments and findings quote it: "004, annex 2, point 5, item 3". */
export function formatCitation(citation: Citation): string {
  const parts = [`seed ${citation.seed}`];
  if (citation.annex) parts.push(`annex ${citation.annex}`);
  if (citation.point) parts.push(`point ${citation.point}`);
  if (citation.item) parts.push(`item ${citation.item}`);
  if (citation.table) parts.push(`table ${citation.table}`);
  if (citation.action) parts.push(`action ${citation.action}`);
  if (citation.note) parts.push(citation.note);
  return parts.join(', ');
}
