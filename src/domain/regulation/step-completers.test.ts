import { describe, expect, it } from 'vitest';
import { registryCatalogue } from '../../integrations/registry-adapters.js';
import { loadRegulations } from '../../storage/regulation-files.js';
import { checkRegulations, type LoadedRegulation } from './check-regulations.js';
import { parseRegulation } from './define-regulation.js';
import type { Step } from './Step.js';
import { findStalledSteps, findStepCompleter, questionsKnownBefore } from './step-completers.js';

const input = loadRegulations();
const context = { registries: registryCatalogue() };
/** A copy of the definition in `file` (regulations/<region>/<service>.yaml). */
const loaded = (file: string): LoadedRegulation => {
  const found = input.regulations.find((entry) => entry.file.endsWith(file));
  if (!found) throw new Error(`missing ${file}`);
  return structuredClone(found);
};
const flowOf = (entry: LoadedRegulation, channel: string) => {
  const flow = entry.regulation.channels.find((candidate) => candidate.channel === channel);
  if (!flow) throw new Error(`missing ${channel}`);
  return flow;
};
const stepOf = (entry: LoadedRegulation, channel: string, id: string): Step => {
  const step = flowOf(entry, channel).steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`missing ${channel}/${id}`);
  return step;
};
const errorsOf = (entry: LoadedRegulation) =>
  checkRegulations({ regulations: [entry], parseFailures: [] }, context).filter(
    (finding) => finding.severity === 'error',
  );
const completerOf = (entry: LoadedRegulation, channel: string, id: string) => {
  const flow = flowOf(entry, channel);
  return findStepCompleter(flow, stepOf(entry, channel, id), questionsKnownBefore(flow).get(id)!);
};

const kostanayExtern = 'kostanay/extern-permission.yaml';
const westDuplicates = 'west-kazakhstan/duplicates.yaml';

describe('who completes each step', () => {
  it('every step of the 17 definitions has someone who completes it', () => {
    expect(input.regulations).toHaveLength(17);
    const stalled = input.regulations.flatMap(({ regulation }) =>
      regulation.channels.flatMap((flow) =>
        findStalledSteps(flow).map(({ step }) => `${regulation.id}/${flow.channel}/${step.id}`),
      ),
    );
    expect(stalled).toEqual([]);
  });

  it('names the completer of each kind of step', () => {
    const entry = loaded(kostanayExtern);
    expect(completerOf(entry, 'portal', 'portal-login')).toEqual({
      kind: 'known_fact',
      question: 'credentials_valid',
    });
    expect(completerOf(entry, 'portal', 'fill-request')).toEqual({ kind: 'submission' });
    expect(completerOf(entry, 'portal', 'route-request')).toEqual({ kind: 'system' });
    expect(completerOf(entry, 'portal', 'review')).toEqual({ kind: 'staff', role: 'executor' });
    expect(completerOf(loaded(westDuplicates), 'front_office', 'person-lookup')).toEqual({
      kind: 'registry_lookup',
    });
    const kindergarten = loaded('south-kazakhstan/kindergarten-queue.yaml');
    expect(completerOf(kindergarten, 'portal', 'check-place')).toEqual({
      kind: 'vacancy_declaration',
    });
    expect(completerOf(kindergarten, 'portal', 'await-answer')).toEqual({ kind: 'applicant' });
  });
});

describe('regulations check: a step nobody completes is an error', () => {
  it('an information-system step deciding a question no system answers', () => {
    const entry = loaded(kostanayExtern);
    const step = stepOf(entry, 'portal', 'route-request');
    const next = step.next!;
    delete step.next;
    step.decide = { question: 'documents_complete', ifYes: next, ifNo: 'signature-refused' };
    expect(errorsOf(entry)).toContainEqual(
      expect.objectContaining({
        rule: 'nobodyCompletesStep',
        channel: 'portal',
        step: 'route-request',
        message: expect.stringContaining('cannot answer "documents_complete"'),
      }),
    );
  });

  it("an applicant's step done by the submission that decides a question the submission does not answer", () => {
    const entry = loaded(kostanayExtern);
    const step = stepOf(entry, 'portal', 'fill-request');
    const next = step.next!;
    delete step.next;
    step.decide = { question: 'data_reliable', ifYes: next, ifNo: 'login-refused' };
    expect(errorsOf(entry)).toContainEqual(
      expect.objectContaining({
        rule: 'nobodyCompletesStep',
        step: 'fill-request',
        message: expect.stringContaining('does not answer "data_reliable"'),
      }),
    );
  });

  it('a question answered on one branch only does not answer it on the other', () => {
    const entry = loaded(kostanayExtern);
    // documents_compliant is decided by the executor's review; an information-system step after
    // it knows the answer — but not one reached before the review.
    const flow = flowOf(entry, 'portal');
    const known = questionsKnownBefore(flow);
    expect(known.get('portal-issue-result')?.has('documents_compliant')).toBe(true);
    expect(known.get('route-request')?.has('documents_compliant')).toBe(false);
    const route = stepOf(entry, 'portal', 'route-request');
    const next = route.next!;
    delete route.next;
    route.decide = { question: 'documents_compliant', ifYes: next, ifNo: 'signature-refused' };
    expect(errorsOf(entry)).toContainEqual(
      expect.objectContaining({ rule: 'nobodyCompletesStep', step: 'route-request' }),
    );
  });

  it('an information-system registry lookup outside the front office', () => {
    const entry = loaded(kostanayExtern);
    const route = stepOf(entry, 'portal', 'route-request');
    const next = route.next!;
    delete route.next;
    Object.assign(route, {
      action: 'registry_lookup',
      decide: { question: 'person_data_found', ifYes: next, ifNo: 'signature-refused' },
      lookup: [{ registry: 'person-database', subject: 'applicant', facts: ['identity'] }],
    });
    expect(errorsOf(entry)).toContainEqual(
      expect.objectContaining({
        rule: 'nobodyCompletesStep',
        step: 'route-request',
        message: expect.stringContaining('in the portal channel'),
      }),
    );
  });

  it('an unreachable stalled step is reported as unreachable only', () => {
    const entry = loaded(kostanayExtern);
    const flow = flowOf(entry, 'portal');
    const orphan = structuredClone(stepOf(entry, 'portal', 'route-request'));
    orphan.id = 'orphan';
    delete orphan.next;
    orphan.decide = { question: 'data_reliable', ifYes: 'review', ifNo: 'review' };
    flow.steps.push(orphan);
    const rules = errorsOf(entry)
      .filter((finding) => finding.step === 'orphan')
      .map((finding) => finding.rule);
    expect(rules).toEqual(['unreachableStep']);
  });
});

