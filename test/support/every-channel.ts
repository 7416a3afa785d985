// Every regulation of a catalogue, through each of its channels, to a result and to a refusal,
// along the paths of its own flow: the engine must record exactly the steps of the path, end
// in the right status, and leave one audit record per event and one notification per status.
// A signing step (sign_result) is done only by the two-phase signing: the executor prepares
// the result or reasoned refusal from the regulation's template, the signer signs its PDF.
// The front-office operator's sign_request is done only by signing the electronic request
// (which answers the verify_signature after it). Used for the project's regulations and for a
// test's own regulations folder (a new region, service and source added as data only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBin, generateIin } from '../../src/domain/identity/identity-number-generator.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { isAutomatic, isOperatorSigning } from '../../src/domain/application/available-commands.js';
import { pathsToEnds } from '../../src/domain/regulation/flow-graph.js';
import type { ApplicationField } from '../../src/domain/regulation/ApplicationField.js';
import type { ChannelFlow } from '../../src/domain/regulation/ChannelFlow.js';
import type { RegulationCatalog } from '../../src/domain/regulation/regulation-catalog.js';
import type { RegulationDefinition } from '../../src/domain/regulation/RegulationDefinition.js';
import type { Step } from '../../src/domain/regulation/Step.js';
import { completeStep } from '../../src/features/applications/complete-step.js';
import { getApplicationFor } from '../../src/engine/load-application.js';
import { recordSystemAnswer } from '../../src/features/applications/record-system-answer.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { listEvents, listNotifications } from '../../src/storage/application.repository.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from './applications.js';
import { createTestDatabase, testBackend } from './database.js';
import { draftedOutcomeAt, signAtSigningStep } from '../../src/features/demo/sign-result.js';
import { prepareSampleDraft } from '../../src/features/demo/sign-result.js';
import { signRequestAtSigningStep } from '../../src/features/demo/sign-request.js';
import { createTestResultSigning } from './sign-result.js';

type Staff = Principal & { kind: 'staff' };
const system: Principal = { kind: 'system' };
const applicantIin = generateIin('1985-03-14', 'female', 7);
const givenYes = new Set(['credentials_valid', 'signature_valid']);
const finalStatus = {
  result_issued: 'completed',
  reasoned_refusal_issued: 'refused',
  intake_refused: 'intake_refused',
  request_rejected: 'request_rejected',
} as const;

export function valueFor(field: ApplicationField, frontOfficeId = ''): string {
  if (field.checkDigits === 'bin') return generateBin('2010-05', 3);
  if (field.format === 'front_office') return frontOfficeId;
  if (field.format === 'year') return '2008';
  if (field.checkDigits) return applicantIin;
  if (field.format === 'choice') return field.choices![0]!.value;
  if (field.format === 'date') return '2012-05-05';
  const length = field.length?.exact ?? Math.min(field.length?.max ?? 12, 12);
  return field.format === 'numeric' ? '1'.repeat(length) : 'А'.repeat(length);
}

