import { z } from 'zod';
import { SourceId } from './SourceId.js';

/** Where in a source text a rule comes from ("akimat-2012-149, annex 3, table 2, action 6"). */
export const Citation = z
  .object({
    source: SourceId,
    annex: z
      .string()
      .optional()
      .describe('Annex of the act (the regulation), e.g. "2"; for nested annexes "2/annex 3"'),
    point: z.string().optional().describe('Point (пункт / тармақ) of the regulation, e.g. "5"'),
    item: z.string().optional().describe('Sub-point (подпункт), e.g. "3" for "3)"'),
    table: z
      .string()
      .optional()
      .describe('Table of an annex (e.g. table 1 provider, 2 front office, 3 portal)'),
    action: z.string().optional().describe('Action number in a business-process table'),
    note: z
      .string()
      .optional()
      .describe('Free text locating the rule when the numbers above do not'),
  })
  .strict()
  .describe('A citation of a declared legal source: source id, annex, point, item, table, action');
export type Citation = z.infer<typeof Citation>;

/** Formats a citation the way comments and findings quote it: "akimat-2016-285, annex 2, point 5, item 3". */
export function formatCitation(citation: Citation): string {
  const parts = [citation.source];
  if (citation.annex) parts.push(`annex ${citation.annex}`);
  if (citation.point) parts.push(`point ${citation.point}`);
  if (citation.item) parts.push(`item ${citation.item}`);
  if (citation.table) parts.push(`table ${citation.table}`);
  if (citation.action) parts.push(`action ${citation.action}`);
  if (citation.note) parts.push(citation.note);
  return parts.join(', ');
}
