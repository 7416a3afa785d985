import { describe, expect, it } from 'vitest';
import { getFlow, getStep } from '../../domain/application/fold.js';
import { loadRegulations } from '../../storage/regulation-files.js';
import { draftableOutcomes } from './prepare-result-document.js';

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