describe('regulations check: lookups name registered adapters and their facts', () => {
  it('an unknown adapter name, an unknown fact and a subject the adapter cannot be asked about', () => {
    const entry = loaded(westDuplicates);
    const step = stepOf(entry, 'front_office', 'person-lookup');
    step.lookup = [
      { registry: 'land-cadastre', subject: 'applicant', facts: ['parcel'] },
      { registry: 'person-database', subject: 'applicant', facts: ['identity', 'income'] },
      { registry: 'notary-registry', subject: 'applicant', facts: ['power-of-attorney'] },
    ];
    const errors = errorsOf(entry).filter((finding) => finding.step === 'person-lookup');
    expect(errors.map((finding) => [finding.rule, finding.path])).toEqual([
      ['unknownRegistryAdapter', 'lookup[0]'],
      ['unknownRegistryFact', 'lookup[1]'],
      ['registrySubjectNotSupported', 'lookup[2]'],
    ]);
    expect(errors[0]!.message).toContain('registered: person-database, notary-registry');
  });

  it('the checker knows only the adapters it is given', () => {
    const entry = loaded(westDuplicates);
    const errors = checkRegulations(
      { regulations: [entry], parseFailures: [] },
      { registries: new Map() },
    ).filter((finding) => finding.rule === 'unknownRegistryAdapter');
    expect(errors.map((finding) => finding.path)).toEqual(['lookup[0]', 'lookup[1]']);
  });
});

describe('the schema: a registry lookup names its registries', () => {
  const raw = () => {
    const entry = loaded(westDuplicates);
    return { data: JSON.parse(JSON.stringify(entry.regulation)) as Record<string, unknown>, entry };
  };
  const lookupStep = (data: Record<string, unknown>) =>
    (data.channels as { channel: string; steps: Record<string, unknown>[] }[])
      .find((flow) => flow.channel === 'front_office')!
      .steps.find((step) => step.id === 'person-lookup')!;

  it('the migrated definition parses with its lookup', () => {
    const { data } = raw();
    const result = parseRegulation(data, 'copy.yaml');
    expect(result.ok).toBe(true);
  });

  it('refuses a registry_lookup without lookup, or without a decision', () => {
    const messagesOf = (data: Record<string, unknown>) => {
      const result = parseRegulation(data, 'copy.yaml');
      expect(result.ok).toBe(false);
      return result.ok ? [] : result.issues.map((issue) => `${issue.rule}: ${issue.message}`);
    };
    const withoutLookup = raw().data;
    delete lookupStep(withoutLookup).lookup;
    expect(messagesOf(withoutLookup)).toContainEqual(
      expect.stringMatching(
        /^lookupNamesItsRegistries: .*"person-lookup" must name its registries/,
      ),
    );
    const withoutDecision = raw().data;
    const step = lookupStep(withoutDecision);
    delete step.decide;
    step.next = 'fo-intake';
    expect(messagesOf(withoutDecision)).toContainEqual(
      expect.stringMatching(
        /^lookupNamesItsRegistries: .*must decide whether the registries found/,
      ),
    );
  });

  it('refuses a lookup on a step that is not a registry_lookup', () => {
    const { data } = raw();
    const step = lookupStep(data);
    step.action = 'review';
    const result = parseRegulation(data, 'copy.yaml');
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((issue) => issue.message)).toContainEqual(
      expect.stringContaining('only a registry_lookup step has a lookup'),
    );
  });
});
