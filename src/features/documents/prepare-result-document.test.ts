import { describe, expect, it } from 'vitest';
import { getFlow, getStep } from '../../domain/application/fold.js';
import { loadRegulations } from '../../storage/regulation-files.js';
import { draftableOutcomes, signedOutcome } from '../../domain/application/drafting.js';
import { draftTemplate } from './result-draft.js';

const regulations = loadRegulations().regulations.map((entry) => entry.regulation);
const outcomesAt = (service: string, region: string, channel: string, stepId: string) => {
  const regulation = regulations.find((r) => r.service === service && r.region === region)!;
  const flow = getFlow(regulation, channel as never);
  return draftableOutcomes(getStep(flow, stepId), flow);
};

describe('what an executor’s step drafts', () => {
  it('drafts both outcomes at a review whose yes and no lead to the signature', () => {
    expect(outcomesAt('extern-permission', 'aktobe', 'front_office', 'review')).toEqual([
      'result',
      'reasoned_refusal',
    ]);
    // The archive: the executor decides (decision_positive) and signs himself (seed 003).
    expect(
      outcomesAt('archive-certificate', 'south-kazakhstan', 'provider_office', 'decide'),
    ).toEqual(['result', 'reasoned_refusal']);
  });

  it('drafts only its own outcome at a drafting step, nothing at another role’s step', () => {
    expect(outcomesAt('extern-permission', 'aktobe', 'front_office', 'draft-refusal')).toEqual([
      'reasoned_refusal',
    ]);
    expect(outcomesAt('extern-permission', 'aktobe', 'front_office', 'assign')).toEqual([]);
    expect(outcomesAt('extern-permission', 'aktobe', 'front_office', 'sign')).toEqual([]);
  });
});

describe('every signing step of every regulation can be reached by prepare and sign', () => {
  it('drafts at the executor’s own signing step what it signs (seed 003: after the commission)', () => {
    expect(
      outcomesAt('disabled-children-home-education', 'south-kazakhstan', 'portal', 'sign-result'),
    ).toEqual(['result']);
    expect(
      outcomesAt('disabled-children-home-education', 'south-kazakhstan', 'portal', 'sign-refusal'),
    ).toEqual(['reasoned_refusal']);
  });

  it('finds, for each sign_result step, a step that drafts its outcome and a template for it', () => {
    const unreachable: string[] = [];
    for (const regulation of regulations) {
      for (const flow of regulation.channels) {
        for (const step of flow.steps.filter((s) => s.action === 'sign_result')) {
          const outcome = signedOutcome(step, flow);
          const drafting = [
            step,
            ...flow.steps.filter(
              (before) =>
                before.next === step.id ||
                before.decide?.ifYes === step.id ||
                before.decide?.ifNo === step.id,
            ),
          ].filter((candidate) => draftableOutcomes(candidate, flow).includes(outcome));
          if (drafting.length === 0 || !draftTemplate(outcome, regulation)) {
            unreachable.push(`${regulation.id}/${flow.channel}/${step.id}`);
          }
        }
      }
    }
    expect(unreachable).toEqual([]);
  });

  it('signs the refusal after the refusal’s drafting step or a "no", the result otherwise', () => {
    const regulation = regulations.find(
      (r) => r.service === 'extern-permission' && r.region === 'aktobe',
    )!;
    const flow = getFlow(regulation, 'front_office');
    expect(signedOutcome(getStep(flow, 'sign'), flow)).toBe('result');
    expect(signedOutcome(getStep(flow, 'sign-refusal'), flow)).toBe('reasoned_refusal');
  });
});
