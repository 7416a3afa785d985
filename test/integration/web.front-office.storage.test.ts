import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRegulationDuration } from '../../src/domain/application/term-arithmetic.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import type { ActorRole } from '../../src/domain/shared/roles.js';
import { getOrganisation, workingTimeOf } from '../../src/engine/application-services.js';
import { getApplicationFor } from '../../src/engine/load-application.js';
import { handBackStoredResults } from '../../src/features/front-office/hand-back-stored-results.js';
import { driveApplication } from '../../src/features/demo/drive-application.js';
import {
  acknowledgeCourierRegister,
  createCourierRegister,
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
import { jobServices } from '../support/jobs.js';
import { createTestResultSigning } from '../support/sign-result.js';

const fixtures = simulatorFixtures(createSimulatorData());

describe(`a result kept at the front office, handed back, and asked for again on ${testBackend} (seed 004, duplicates)`, () => {
  let fixture: Awaited<ReturnType<typeof createFrontOfficeFixture>>;
  let applicationId = '';
  let number = '';
  const schoolStaff: Partial<Record<'registry_office' | 'head' | 'executor', WebStaff>> = {};

  beforeAll(async () => {
    fixture = await createFrontOfficeFixture();
    await createOrganisation(fixture.database, {
      id: 'kst-school-1',
      kind: 'school',
      regionCode: 'kostanay',
      timeZone: 'Asia/Qostanay',
    });
    const provider: Partial<Record<ActorRole, Principal>> = {};
    for (const role of ['registry_office', 'head', 'executor'] as const) {
      schoolStaff[role] = await fixture.member('kst-school-1', [role]);
      provider[role] = schoolStaff[role].principal;
    }
    const taken = await takeApplication(fixture.context, fixture.staff.operator, {
      formKey: 'storage-test-0001',
      serviceCode: 'duplicates',
      providerOrganisationId: 'kst-school-1',
      applicantIin: fixtures.person.iin,
      checks: { 'standard-point-9-documents': 'present' },
      consentGiven: true,
      requestSigned: true,
    });
    if (taken.kind !== 'accepted') throw new Error(taken.kind);
    ({ applicationId, number } = taken);
    // The courier's register, acknowledged by the school's registry office (delivery).
    const outgoing = await createCourierRegister(fixture.context, fixture.staff.courier, {
      providerOrganisationId: 'kst-school-1',
      direction: 'to_provider',
    });
    await acknowledgeCourierRegister(fixture.services, schoolStaff.registry_office!, outgoing.id);
    const signed = await driveApplication(fixture.services, applicationId, {
      principalFor: (actor) => provider[actor],
      answer: () => true,
      executorId: (provider.executor as Principal & { kind: 'staff' }).staffId,
      keyPrefix: 'storage-web',
      // The head signs the result with a key (the engine completes signing only so).
      signing: await createTestResultSigning(fixture.database, fixture.services.now()),
      isDone: (current) => current.currentStepId === 'fo-send-result',
    });
    expect(signed.currentStepId).toBe('fo-send-result');
    // The courier brings the result back in a return register; the operator acknowledges it.
    const registers = await (
      await fixture.get('/front-office/registers', fixture.staff.courier)
    ).text();
    expect(registers).toContain('value="to_front_office"');
    const back = await createCourierRegister(fixture.context, fixture.staff.courier, {
      providerOrganisationId: 'kst-school-1',
      direction: 'to_front_office',
    });
    await acknowledgeCourierRegister(fixture.services, fixture.staff.operator, back.id);
    const { state } = await getApplicationFor(fixture.services, { kind: 'system' }, applicationId);
    expect(state.currentStepId).toBe('fo-issue-result');
  });
  afterAll(async () => {
    await fixture?.database.close();
  });

  it('shows the result waiting with its arrival and the end of its month of storage', async () => {
    const html = await (await fixture.get('/front-office', fixture.staff.operator)).text();
    const row = html.slice(html.indexOf(`data-number="${number}"`));
    const record = await fixture.database.db
      .selectFrom('application')
      .select(['updated_at', 'step_due_at'])
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
    const office = await getOrganisation(
      fixture.services,
      fixture.database.db,
      'kst-fo-1',
      'frontOffice',
    );
    const until = addRegulationDuration(
      workingTimeOf(fixture.services, office),
      record.updated_at.getTime(),
      { amount: 1, unit: 'months' },
      { afterHoursCountsFromNextWorkingDay: false },
    );
    expect(row).toContain(formatLocal(record.step_due_at!));
    expect(row).toContain(formatLocal(new Date(until)));
    // Storage starts from the engine's issue step, begun when the return register arrived.
    const { state, clock } = await getApplicationFor(
      fixture.services,
      { kind: 'system' },
      applicationId,
    );
    expect(state.stepStartedAt).toBe(record.updated_at.getTime());
    expect(clock.frontOffice).toBeDefined();
  });

  it('after the month it shows "handed back" and the request to the provider due in one working day', async () => {
    fixture.clock.set('2019-12-02T05:00:00Z');
    expect(await handBackStoredResults(jobServices(fixture.database, fixture.clock.now))).toBe(1);
    let html = await (await fixture.get('/front-office', fixture.staff.operator)).text();
    const section = html.slice(html.indexOf('Результаты, возвращённые услугодателю'));
    expect(section).toContain(number);
    expect(section).toContain('Запросить результат');
    fixture.clock.set('2019-12-06T12:30:00Z');
    const requested = await fixture.post(
      `/front-office/applications/${applicationId}/request-result`,
      fixture.staff.operator,
      {},
    );
    expect(requested.status).toBe(303);
    const school = await getOrganisation(
      fixture.services,
      fixture.database.db,
      'kst-school-1',
      'provider',
    );
    // Friday evening (UTC+6 in 2019): the provider's one working day runs into Monday.
    const due = addRegulationDuration(
      workingTimeOf(fixture.services, school),
      fixture.clock.now().getTime(),
      { amount: 1, unit: 'working_days' },
    );
    expect(new Date(due).getUTCDay()).toBe(1);
    html = await (await fixture.get('/front-office', fixture.staff.operator)).text();
    expect(html).toContain(
      `Запрошен; срок направления <time datetime="${new Date(due).toISOString()}">${formatLocal(new Date(due))}</time>`,
    );
    // Only the front office that took it may ask.
    const other = await fixture.post(
      `/front-office/applications/${applicationId}/request-result`,
      fixture.staff.otherOperator,
      {},
    );
    expect(other.status).toBe(404);
    // Asking again while the request is open changes nothing.
    expect(
      (
        await fixture.post(
          `/front-office/applications/${applicationId}/request-result`,
          fixture.staff.operator,
          {},
        )
      ).status,
    ).toBe(303);
    const requests = await fixture.database.db.selectFrom('result_request').selectAll().execute();
    expect(requests).toHaveLength(1);
    const requestId = requests[0]!.id;
    expect(requests[0]!.provider_organisation_id).toBe('kst-school-1');

    // The provider's back office lists it with the same due, and the registry office marks it sent.
    const registry = schoolStaff.registry_office!;
    const list = await (await fixture.get('/back-office/result-requests', registry)).text();
    const line = list.slice(list.indexOf(`data-number="${number}"`));
    expect(line).toContain(`datetime="${new Date(due).toISOString()}"`);
    expect(line).toContain('Отметить направленным');
    // Another organisation's staff: 404 on marking, and the request is not in their list.
    const akimatList = await (
      await fixture.get('/back-office/result-requests', fixture.staff.registry)
    ).text();
    expect(akimatList).not.toContain(number);
    expect(
      (
        await fixture.post(
          `/back-office/result-requests/${requestId}/sent`,
          fixture.staff.registry,
          {},
        )
      ).status,
    ).toBe(404);
    fixture.clock.set('2019-12-09T04:00:00Z');
    const sent = await fixture.post(`/back-office/result-requests/${requestId}/sent`, registry, {});
    expect(sent.status).toBe(303);
    expect(
      (await fixture.post(`/back-office/result-requests/${requestId}/sent`, registry, {})).status,
    ).toBe(303);
    const audit = await fixture.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'provider.result_request_sent')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.subject_id).toBe(applicationId);
    const marked = await fixture.database.db
      .selectFrom('result_request')
      .select(['sent_at', 'sent_by'])
      .executeTakeFirstOrThrow();
    expect(marked.sent_at?.toISOString()).toBe('2019-12-09T04:00:00.000Z');
    expect(marked.sent_by).toBe(registry.principal.staffId);
    // The front office sees that the provider sent it.
    html = await (await fixture.get('/front-office', fixture.staff.operator)).text();
    expect(html).toContain(
      `направлен услугодателем <time datetime="2019-12-09T04:00:00.000Z">${formatLocal(marked.sent_at!)}</time>`,
    );
  });
});