/** 10:00 on a Tuesday two weeks into the version's effect (in July when the service has windows). */
export function submissionInstant(regulation: RegulationDefinition): string {
  let day = new Date(`${regulation.effectiveFrom}T04:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 14);
  if (regulation.windows.length > 0) {
    const july = new Date(
      Date.UTC(day.getUTCFullYear() + (day.getUTCMonth() >= 6 ? 1 : 0), 6, 1, 4),
    );
    day = july;
  }
  while (day.getUTCDay() !== 2) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString();
}

/** The first path to `ends` on which the portal's login and signature conditions hold. */
export function findPath(flow: ChannelFlow, ends: readonly string[]): Step[] | undefined {
  return pathsToEnds(flow).find((path) => {
    const last = path[path.length - 1]!;
    if (!ends.includes(last.end!)) return false;
    return path.every(
      (step, index) =>
        !step.decide ||
        !givenYes.has(step.decide.question) ||
        path[index + 1]?.id === step.decide.ifYes,
    );
  });
}

export const regionOf = (regulation: RegulationDefinition) =>
  regulation.region === 'national' ? 'south-kazakhstan' : regulation.region;

/**
 * Declares the suite: `catalog` gives the regulations (and the services the engine runs on);
 * `afterEach` receives each walked case's application and database for more assertions.
 */
export function describeEveryChannel(
  title: string,
  catalog: () => RegulationCatalog,
  regulationsFolder?: string,
  check?: (walked: {
    database: DatabaseHandle;
    applicationId: string;
    regulation: RegulationDefinition;
    outcome: 'result' | 'refusal';
  }) => Promise<void>,
): void {
  describe(`${title} on ${testBackend}`, () => {
    let database: DatabaseHandle;
    const clock = manualClock('2015-01-01T04:00:00Z');
    let services: ReturnType<typeof applicationServices>;
    let signing: Awaited<ReturnType<typeof createTestResultSigning>>;
    const staff = new Map<string, Staff>();
    let key = 0;
    const nextKey = () => `every-${(key += 1).toString().padStart(6, '0')}`;

    beforeAll(async () => {
      database = await createTestDatabase();
      services = applicationServices(database, clock.now, regulationsFolder);
      signing = await createTestResultSigning(database, new Date('2026-01-01T00:00:00Z'));
      for (const regulation of catalog().all) {
        const region = regionOf(regulation);
        const provider = `${region}-${regulation.providerKinds[0]!.replaceAll('_', '-')}`;
        const frontOffice = `${region}-front-office`;
        for (const [id, kind] of [
          [provider, regulation.providerKinds[0]!],
          [frontOffice, 'front_office'],
        ] as const) {
          if (staff.has(`${id}:head`) || staff.has(`${id}:front_office_operator`)) continue;
          await createOrganisation(database, { id, kind, regionCode: region });
          const roles =
            kind === 'front_office'
              ? ['front_office_operator', 'courier']
              : ['registry_office', 'head', 'executor', 'commission_member'];
          for (const role of roles)
            staff.set(`${id}:${role}`, await createStaff(database, id, region, [role]));
        }
      }
      // A fresh database and PKI: minutes on a loaded two-core machine.
    }, 300_000);
    afterAll(async () => {
      await database?.close();
      signing?.dispose();
    });

    const cases = catalog().all.flatMap((regulation) =>
      regulation.channels.flatMap((flow) =>
        (['result', 'refusal'] as const).map((outcome) => ({ regulation, flow, outcome })),
      ),
    );

    it('finds a result path for every channel and names the channels that have no refusal path', () => {
      const withoutRefusal = cases
        .filter(
          (entry) =>
            entry.outcome === 'refusal' &&
            !findPath(entry.flow, ['reasoned_refusal_issued', 'intake_refused']),
        )
        .map((entry) => `${entry.regulation.id}/${entry.flow.channel}`);
      expect(
        cases.filter(
          (entry) => entry.outcome === 'result' && !findPath(entry.flow, ['result_issued']),
        ),
      ).toEqual([]);
      expect(withoutRefusal).toEqual([]);
    });

    it.each(
      cases.map(
        (entry) =>
          [`${entry.regulation.id} / ${entry.flow.channel} / ${entry.outcome}`, entry] as const,
      ),
    )('%s', async (_name, { regulation, flow, outcome }) => {
      const path = findPath(
        flow,
        outcome === 'result' ? ['result_issued'] : ['reasoned_refusal_issued', 'intake_refused'],
      );
      if (!path) throw new Error('no path');
      const region = regionOf(regulation);
      const provider = `${region}-${regulation.providerKinds[0]!.replaceAll('_', '-')}`;
      const frontOffice = `${region}-front-office`;
      clock.set(submissionInstant(regulation));
      const submitter: Principal =
        flow.channel === 'portal'
          ? { kind: 'citizen', iin: applicantIin }
          : staff.get(
              flow.channel === 'front_office'
                ? `${frontOffice}:front_office_operator`
                : `${provider}:registry_office`,
            )!;
      const submitted = await submitApplication(services, submitter, {
        idempotencyKey: nextKey(),
        serviceCode: regulation.service,
        channel: flow.channel,
        applicantIin,
        providerOrganisationId: provider,
        ...(flow.channel === 'front_office' ||
        flow.steps.some((step) => ['front_office_operator', 'courier'].includes(step.actor))
          ? { frontOfficeId: frontOffice }
          : {}),
        fields: Object.fromEntries(
          regulation.fields.map((field) => [field.id, valueFor(field, frontOffice)]),
        ),
      });
      expect(submitted.regulationId).toBe(regulation.id);
      const id = submitted.applicationId;

      for (let guard = 0; guard < path.length + 1; guard += 1) {
        const { state } = await getApplicationFor(services, system, id);
        if (!state.currentStepId) break;
        const index = path.findIndex((step) => step.id === state.currentStepId);
        expect(index, `current step ${state.currentStepId} is on the path`).toBeGreaterThanOrEqual(
          0,
        );
        const step = path[index]!;
        const answer = step.decide ? path[index + 1]?.id === step.decide.ifYes : undefined;
        clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
        if (isAutomatic(step)) {
          await recordSystemAnswer(services, system, {
            idempotencyKey: nextKey(),
            applicationId: id,
            question: step.decide!.question,
            answer: answer!,
            source: 'test',
          });
          continue;
        }
        const actor: Principal =
          step.actor === 'applicant'
            ? { kind: 'citizen', iin: applicantIin }
            : staff.get(
                ['front_office_operator', 'courier'].includes(step.actor)
                  ? `${frontOffice}:${step.actor}`
                  : `${provider}:${step.actor === 'commission' ? 'commission_member' : step.actor}`,
              )!;
        const drafted = draftedOutcomeAt(step, flow, answer);
        if (step.action === 'sign_result') {
          const signed = await signAtSigningStep(services, signing, actor as Staff, {
            applicationId: id,
            serviceCode: regulation.service,
            step,
            flow,
            idempotencyKey: nextKey(),
          });
          expect(signed?.documentId).toBeTruthy();
          continue;
        }
        if (isOperatorSigning(step)) {
          const signed = await signRequestAtSigningStep(services, signing, actor as Staff, {
            applicationId: id,
            idempotencyKey: nextKey(),
          });
          expect(signed?.completedStepIds[0]).toBe(step.id);
          continue;
        }
        if (drafted) {
          const prepared = await prepareSampleDraft(services, signing, actor, {
            applicationId: id,
            serviceCode: regulation.service,
            outcome: drafted,
            idempotencyKey: nextKey(),
          });
          expect(prepared.kind === 'reasoned_refusal').toBe(drafted === 'reasoned_refusal');
          continue;
        }
        await completeStep(services, actor, {
          idempotencyKey: nextKey(),
          applicationId: id,
          stepId: step.id,
          ...(answer !== undefined ? { answer } : {}),
          ...(step.action === 'assign_executor'
            ? { executorId: staff.get(`${provider}:executor`)!.staffId }
            : {}),
        });
      }

      const { state } = await getApplicationFor(services, system, id);
      const last = path[path.length - 1]!;
      expect(state.currentStepId).toBeUndefined();
      expect(state.outcome).toBe(last.end);
      expect(state.status).toBe(last.status ?? finalStatus[last.end!]);
      expect(state.dueAt).toBeGreaterThan(state.submittedAt);
      const events = await listEvents(database.db, id);
      expect(
        events
          .filter((event) => event.type === 'step_completed')
          .map((event) => (event as { stepId: string }).stepId),
      ).toEqual(path.map((step) => step.id));
      const audit = await listAuditEvents(database.db, {
        subjectType: 'application',
        subjectId: id,
      });
      expect(
        audit
          .map((row) => row.action)
          .filter(
            (action) =>
              action !== 'document.prepared' && !action.startsWith('front_office_request.'),
          ),
      ).toEqual(events.map((event) => `application.${event.type}`));
      // A path through a signing step stores exactly one signed document, issued at that step.
      const signingSteps = path.filter((step) => step.action === 'sign_result');
      expect(audit.filter((row) => row.action === 'document.prepared')).toHaveLength(
        signingSteps.length,
      );
      const documents = await database.db
        .selectFrom('document')
        .select(['id', 'kind'])
        .where('application_id', '=', id)
        .execute();
      expect(documents).toHaveLength(signingSteps.length);
      const signedAt = events.filter(
        (event) =>
          event.type === 'step_completed' &&
          signingSteps.some((step) => step.id === (event as { stepId: string }).stepId),
      );
      expect(signedAt.map((event) => (event as { documentIds: string[] }).documentIds)).toEqual(
        documents.map((document) => [document.id]),
      );
      if (signingSteps.length > 0) {
        expect(documents[0]!.kind === 'reasoned_refusal').toBe(outcome === 'refusal');
      }
      // A path through the operator's sign_request has the request prepared and signed.
      expect(audit.filter((row) => row.action === 'front_office_request.signed')).toHaveLength(
        path.filter(isOperatorSigning).length,
      );
      const notifications = await listNotifications(database.db, id);
      expect(notifications.map((row) => row.status)).toEqual(
        state.history.map((entry) => entry.status),
      );
      await check?.({ database, applicationId: id, regulation, outcome });
    });
  });
}
