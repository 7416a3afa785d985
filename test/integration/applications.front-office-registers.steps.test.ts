import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRegulationDuration } from '../../src/domain/application/term-arithmetic.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import type { ActorRole } from '../../src/domain/shared/roles.js';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error.js';
import { completeStep } from '../../src/features/applications/complete-step.js';
import { getApplicationFor } from '../../src/engine/load-application.js';
import { driveApplication } from '../../src/features/demo/drive-application.js';
import {
  acknowledgeCourierRegister,
  createCourierRegister,
  getCourierRegister,
} from '../../src/features/front-office/courier-registers.js';
import { formatLocal } from '../../src/features/deadlines/deadline-indicator.js';
import { takeApplication } from '../../src/features/front-office/take-application.js';
import {
  createSimulatorData,
  simulatorFixtures,
} from '../../src/integrations/simulator/synthetic-people.js';
import { createOrganisation } from '../support/applications.js';
import { testBackend } from '../support/database.js';
import { createFrontOfficeFixture, type WebStaff } from '../support/front-office-web.js';
import { createTestResultSigning } from '../support/sign-result.js';

const fixtures = simulatorFixtures(createSimulatorData());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe(`courier registers move the application through the regulation's steps on ${testBackend} (Kostanay extern-permission, seed 004, annex 1, point 6)`, () => {
  let fixture: Awaited<ReturnType<typeof createFrontOfficeFixture>>;
  let applicationId = '';
  let number = '';
  let registerId = '';
  let otherRegistry: WebStaff;
  const akimat: Partial<Record<ActorRole, Principal>> = {};

  let attempt = 0;
  const advance = (ms: number) =>
    fixture.clock.set(new Date(fixture.clock.now().getTime() + ms).toISOString());
  const stateOf = async () =>
    (await getApplicationFor(fixture.services, { kind: 'system' }, applicationId)).state;
  const eventsOf = () =>
    fixture.database.db
      .selectFrom('application_event')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('sequence')
      .execute();

  beforeAll(async () => {
    fixture = await createFrontOfficeFixture();
    await createOrganisation(fixture.database, {
      id: 'kst-akimat-rudny',
      kind: 'district_akimat',
      regionCode: 'kostanay',
      timeZone: 'Asia/Qostanay',
    });
    otherRegistry = await fixture.member('kst-akimat-rudny', ['registry_office']);
    akimat.registry_office = fixture.staff.registry.principal;
    for (const role of ['head', 'executor'] as const)
      akimat[role] = (await fixture.member('kst-akimat-kostanay', [role])).principal;
    const taken = await takeApplication(fixture.context, fixture.staff.operator, {
      formKey: 'register-steps-0001',
      serviceCode: 'extern-permission',
      providerOrganisationId: 'kst-akimat-kostanay',
      applicantIin: fixtures.person.iin,
      checks: { 'standard-point-9-documents': 'present' },
      consentGiven: true,
      requestSigned: true,
    });
    if (taken.kind !== 'accepted') throw new Error(taken.kind);
    ({ applicationId, number } = taken);
  });
  afterAll(async () => {
    await fixture?.database.close();
  });

  it('after intake waits at the courier step, due in one calendar day, shown in the front office', async () => {
    const state = await stateOf();
    expect(state.currentStepId).toBe('fo-courier');
    const { clock } = await getApplicationFor(fixture.services, { kind: 'system' }, applicationId);
    const due = addRegulationDuration(clock.frontOffice!, state.stepStartedAt!, {
      amount: 1,
      unit: 'calendar_days',
    });
    expect(state.stepDueAt).toBe(due);
    const html = await (await fixture.get('/front-office', fixture.staff.courier)).text();
    const row = html.slice(html.indexOf(`data-number="${number}"`));
    expect(row).toContain(`datetime="${new Date(due).toISOString()}"`);
    expect(row).toContain(formatLocal(new Date(due)));
    const registers = await (
      await fixture.get('/front-office/registers', fixture.staff.courier)
    ).text();
    expect(registers).toContain(`datetime="${new Date(due).toISOString()}"`);
  });

  it('the provider cannot register the package before the register is acknowledged as delivered', async () => {
    const register = () =>
      completeStep(fixture.services, akimat.registry_office!, {
        idempotencyKey: `register-early-${(attempt += 1)}`,
        applicationId,
        stepId: 'register',
      });
    expect(await codeOf(register())).toBe(ErrorCode.conflict);
    advance(30 * 60_000);
    const created = await createCourierRegister(fixture.context, fixture.staff.courier, {
      providerOrganisationId: 'kst-akimat-kostanay',
      direction: 'to_provider',
      formKey: 'register-form-0001',
    });
    registerId = created.id;
    // Compiled and handed over, not delivered: still the courier's step («Пакет доставлен»),
    // whose engine due the register's page shows.
    const waiting = await stateOf();
    expect(waiting.currentStepId).toBe('fo-courier');
    const registerPage = await (
      await fixture.get(`/front-office/registers/${registerId}`, fixture.staff.courier)
    ).text();
    expect(registerPage).toContain(`datetime="${new Date(waiting.stepDueAt!).toISOString()}"`);
    expect(await codeOf(register())).toBe(ErrorCode.conflict);
    // The same form posted again returns the same register and changes nothing.
    const again = await createCourierRegister(fixture.context, fixture.staff.courier, {
      providerOrganisationId: 'kst-akimat-kostanay',
      direction: 'to_provider',
      formKey: 'register-form-0001',
    });
    expect(again.id).toBe(registerId);
    expect(
      await fixture.database.db.selectFrom('courier_register').selectAll().execute(),
    ).toHaveLength(1);
  });

  it("another organisation's register is not found, and only the receiving end acknowledges", async () => {
    expect(
      await codeOf(acknowledgeCourierRegister(fixture.services, otherRegistry, registerId)),
    ).toBe(ErrorCode.notFound);
    expect(
      await codeOf(getCourierRegister(fixture.services, fixture.staff.otherOperator, registerId)),
    ).toBe(ErrorCode.notFound);
    expect((await fixture.get(`/front-office/registers/${registerId}`, otherRegistry)).status).toBe(
      404,
    );
    expect(
      (await fixture.post(`/front-office/registers/${registerId}/acknowledge`, otherRegistry, {}))
        .status,
    ).toBe(404);
    // The sending front office does not acknowledge its own packages.
    expect(
      await codeOf(
        acknowledgeCourierRegister(fixture.services, fixture.staff.operator, registerId),
      ),
    ).toBe(ErrorCode.forbidden);
    expect((await stateOf()).currentStepId).toBe('fo-courier');
  });

  it('the acknowledgement completes the courier step as the courier, once, with audit rows', async () => {
    advance(3 * 3600_000);
    const response = await fixture.post(
      `/front-office/registers/${registerId}/acknowledge`,
      fixture.staff.registry,
      {},
    );
    expect(response.status).toBe(303);
    const state = await stateOf();
    expect(state.currentStepId).toBe('register');
    const events = await eventsOf();
    const courierStep = events.find(
      (event) => (event.payload as { stepId?: string }).stepId === 'fo-courier',
    )!;
    expect(courierStep.actor).toMatchObject({
      kind: 'staff',
      userId: fixture.staff.courier.principal.staffId,
      role: 'courier',
      organisationId: 'kst-fo-1',
    });
    expect(courierStep.at.toISOString()).toBe(fixture.clock.now().toISOString());
    // Idempotent: acknowledging again changes nothing.
    const version = state.version;
    expect(
      (await acknowledgeCourierRegister(fixture.services, fixture.staff.registry, registerId))
        .completed,
    ).toEqual([]);
    expect((await stateOf()).version).toBe(version);
    const audit = await fixture.database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id', 'details'])
      .where('subject_id', '=', registerId)
      .orderBy('id')
      .execute();
    expect(audit.map((row) => row.action)).toEqual([
      'courier_register.handed_over',
      'courier_register.acknowledged',
    ]);
    expect(audit[1]!.actor_id).toBe(fixture.staff.registry.principal.staffId);
    expect(audit[1]!.details).toMatchObject({ stepsCompleted: [`${number}:fo-courier`] });
    // Now the registry office registers it.
    expect(
      await codeOf(
        completeStep(fixture.services, akimat.registry_office!, {
          idempotencyKey: 'register-after-delivery',
          applicationId,
          stepId: 'register',
        }),
      ),
    ).toBe('ok');
  });

  it('the return register and its acknowledgement complete the provider’s sending step; storage starts there', async () => {
    const signed = await driveApplication(fixture.services, applicationId, {
      principalFor: (actor) => akimat[actor],
      answer: () => true,
      executorId: (akimat.executor as Principal & { kind: 'staff' }).staffId,
      keyPrefix: 'register-steps',
      isDone: (current) => current.currentStepId === 'fo-send-result',
      // The head signs the result with a real key (sign_result is done only so).
      signing: await createTestResultSigning(fixture.database, fixture.clock.now()),
    });
    expect(signed.currentStepId).toBe('fo-send-result');
    // The back office offers no direct hand-over: it goes with the return register.
    const page = await (
      await fixture.get(`/back-office/applications/${applicationId}`, fixture.staff.registry)
    ).text();
    expect(page).toContain('id="return-by-register"');
    expect(page).not.toContain('id="complete-form"');
    advance(3600_000);
    const back = await createCourierRegister(fixture.context, fixture.staff.courier, {
      providerOrganisationId: 'kst-akimat-kostanay',
      direction: 'to_front_office',
    });
    // Picked up, not arrived: the provider's step «Результат в Государственной корпорации» waits.
    expect((await stateOf()).currentStepId).toBe('fo-send-result');
    // The provider's registry office is not the receiving end of a return register.
    expect(
      await codeOf(acknowledgeCourierRegister(fixture.services, fixture.staff.registry, back.id)),
    ).toBe(ErrorCode.forbidden);
    advance(2 * 3600_000);
    const arrived = fixture.clock.now().getTime();
    expect(
      (await acknowledgeCourierRegister(fixture.services, fixture.staff.operator, back.id))
        .completed,
    ).toEqual([`${number}:fo-send-result`]);
    const state = await stateOf();
    expect(state.currentStepId).toBe('fo-issue-result');
    expect(state.status).toBe('result_ready');
    expect(state.stepStartedAt).toBe(arrived);
    const sending = (await eventsOf()).find(
      (event) => (event.payload as { stepId?: string }).stepId === 'fo-send-result',
    )!;
    expect(sending.actor).toEqual({ kind: 'system', process: 'courier-register' });
    // The front office's list shows the engine's due of the issue step.
    const html = await (await fixture.get('/front-office', fixture.staff.operator)).text();
    const row = html.slice(html.indexOf(`data-number="${number}"`));
    expect(row).toContain(`datetime="${new Date(state.stepDueAt!).toISOString()}"`);
  });
});
