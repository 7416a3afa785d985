import { z } from 'zod';

/** Kinds of defect found in the source texts (regulations-digest.md, "Known defects"). */
export const DefectKind = z
  .enum([
    'missing_actor',
    'missing_duration',
    'executor_before_assignment',
    'term_mismatch',
    'channel_term_inconsistency',
    'result_form_mismatch',
    'field_format_inconsistency',
    'copy_paste_error',
    'wrong_cross_reference',
    'skipped_numbering',
    'ambiguous_unit',
    'language_discrepancy',
    'missing_identification',
    'wrong_date',
    'missing_annex',
    'missing_step',
    'wording_not_in_source',
  ])
  .describe('Kind of defect in a source text');
export type DefectKind = z.infer<typeof DefectKind>;
