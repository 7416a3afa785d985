import { describe, expect, it } from 'vitest';
import { loadRegulationFile } from '../../storage/regulation-files.js';
import { fromRoot } from '../../config/paths.js';
import { kzWorkingTime } from '../../../test/support/calendar.js';
import type { Principal } from '../identity/authorisation.js';
import type { RegulationDefinition } from '../regulation/RegulationDefinition.js';
import type { ApplicationEvent, ApplicationEventPayload, EventActor } from './ApplicationEvent.js';
import { listAvailableCommands, planAutomaticSteps } from './available-commands.js';
import { foldApplication, type ApplicationClock } from './fold.js';

function regulation(file: string): RegulationDefinition {
  const result = loadRegulationFile(fromRoot('regulations', file));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.loaded.regulation;
}

const kostanayDuplicates = regulation('kostanay/duplicates.yaml');
const clock: ApplicationClock = {
  provider: kzWorkingTime('provider-office'),
  frontOffice: kzWorkingTime('front-office'),
};
const at = (iso: string) => Date.parse(iso);
const school = 'org-school-1';
const registry: EventActor = {
  kind: 'staff',
  userId: 'u-registry',
  role: 'registry_office',
  organisationId: school,
};
const head: EventActor = { kind: 'staff', userId: 'u-head', role: 'head', organisationId: school };
const executor: EventActor = {
  kind: 'staff',
  userId: 'u-executor',
  role: 'executor',
  organisationId: school,
};

function log(...entries: [string, EventActor, ApplicationEventPayload][]): ApplicationEvent[] {
  return entries.map(([iso, actor, payload], index) => ({
    ...payload,
    sequence: index + 1,
    at: at(iso),
    actor,
  }));
}

const submitted: ApplicationEventPayload = {
  type: 'submitted',
  regulationId: kostanayDuplicates.id,
  channel: 'provider_office',
  applicantIin: '900101300123',
  providerOrganisationId: school,
  fields: {},
  documents: [],
  facts: {},
};

