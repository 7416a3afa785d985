import { describe, expect, it } from 'vitest';
import {
  commandFormTexts,
  commandKinds,
  commandTable,
  CommandWorkspace,
  findCommandForm,
  listCommandForms,
  type CommandTable,
} from './command-table.js';

describe('the command table', () => {
  it('has one row for every command kind; a kind without its row does not compile', () => {
    const { resume: _resume, ...withoutResume } = commandTable;
    // @ts-expect-error — the table must have a row for every CommandKind (here: resume).
    const incomplete: CommandTable = withoutResume;
    expect(Object.keys(incomplete)).not.toContain('resume');
    expect(commandKinds).toEqual([
      'complete_step',
      'sign_document',
      'sign_request',
      'extend_term',
      'suspend',
      'resume',
      'appeal',
      'decide_appeal',
      'return_draft',
      'answer_questionnaire',
      'prepare_document',
    ]);
  });

  it('gives the JSON API the commands it took before, in the same order', () => {
    expect(commandKinds.filter((kind) => commandTable[kind].api)).toEqual([
      'complete_step',
      'extend_term',
      'suspend',
      'resume',
      'decide_appeal',
      'return_draft',
    ]);
  });

  it('names each form once per workspace, and finds it by its name', () => {
    for (const workspace of Object.values(CommandWorkspace)) {
      const names = listCommandForms(workspace).map(({ form }) => form.name);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(listCommandForms(CommandWorkspace.backOffice).map(({ form }) => form.name)).toEqual([
      'complete',
      'assign',
      'sign',
      'extend',
      'suspend',
      'resume',
      'return-draft',
      'draft-result',
      'draft-refusal',
    ]);
    expect(findCommandForm(CommandWorkspace.cabinet, 'appeal')?.kind).toBe('appeal');
    expect(findCommandForm(CommandWorkspace.backOffice, 'appeal')).toBeUndefined();
  });

  it('reads the head’s return of a draft: a trimmed comment of 3 to 2000 characters', () => {
    const form = findCommandForm(CommandWorkspace.backOffice, 'return-draft')!;
    expect(form.kind).toBe('return_draft');
    expect(form.form.read({ comment: '  Fix the year  ', expectedVersion: '7' })).toEqual({
      input: { comment: 'Fix the year', expectedVersion: 7 },
    });
    for (const comment of ['', '  ', 'ab', 'x'.repeat(2001)]) {
      expect(form.form.read({ comment })).toEqual({
        errors: [{ field: 'return-draft-comment', message: commandFormTexts.commentRequired }],
      });
    }
  });

  it('reads a form into the use case input, or the fields it refuses', () => {
    const extend = findCommandForm(CommandWorkspace.backOffice, 'extend')!.form;
    expect(extend.read({ amount: '5', unit: 'working_days', reason: ' late reply ' })).toEqual({
      input: { reason: 'late reply', by: { amount: 5, unit: 'working_days' } },
    });
    expect(extend.read({ amount: '0', reason: 'x' })).toEqual({
      errors: [
        { field: 'extend-amount', message: expect.objectContaining({ en: expect.any(String) }) },
        { field: 'extend-reason', message: expect.objectContaining({ en: expect.any(String) }) },
      ],
    });
    const refusal = findCommandForm(CommandWorkspace.backOffice, 'draft-refusal')!.form;
    expect(
      refusal.read({ 'field.orderNumber': ' 12 ', grounds: ['a', ''], otherGround: 'b', note: '' }),
    ).toEqual({
      input: {
        outcome: 'reasoned_refusal',
        fields: { orderNumber: '12', grounds: ['a', 'b'] },
      },
    });
    expect(refusal.read({ grounds: '' })).toMatchObject({
      errors: [{ field: 'draft-refusal-grounds' }],
    });
    const steps = findCommandForm(CommandWorkspace.cabinet, 'steps')!.form;
    expect(steps.read({ stepId: 'consent', answer: 'no', expectedVersion: '3' })).toEqual({
      input: { stepId: 'consent', expectedVersion: 3, answer: false },
    });
  });
});
