// Seed 003, annex 4 (its annex 2), table 1, actions 4 and 8: the commission concludes, then the
// executor of the employment department forms the output document and signs it with ЭЦП. No
// drafting step comes before that signing step: the executor prepares the draft at it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAvailableCommands } from '../../src/domain/application/available-commands.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import type { ActorRole } from '../../src/domain/shared/roles.js';
import { completeStep } from '../../src/features/applications/complete-step.js';
import { getApplicationFor } from '../../src/engine/load-application.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { demoCitizen } from '../../src/features/demo/demo-accounts.js';
import { demoFields } from '../../src/features/demo/demo-plan.js';
import { driveApplication } from '../../src/features/demo/drive-application.js';
import { prepareSampleDraft, signAtSigningStep } from '../../src/features/demo/sign-result.js';
import { getFlow, getStep } from '../../src/domain/application/fold.js';
import { getBackOfficeApplication } from '../../src/features/back-office/get-back-office-application.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
  regulationCatalog,
} from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { createTestResultSigning } from '../support/sign-result.js';

type Staff = Principal & { kind: 'staff' };

describe(`the executor signs after the commission (seed 003, disabled children) on ${testBackend}`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2013-02-05T04:00:00Z');
  let services: ReturnType<typeof applicationServices>;
  let signing: Awaited<ReturnType<typeof createTestResultSigning>>;
  const staff: Partial<Record<ActorRole, Staff>> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    services = applicationServices(database, clock.now);
    await createOrganisation(database, {
      id: 'sko-employment',
      kind: 'employment_department',
      regionCode: 'south-kazakhstan',
    });
    for (const [actor, role] of [
      ['registry_office', 'registry_office'],
      ['head', 'head'],
      ['executor', 'executor'],
      ['commission', 'commission_member'],
    ] as const) {
      staff[actor] = await createStaff(database, 'sko-employment', 'south-kazakhstan', [role]);
    }
    signing = await createTestResultSigning(database, new Date('2026-01-01T00:00:00Z'));
  });
  afterAll(async () => {
    await database?.close();
    signing?.dispose();
  });

  it('offers the executor the signing step and the draft of the result, and issues it signed', async () => {
    const regulation = regulationCatalog().all.find(
      (candidate) => candidate.service === 'disabled-children-home-education',
    )!;
    const { applicationId } = await submitApplication(services, staff.registry_office!, {
      idempotencyKey: 'executor-signs-submit',
      serviceCode: regulation.service,
      channel: 'provider_office',
      applicantIin: demoCitizen.iin,
      providerOrganisationId: 'sko-employment',
      fields: demoFields(regulation),
    });
    const atSigning = await driveApplication(services, applicationId, {
      principalFor: (actor) => staff[actor],
      answer: () => true,
      executorId: staff.executor!.staffId,
      keyPrefix: 'executor-signs',
      beforeStep: () => clock.set(new Date(clock.now().getTime() + 30 * 60_000).toISOString()),
      isDone: (state) => state.currentStepId === 'sign-result',
    });
    expect(atSigning.currentStepId).toBe('sign-result');
    const executor = staff.executor!;
    expect(
      listAvailableCommands(atSigning, regulation, executor, 'south-kazakhstan').map(
        (command) => command.kind,
      ),
    ).toEqual(['sign_document']);
    const page = await getBackOfficeApplication(services, executor, applicationId);
    expect(page.draftable).toEqual(['result']);
    expect(page.draft).toBeUndefined();
    await expect(
      completeStep(services, executor, {
        idempotencyKey: 'executor-signs-bare',
        applicationId,
        stepId: 'sign-result',
      }),
    ).rejects.toMatchObject({ code: 'signed_document_required' });

    // Preparing at the signing step completes nothing: the step is done by the signature.
    const prepared = await prepareSampleDraft(services, signing, executor, {
      applicationId,
      serviceCode: regulation.service,
      outcome: 'result',
      idempotencyKey: 'executor-signs-prepare',
    });
    expect(prepared).toMatchObject({
      currentStepId: 'sign-result',
      version: atSigning.version,
      kind: 'result',
    });
    await expect(
      prepareSampleDraft(services, signing, executor, {
        applicationId,
        serviceCode: regulation.service,
        outcome: 'reasoned_refusal',
        idempotencyKey: 'executor-signs-prepare-refusal',
      }),
    ).rejects.toMatchObject({ details: { reason: 'not_a_drafting_step' } });

    const flow = getFlow(regulation, 'provider_office');
    const signed = await signAtSigningStep(services, signing, executor, {
      applicationId,
      serviceCode: regulation.service,
      step: getStep(flow, 'sign-result'),
      flow,
      idempotencyKey: 'executor-signs-sign',
    });
    expect(signed).toMatchObject({
      documentId: prepared.documentId,
      number: prepared.number,
      currentStepId: 'issue-result',
      status: 'result_ready',
    });
    const { events } = await getApplicationFor(services, { kind: 'system' }, applicationId);
    expect(events.at(-1)).toMatchObject({
      type: 'step_completed',
      stepId: 'sign-result',
      documentIds: [prepared.documentId],
      actor: { kind: 'staff', userId: executor.staffId, role: 'executor' },
    });
  });
});