describe('foldApplication — Kostanay duplicates at the provider office (akimat-2016-285)', () => {
  it('counts the 15 working days from the day after acceptance and the registry step in minutes', () => {
    // Monday 3 April 2023, 10:00 in Almaty (UTC+6).
    const state = foldApplication(
      kostanayDuplicates,
      log(['2023-04-03T04:00:00Z', registry, submitted]),
      clock,
    );
    expect(state.status).toBe('received');
    expect(state.currentStepId).toBe('register');
    expect(new Date(state.stepDueAt!).toISOString()).toBe('2023-04-03T04:15:00.000Z');
    // 15 working days after Monday 3 April: Monday 24 April, at the close of the office (18:30).
    expect(new Date(state.dueAt).toISOString()).toBe('2023-04-24T12:30:00.000Z');
  });

  it('moves step by step, counts the head’s 3 hours across the lunch break, and ends with the result', () => {
    const events = log(
      ['2023-04-03T04:00:00Z', registry, submitted],
      [
        '2023-04-03T04:10:00Z',
        registry,
        { type: 'step_completed', stepId: 'register', documentIds: [] },
      ],
    );
    const registered = foldApplication(kostanayDuplicates, events, clock);
    expect(registered.currentStepId).toBe('assign');
    // 10:10 + 3 working hours: 2 h 50 min before lunch (13:00–14:30), 10 min after → 14:40.
    expect(new Date(registered.stepDueAt!).toISOString()).toBe('2023-04-03T08:40:00.000Z');

    const finished = foldApplication(
      kostanayDuplicates,
      [
        ...events,
        ...log(
          [
            '2023-04-03T05:00:00Z',
            head,
            { type: 'step_completed', stepId: 'assign', executorId: 'u-executor', documentIds: [] },
          ],
          [
            '2023-04-10T05:00:00Z',
            executor,
            { type: 'step_completed', stepId: 'review', answer: true, documentIds: [] },
          ],
          [
            '2023-04-10T06:00:00Z',
            head,
            { type: 'step_completed', stepId: 'sign', documentIds: [] },
          ],
          [
            '2023-04-11T04:00:00Z',
            registry,
            { type: 'step_completed', stepId: 'issue-result', documentIds: [] },
          ],
        ).map((event, index) => ({ ...event, sequence: index + 3 })),
      ],
      clock,
    );
    expect(finished.outcome).toBe('result_issued');
    expect(finished.status).toBe('completed');
    expect(finished.currentStepId).toBeUndefined();
    expect(finished.executorId).toBe('u-executor');
    expect(finished.history.map((entry) => entry.status)).toEqual(
      expect.arrayContaining(['received', 'in_work', 'result_ready', 'completed']),
    );
  });

  it('pushes the due by the working time of a suspension and adds an extension', () => {
    const events = log(
      ['2023-04-03T04:00:00Z', registry, submitted],
      ['2023-04-04T04:00:00Z', head, { type: 'suspended', reason: 'waiting for the archive' }],
      ['2023-04-06T04:00:00Z', head, { type: 'resumed' }],
    );
    const state = foldApplication(kostanayDuplicates, events, clock);
    expect(state.suspensions).toEqual([
      { from: at('2023-04-04T04:00:00Z'), to: at('2023-04-06T04:00:00Z') },
    ]);
    expect(state.status).toBe('received');
    // Two whole working days were suspended: Monday 24 April → Wednesday 26 April, 18:30.
    expect(new Date(state.dueAt).toISOString()).toBe('2023-04-26T12:30:00.000Z');
  });

  it('offers the current step only to its role in the holding organisation, and to the appointed executor', () => {
    const events = log(
      ['2023-04-03T04:00:00Z', registry, submitted],
      [
        '2023-04-03T04:10:00Z',
        registry,
        { type: 'step_completed', stepId: 'register', documentIds: [] },
      ],
      [
        '2023-04-03T05:00:00Z',
        head,
        { type: 'step_completed', stepId: 'assign', executorId: 'u-executor', documentIds: [] },
      ],
    );
    const state = foldApplication(kostanayDuplicates, events, clock);
    const staff = (
      staffId: string,
      role: 'executor' | 'head',
      organisationId = school,
    ): Principal => ({
      kind: 'staff',
      staffId,
      roles: [role],
      organisationId,
      regionCode: 'kostanay',
    });
    expect(
      listAvailableCommands(state, kostanayDuplicates, staff('u-executor', 'executor'), 'kostanay'),
    ).toEqual([
      {
        kind: 'complete_step',
        stepId: 'review',
        action: 'review',
        actor: 'executor',
        question: 'documents_compliant',
      },
    ]);
    expect(
      listAvailableCommands(state, kostanayDuplicates, staff('u-other', 'executor'), 'kostanay'),
    ).toEqual([]);
    expect(
      listAvailableCommands(
        state,
        kostanayDuplicates,
        staff('u-executor', 'executor', 'org-school-2'),
        'kostanay',
      ),
    ).toEqual([]);
    expect(
      listAvailableCommands(state, kostanayDuplicates, staff('u-head', 'head'), 'kostanay').map(
        (c) => c.kind,
      ),
    ).toEqual(['suspend']);
    expect(
      listAvailableCommands(
        state,
        kostanayDuplicates,
        { kind: 'citizen', iin: '900101300123' },
        'kostanay',
      ),
    ).toEqual([]);
    expect(planAutomaticSteps(state, kostanayDuplicates)).toEqual([]);
  });

  it('offers a signing step as sign_document, never as complete_step', () => {
    const events = log(
      ['2023-04-03T04:00:00Z', registry, submitted],
      [
        '2023-04-03T04:10:00Z',
        registry,
        { type: 'step_completed', stepId: 'register', documentIds: [] },
      ],
      [
        '2023-04-03T05:00:00Z',
        head,
        { type: 'step_completed', stepId: 'assign', executorId: 'u-executor', documentIds: [] },
      ],
      [
        '2023-04-03T06:00:00Z',
        { kind: 'staff', userId: 'u-executor', role: 'executor', organisationId: school },
        { type: 'step_completed', stepId: 'review', answer: true, documentIds: [] },
      ],
    );
    const state = foldApplication(kostanayDuplicates, events, clock);
    expect(state.currentStepId).toBe('sign');
    const principal: Principal = {
      kind: 'staff',
      staffId: 'u-head',
      roles: ['head'],
      organisationId: school,
      regionCode: 'kostanay',
    };
    const commands = listAvailableCommands(state, kostanayDuplicates, principal, 'kostanay');
    expect(commands[0]).toEqual({ kind: 'sign_document', stepId: 'sign', actor: 'head' });
    expect(commands.some((command) => command.kind === 'complete_step')).toBe(false);
  });

  it("offers the front-office operator's sign_request as sign_request, never as complete_step", () => {
    // akimat-2016-54, annex 1, point 9, item 7: the request goes "удостоверенный ЭЦП работника".
    const west = regulation('west-kazakhstan/extern-permission.yaml');
    const frontOffice = 'org-front-office-1';
    const intake = foldApplication(
      west,
      log([
        '2023-04-03T04:00:00Z',
        {
          kind: 'staff',
          userId: 'u-operator',
          role: 'front_office_operator',
          organisationId: frontOffice,
        },
        {
          ...submitted,
          regulationId: west.id,
          channel: 'front_office',
          frontOfficeId: frontOffice,
        },
      ]),
      clock,
    );
    // The operator's signing step, as intake leaves it (the pure rule, whatever led there).
    const state = { ...intake, currentStepId: 'fo-send-request' };
    const operator: Principal = {
      kind: 'staff',
      staffId: 'u-operator',
      roles: ['front_office_operator'],
      organisationId: frontOffice,
      regionCode: 'west_kazakhstan',
    };
    expect(listAvailableCommands(state, west, operator, 'west_kazakhstan')).toEqual([
      { kind: 'sign_request', stepId: 'fo-send-request', actor: 'front_office_operator' },
    ]);
    const otherOperator: Principal = { ...operator, organisationId: 'org-front-office-2' };
    expect(listAvailableCommands(state, west, otherOperator, 'west_kazakhstan')).toEqual([]);
    expect(planAutomaticSteps(state, west)).toEqual([]);
  });

  it('offers the head to return the executor’s draft, and goes back to the review with a new step due', () => {
    const events = log(
      ['2023-04-03T04:00:00Z', registry, submitted],
      [
        '2023-04-03T04:10:00Z',
        registry,
        { type: 'step_completed', stepId: 'register', documentIds: [] },
      ],
      [
        '2023-04-03T05:00:00Z',
        head,
        { type: 'step_completed', stepId: 'assign', executorId: 'u-executor', documentIds: [] },
      ],
      [
        '2023-04-03T06:00:00Z',
        executor,
        { type: 'step_completed', stepId: 'review', answer: true, documentIds: [] },
      ],
    );
    const atSigning = foldApplication(kostanayDuplicates, events, clock);
    expect(atSigning.currentStepId).toBe('sign');
    expect(atSigning.draftedFrom).toBe('review');
    const headPrincipal: Principal = {
      kind: 'staff',
      staffId: 'u-head',
      roles: ['head'],
      organisationId: school,
      regionCode: 'kostanay',
    };
    const executorPrincipal: Principal = {
      ...headPrincipal,
      staffId: 'u-executor',
      roles: ['executor'],
    };
    expect(
      listAvailableCommands(atSigning, kostanayDuplicates, headPrincipal, 'kostanay'),
    ).toContainEqual({ kind: 'return_draft', stepId: 'sign', toStepId: 'review' });
    expect(
      listAvailableCommands(atSigning, kostanayDuplicates, executorPrincipal, 'kostanay').some(
        (command) => command.kind === 'return_draft',
      ),
    ).toBe(false);

    const returned = foldApplication(
      kostanayDuplicates,
      [
        ...events,
        {
          type: 'draft_returned',
          stepId: 'review',
          comment: 'Исправьте год',
          sequence: 5,
          at: at('2023-04-04T04:00:00Z'),
          actor: head,
        },
      ],
      clock,
    );
    expect(returned.currentStepId).toBe('review');
    expect(returned.stepStartedAt).toBe(at('2023-04-04T04:00:00Z'));
    expect(returned.stepDueAt).toBeGreaterThan(atSigning.stepDueAt ?? 0);
    expect(returned.draftedFrom).toBeUndefined();
    expect(returned.executorId).toBe('u-executor');
    // Nothing waits for a signature now: the head has nothing to return.
    expect(
      listAvailableCommands(returned, kostanayDuplicates, headPrincipal, 'kostanay').some(
        (command) => command.kind === 'return_draft',
      ),
    ).toBe(false);
  });

  it('refuses a log that returns a draft outside a signing step', () => {
    const events = log(
      ['2023-04-03T04:00:00Z', registry, submitted],
      ['2023-04-03T04:10:00Z', head, { type: 'draft_returned', stepId: 'review', comment: 'Нет' }],
    );
    expect(() => foldApplication(kostanayDuplicates, events, clock)).toThrow(
      /draft returned outside a signing step/,
    );
  });

  it('refuses a log that skips a step', () => {
    const events = log(
      ['2023-04-03T04:00:00Z', registry, submitted],
      ['2023-04-03T04:10:00Z', head, { type: 'step_completed', stepId: 'assign', documentIds: [] }],
    );
    expect(() => foldApplication(kostanayDuplicates, events, clock)).toThrow(/step out of turn/);
  });
});
