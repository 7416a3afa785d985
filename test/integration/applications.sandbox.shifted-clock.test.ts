// Sandbox applications (docs/sandbox.md, issue 14 point 5): in a sandbox installation a
// submission "as of" a past day applies the version in force that day, and the application's
// later steps, deadlines and watch jobs run on its own clock shifted to that day, while what is
// recorded about the recording (recorded_at, audit rows, notifications, signatures) stays real
// time. Outside a sandbox an "as of" day is refused and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAutomatic, isOperatorSigning } from '../../src/domain/application/available-commands.js';
import type { Principal } from '../../src/domain/identity/authorisation.js';
import { generateIin } from '../../src/domain/identity/identity-number-generator.js';
import type { ApplicationField } from '../../src/domain/regulation/ApplicationField.js';
import { pathsToEnds } from '../../src/domain/regulation/flow-graph.js';
import type { RegulationDefinition } from '../../src/domain/regulation/RegulationDefinition.js';
import { DomainError } from '../../src/domain/shared/domain-error.js';
import { completeStep } from '../../src/features/applications/complete-step.js';
import { fileAppeal } from '../../src/features/applications/file-appeal.js';
import { getCabinetApplication } from '../../src/features/cabinet/get-cabinet-application.js';
import { getProviderAppeal } from '../../src/features/back-office/get-provider-appeal.js';
import { listProviderAppeals } from '../../src/features/back-office/list-provider-appeals.js';
import { getApplicationFor } from '../../src/engine/load-application.js';
import { recordSystemAnswer } from '../../src/features/applications/record-system-answer.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { watchDeadlines } from '../../src/features/deadlines/watch-deadlines.js';
import {
  draftedOutcomeAt,
  prepareSampleDraft,
  signAtSigningStep,
} from '../../src/features/demo/sign-result.js';
import { signRequestAtSigningStep } from '../../src/features/demo/sign-request.js';
import { getApplicationView } from '../../src/features/applications/get-application-view.js';
import { listMyApplications } from '../../src/features/applications/list-my-applications.js';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
  regulationCatalog,
} from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { jobServices } from '../support/jobs.js';
import { createTestResultSigning } from '../support/sign-result.js';

type Staff = Principal & { kind: 'staff' };
const system: Principal = { kind: 'system' };
const applicantIin = generateIin('1985-03-14', 'female', 7);
const citizen: Principal = { kind: 'citizen', iin: applicantIin };
/** 10:00 in Shymkent and Kostanay (UTC+5) on Thursday 3 December 2026: the real clock. */
const realStart = '2026-12-03T05:00:00Z';

function valueFor(field: ApplicationField): string {
  if (field.checkDigits) return applicantIin;
  if (field.format === 'choice') return field.choices![0]!.value;
  if (field.format === 'date') return '2012-05-05';
  const length = field.length?.exact ?? Math.min(field.length?.max ?? 12, 12);
  return field.format === 'numeric' ? '1'.repeat(length) : 'А'.repeat(length);
}

const regulationOf = (id: string): RegulationDefinition => regulationCatalog().getById(id);

describe(`sandbox applications on their own clock on ${testBackend}`, () => {
  let database: DatabaseHandle;
  const clock = manualClock(realStart);
  let sandbox: ReturnType<typeof applicationServices>;
  let ordinary: ReturnType<typeof applicationServices>;
  let signing: Awaited<ReturnType<typeof createTestResultSigning>>;
  const staff = new Map<string, Staff>();
  /** The applications walked to their result, by regulation id. */
  const completed = new Map<string, string>();
  let key = 0;
  const nextKey = () => `sandbox-${(key += 1).toString().padStart(6, '0')}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    ordinary = applicationServices(database, clock.now);
    sandbox = { ...ordinary, sandbox: true };
    signing = await createTestResultSigning(database, new Date('2026-01-01T00:00:00Z'));
    for (const [id, kind, region] of [
      ['sko-archive', 'archive', 'south-kazakhstan'],
      ['kst-akimat', 'district_akimat', 'kostanay'],
    ] as const) {
      await createOrganisation(database, { id, kind, regionCode: region });
      for (const role of ['registry_office', 'head', 'executor'])
        staff.set(`${id}:${role}`, await createStaff(database, id, region, [role]));
    }
  });
  afterAll(async () => {
    await database?.close();
    signing?.dispose();
  });

  async function submitAsOf(
    services: typeof sandbox,
    regulation: RegulationDefinition,
    provider: string,
    asOf: string | undefined,
  ) {
    return submitApplication(services, citizen, {
      idempotencyKey: nextKey(),
      serviceCode: regulation.service,
      channel: 'portal',
      applicantIin,
      providerOrganisationId: provider,
      fields: Object.fromEntries(regulation.fields.map((field) => [field.id, valueFor(field)])),
      ...(asOf ? { asOf } : {}),
    });
  }

  async function countApplications(): Promise<number> {
    const row = await database.db
      .selectFrom('application')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  it('refuses an "as of" day outside a sandbox installation, and one in the future, changing nothing', async () => {
    const regulation = regulationOf('south-kazakhstan.archive-certificate.2012-12-26');
    const before = await countApplications();
    const outside = await submitAsOf(ordinary, regulation, 'sko-archive', '2013-03-05').catch(
      (error: unknown) => error,
    );
    expect(outside).toBeInstanceOf(DomainError);
    expect((outside as DomainError).details).toMatchObject({
      issues: [{ path: 'asOf', rule: 'sandbox_only' }],
    });
    const future = await submitAsOf(sandbox, regulation, 'sko-archive', '2026-12-04').catch(
      (error: unknown) => error,
    );
    expect((future as DomainError).details).toMatchObject({
      issues: [{ path: 'asOf', rule: 'not_after_today' }],
    });
    // Today (no "as of") the archive certificate of South Kazakhstan is not in force.
    const today = await submitAsOf(sandbox, regulation, 'sko-archive', undefined).catch(
      (error: unknown) => error,
    );
    expect((today as DomainError).details).toMatchObject({
      issues: [{ path: 'serviceCode', rule: 'no_regulation_in_force' }],
    });
    expect(await countApplications()).toBe(before);
  });

  it('dates a late-evening submission on the as-of day, though the zone was UTC+6 that day', async () => {
    // 23:30 in Shymkent (UTC+5) today is 00:30 the next day on a 2013 clock shifted by whole days.
    clock.set('2026-12-03T18:30:00Z');
    const regulation = regulationOf('south-kazakhstan.archive-certificate.2012-12-26');
    const submitted = await submitAsOf(sandbox, regulation, 'sko-archive', '2013-03-05');
    const row = await database.db
      .selectFrom('application')
      .select(['clock_offset_ms', 'submitted_at'])
      .where('id', '=', submitted.applicationId)
      .executeTakeFirstOrThrow();
    expect(row.submitted_at.toISOString()).toBe('2013-03-05T17:30:00.000Z');
    expect(Number(row.clock_offset_ms)).toBe(
      Date.parse('2013-03-05T23:30:00+06:00') - Date.parse('2026-12-03T18:30:00Z'),
    );
    expect(submitted.number.startsWith('2013-')).toBe(true);
  });

  it.each([
    ['south-kazakhstan.archive-certificate.2012-12-26', 'sko-archive', '2013-03-05'],
    ['kostanay.extern-permission.2018-12-21', 'kst-akimat', '2019-04-02'],
  ])(
    '%s at %s as of %s: walked to a signed result on the shifted clock',
    async (id, provider, asOf) => {
      clock.set(realStart);
      const regulation = regulationOf(id);
      const flow = regulation.channels.find((candidate) => candidate.channel === 'portal')!;
      const path = pathsToEnds(flow).find(
        (candidate) =>
          candidate.at(-1)!.end === 'result_issued' &&
          candidate.every(
            (step, index) =>
              !step.decide ||
              !['credentials_valid', 'signature_valid'].includes(step.decide.question) ||
              candidate[index + 1]?.id === step.decide.ifYes,
          ),
      )!;
      const submitted = await submitAsOf(sandbox, regulation, provider, asOf);
      expect(submitted.regulationId).toBe(regulation.id);
      expect(submitted.number.startsWith(asOf.slice(0, 4))).toBe(true);
      const applicationId = submitted.applicationId;
      const row = await database.db
        .selectFrom('application')
        .select(['clock_offset_ms', 'submitted_at'])
        .where('id', '=', applicationId)
        .executeTakeFirstOrThrow();
      const offset = Number(row.clock_offset_ms);
      // The real local time of day (10:00) carried to the as-of day, in that day's offset:
      // Kazakhstan was UTC+6 until 1 March 2024.
      expect(offset).toBe(Date.parse(`${asOf}T10:00:00+06:00`) - Date.parse(realStart));
      expect(row.submitted_at.toISOString()).toBe(
        new Date(Date.parse(realStart) + offset).toISOString(),
      );

      // The view and the citizen's list count its due on its own clock: not overdue now.
      const view = await getApplicationView(sandbox, citizen, applicationId);
      expect(view.sandbox).toEqual({
        clockNow: new Date(Date.parse(realStart) + offset).toISOString(),
        clockOffsetMs: offset,
      });
      expect(view.isOverdue).toBe(false);
      expect(Date.parse(view.dueAt)).toBeLessThan(Date.parse('2020-01-01'));
      const mine = await listMyApplications(sandbox, citizen, {});
      const listed = mine.items.find((item) => item.id === applicationId)!;
      expect(listed).toMatchObject({ isSandbox: true, isOverdue: false });

      // The deadline watch fires nothing now; once the real clock passes the due shifted back
      // to real time, it marks the application overdue (on its own clock).
      const jobs = { ...jobServices(database, clock.now), sandbox: true };
      const quiet = await watchDeadlines(jobs);
      const markers = () =>
        database.db
          .selectFrom('deadline_marker')
          .select(['kind', 'due_at', 'fired_at'])
          .where('application_id', '=', applicationId)
          .execute();
      expect(quiet.overdue).toBe(0);
      expect((await markers()).filter((marker) => marker.kind === 'overdue')).toEqual([]);

      // Staff walk it to the result, a minute of real time per step.
      for (let guard = 0; guard < path.length + 1; guard += 1) {
        const { state } = await getApplicationFor(sandbox, system, applicationId);
        if (!state.currentStepId) break;
        const index = path.findIndex((step) => step.id === state.currentStepId);
        expect(index, `current step ${state.currentStepId} is on the path`).toBeGreaterThanOrEqual(
          0,
        );
        const step = path[index]!;
        const answer = step.decide ? path[index + 1]?.id === step.decide.ifYes : undefined;
        clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
        if (isAutomatic(step)) {
          await recordSystemAnswer(sandbox, system, {
            idempotencyKey: nextKey(),
            applicationId,
            question: step.decide!.question,
            answer: answer!,
            source: 'test',
          });
          continue;
        }
        const actor: Principal =
          step.actor === 'applicant' ? citizen : staff.get(`${provider}:${step.actor}`)!;
        const drafted = draftedOutcomeAt(step, flow, answer);
        if (step.action === 'sign_result') {
          const signed = await signAtSigningStep(sandbox, signing, actor as Staff, {
            applicationId,
            serviceCode: regulation.service,
            step,
            flow,
            idempotencyKey: nextKey(),
          });
          expect(signed?.documentId).toBeTruthy();
          continue;
        }
        if (isOperatorSigning(step)) {
          await signRequestAtSigningStep(sandbox, signing, actor as Staff, {
            applicationId,
            idempotencyKey: nextKey(),
          });
          continue;
        }
        if (drafted) {
          await prepareSampleDraft(sandbox, signing, actor, {
            applicationId,
            serviceCode: regulation.service,
            outcome: drafted,
            idempotencyKey: nextKey(),
          });
          continue;
        }
        await completeStep(sandbox, actor, {
          idempotencyKey: nextKey(),
          applicationId,
          stepId: step.id,
          ...(answer !== undefined ? { answer } : {}),
          ...(step.action === 'assign_executor'
            ? { executorId: staff.get(`${provider}:executor`)!.staffId }
            : {}),
        });
      }
      const done = await getApplicationFor(sandbox, system, applicationId);
      expect(done.state.status).toBe('completed');
      expect(done.state.outcome).toBe('result_issued');
      completed.set(id, applicationId);

      // Every event is on the application's clock (the as-of day), recorded in real time.
      const events = await database.db
        .selectFrom('application_event')
        .select(['at', 'recorded_at'])
        .where('application_id', '=', applicationId)
        .orderBy('sequence')
        .execute();
      expect(events.length).toBe(path.length + 1);
      for (const event of events) {
        expect(event.at.getTime() - event.recorded_at.getTime()).toBe(offset);
        expect(event.at.toISOString().slice(0, 10)).toBe(asOf);
      }
      const audit = await listAuditEvents(database.db, {
        subjectType: 'application',
        subjectId: applicationId,
      });
      expect(audit.length).toBeGreaterThan(0);
      for (const entry of audit)
        expect(entry.occurredAt.getTime()).toBeGreaterThanOrEqual(Date.parse(realStart));
      // The issued document: dated on the application's clock, signed in real time.
      const document = await database.db
        .selectFrom('document')
        .select(['content', 'signed_at'])
        .where('application_id', '=', applicationId)
        .executeTakeFirstOrThrow();
      expect(String((document.content as { issuedAt: string }).issuedAt).slice(0, 10)).toBe(asOf);
      expect(document.signed_at.getTime()).toBeGreaterThan(Date.parse(realStart));
    },
  );

  it('marks an unfinished sandbox application overdue when its shifted due passes', async () => {
    clock.set(realStart);
    const regulation = regulationOf('south-kazakhstan.archive-certificate.2012-12-26');
    const submitted = await submitAsOf(sandbox, regulation, 'sko-archive', '2013-03-05');
    const view = await getApplicationView(sandbox, citizen, submitted.applicationId);
    const offset = view.sandbox!.clockOffsetMs;
    const jobs = { ...jobServices(database, clock.now), sandbox: true };
    await watchDeadlines(jobs);
    const overdue = () =>
      database.db
        .selectFrom('deadline_marker')
        .select(['scope', 'fired_at'])
        .where('application_id', '=', submitted.applicationId)
        .where('kind', '=', 'overdue')
        .execute();
    expect(await overdue()).toEqual([]);
    // The real instant of the step's due (its due on the shifted clock, minus the offset).
    const stepDue = Date.parse(view.currentStep!.dueAt!) - offset;
    clock.set(new Date(stepDue + 60_000).toISOString());
    await watchDeadlines(jobs);
    const fired = await overdue();
    expect(fired.map((marker) => marker.scope)).toContain('step');
    // Fired in real time.
    expect(fired[0]!.fired_at.getTime()).toBe(stepDue + 60_000);
    const later = await getApplicationView(sandbox, citizen, submitted.applicationId);
    expect(later.currentStep!.isOverdue).toBe(true);
    expect(later.isOverdue).toBe(Date.parse(later.dueAt) - offset < stepDue + 60_000);
  });

  it("counts a sandbox appeal's due and overdue on the application's clock, for the provider as for the citizen", async () => {
    // The archive certificate issued as of 5 March 2013 above; the citizen appeals a minute later.
    const applicationId = completed.get('south-kazakhstan.archive-certificate.2012-12-26')!;
    expect(applicationId).toBeDefined();
    clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
    const { now: clockNow } = await getApplicationFor(sandbox, system, applicationId);
    const offset = clockNow.getTime() - clock.now().getTime();
    const appeal = await fileAppeal(sandbox, citizen, {
      idempotencyKey: nextKey(),
      applicationId,
      text: 'В справке не указан период работы в 2009 году, прошу дополнить.',
    });
    // 5 working days from the day of filing on the application's clock: in March 2013.
    expect(appeal.dueAt.slice(0, 7)).toBe('2013-03');
    const head = staff.get('sko-archive:head')!;
    const overdueNow = async () => ({
      list: (await listProviderAppeals(sandbox, head)).find((row) => row.id === appeal.appealId)!
        .isOverdue,
      page: (await getProviderAppeal(sandbox, head, appeal.appealId)).isOverdue,
      cabinet: (await getCabinetApplication(sandbox, citizen, applicationId)).appeals.find(
        (row) => row.id === appeal.appealId,
      )!.isOverdue,
    });
    // Real today is years after its due, but on its own clock it has just been filed.
    expect(await overdueNow()).toEqual({ list: false, page: false, cabinet: false });
    // Once the real clock passes the due shifted back to real time, it is overdue everywhere.
    clock.set(new Date(Date.parse(appeal.dueAt) - offset + 60_000).toISOString());
    expect(await overdueNow()).toEqual({ list: true, page: true, cabinet: true });
  });
});
