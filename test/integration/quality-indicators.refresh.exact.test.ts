import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationEvent } from '../../src/domain/application/ApplicationEvent.js';
import { foldApplication } from '../../src/domain/application/fold.js';
import { elapsedWorkingTime } from '../../src/domain/calendar/index.js';
import { findPeriod, type Period } from '../../src/domain/monitoring/period.js';
import { clockOf } from '../../src/engine/application-services.js';
import { submitApplication } from '../../src/features/applications/submit-application.js';
import { getQualityIndicators } from '../../src/features/monitoring/get-quality-indicators.js';
import {
  refreshAllIndicators,
  refreshIndicators,
} from '../../src/features/monitoring/refresh-indicators.js';
import { eventValues, listEvents } from '../../src/storage/application.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { listApplicationsBehind } from '../../src/storage/monitoring-query.repository.js';
import {
  readSummaryVersion,
  saveMonitoringRound,
} from '../../src/storage/monitoring.repository.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from '../support/applications.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { accepted, toAccept, writeScriptedApplication } from '../support/monitoring.js';

const regulationId = 'south-kazakhstan.archive-certificate.2012-12-26';
const region = 'south-kazakhstan';
const period = (text: string): Period => findPeriod(text)!;
/** A slot of the archive certificate's provider-office flow, counted `count` times. */
const slotCount = (stepId: string, role: string, count: number) => ({
  detail: `${regulationId}|${stepId}|${role}`,
  channel: 'provider_office',
  slot: { regulationId, stepId, role },
  count,
});

describe(`quality indicators counted from the engine's records, on ${testBackend} (issue 20)`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2013-03-20T04:00:00Z');
  let services: ReturnType<typeof applicationServices>;
  const ids: Record<string, string> = {};
  let administrator: Awaited<ReturnType<typeof createStaff>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    services = applicationServices(database, clock.now);
    await createOrganisation(database, {
      id: 'sk-akimat',
      kind: 'region_akimat',
      regionCode: region,
    });
    await createOrganisation(database, {
      id: 'sk-district',
      kind: 'district_akimat',
      regionCode: region,
      parentId: 'sk-akimat',
      nameRu: 'Акимат района',
      nameKk: 'Аудан әкімдігі',
    });
    await createOrganisation(database, {
      id: 'sk-archive-a',
      kind: 'archive',
      regionCode: region,
      parentId: 'sk-district',
    });
    await createOrganisation(database, {
      id: 'sk-archive-b',
      kind: 'archive',
      regionCode: region,
      parentId: 'sk-akimat',
    });
    await createOrganisation(database, { id: 'sk-fo', kind: 'front_office', regionCode: region });
    administrator = await createStaff(database, 'sk-akimat', region, ['region_administrator']);

    const write = (
      key: string,
      input: Omit<Parameters<typeof writeScriptedApplication>[1], 'regulationId' | 'number'>,
    ) =>
      writeScriptedApplication(services, { ...input, regulationId, number: `Q-${key}` }).then(
        (id) => (ids[key] = id),
      );
    // 1. Front office, result issued on time; questionnaire: satisfied, satisfied.
    await write('on-time', {
      channel: 'front_office',
      providerOrganisationId: 'sk-archive-a',
      frontOfficeId: 'sk-fo',
      submittedAt: '2013-02-04T04:00:00Z',
      events: [
        { type: 'step', stepId: 'fo-intake', at: '2013-02-04T04:05:00Z' },
        { type: 'step', stepId: 'fo-enter-request', at: '2013-02-04T04:05:30Z' },
        { type: 'step', stepId: 'fo-sign-request', at: '2013-02-04T04:07:00Z' },
        { type: 'step', stepId: 'fo-verify-signature', answer: true, at: '2013-02-04T04:07:00Z' },
        { type: 'step', stepId: 'fo-route-request', at: '2013-02-04T04:08:00Z' },
        { type: 'step', stepId: 'accept', at: '2013-02-04T04:10:00Z' },
        { type: 'step', stepId: 'decide', answer: true, at: '2013-02-11T04:00:00Z' },
        { type: 'step', stepId: 'sign-result', at: '2013-02-11T04:00:30Z' },
        { type: 'step', stepId: 'send-result', at: '2013-02-11T04:00:40Z' },
        { type: 'step', stepId: 'fo-issue-result', at: '2013-02-11T04:05:00Z' },
        {
          type: 'questionnaire_answered',
          process: 'satisfied',
          information: 'satisfied',
          at: '2013-02-12T04:00:00Z',
        },
      ],
    });
    // 2. Late at the executor's decision; appealed and upheld; questionnaire: not, partially.
    await write('late', {
      channel: 'provider_office',
      providerOrganisationId: 'sk-archive-a',
      submittedAt: '2013-02-04T04:00:00Z',
      events: [
        ...accepted('2013-02-04'),
        { type: 'step', stepId: 'decide', answer: true, at: '2013-03-12T04:00:00Z' },
        { type: 'step', stepId: 'sign-result', at: '2013-03-12T04:00:30Z' },
        { type: 'step', stepId: 'issue-result', at: '2013-03-12T04:00:45Z' },
        {
          type: 'questionnaire_answered',
          process: 'not_satisfied',
          information: 'partially_satisfied',
          at: '2013-03-12T05:00:00Z',
        },
        { type: 'appealed', appealId: 'appeal-1', at: '2013-03-13T04:00:00Z' },
        {
          type: 'appeal_decided',
          appealId: 'appeal-1',
          decision: 'upheld',
          at: '2013-03-14T04:00:00Z',
        },
      ],
    });
    // 3. Refused at intake: the request's signature was not valid.
    await write('intake-refused', {
      channel: 'provider_office',
      providerOrganisationId: 'sk-archive-a',
      submittedAt: '2013-02-04T04:00:00Z',
      events: toAccept('2013-02-04', false),
    });
    // 4. Reasoned refusal at review, on time, at the region-level archive.
    await write('refused', {
      channel: 'provider_office',
      providerOrganisationId: 'sk-archive-b',
      submittedAt: '2013-02-04T04:00:00Z',
      events: [
        ...accepted('2013-02-04'),
        { type: 'step', stepId: 'decide', answer: false, at: '2013-02-20T04:00:00Z' },
        { type: 'step', stepId: 'draft-refusal', at: '2013-02-20T04:00:10Z' },
        { type: 'step', stepId: 'sign-refusal', at: '2013-02-20T04:00:20Z' },
        { type: 'step', stepId: 'issue-refusal', at: '2013-02-20T04:00:30Z' },
      ],
    });
    // 5. Extended by a month, suspended for three days, still at the decision past its step due.
    await write('extended', {
      channel: 'provider_office',
      providerOrganisationId: 'sk-archive-b',
      submittedAt: '2013-02-04T04:00:00Z',
      events: [
        ...accepted('2013-02-04'),
        {
          type: 'term_extended',
          reason: 'Запрос в ведомственный архив',
          by: { amount: 1, unit: 'months' },
          at: '2013-03-01T04:00:00Z',
        },
        { type: 'suspended', reason: 'Запрос документов', at: '2013-03-02T04:00:00Z' },
        { type: 'resumed', at: '2013-03-05T04:00:00Z' },
      ],
    });
    // 6. Waiting for the head's acceptance since 5 February: the term passed (7 March).
    await write('overdue', {
      channel: 'provider_office',
      providerOrganisationId: 'sk-archive-a',
      submittedAt: '2013-02-05T04:00:00Z',
      events: toAccept('2013-02-05'),
    });
    // 7. A sandbox application: never counted.
    await write('sandbox', {
      channel: 'provider_office',
      providerOrganisationId: 'sk-archive-a',
      submittedAt: '2013-02-06T04:00:00Z',
      events: toAccept('2013-02-06'),
      clockOffsetMs: -1_000_000,
    });
    expect(await refreshAllIndicators(services)).toBe(7);
  });
  afterAll(async () => {
    await database?.close();
  });

  /**
   * Migration 0155: the region's and a district's views read `monitoring_provider_count`; the
   * job moves it with `monitoring_count` in one transaction. Checked after every move below.
   */
  async function expectRollUpEqualsSummary() {
    const summedOverServices = await database.db
      .selectFrom('monitoring_count')
      .select([
        'grain',
        'region_code',
        'period_start',
        'provider_organisation_id',
        'channel',
        'measure',
        'detail',
        (eb) => eb.fn.sum<string>('count').as('count'),
      ])
      .groupBy([
        'grain',
        'region_code',
        'period_start',
        'provider_organisation_id',
        'channel',
        'measure',
        'detail',
      ])
      .execute();
    const rolledUp = await database.db
      .selectFrom('monitoring_provider_count')
      .selectAll()
      .where('count', '<>', 0)
      .execute();
    const keyed = (rows: readonly { count: string | number; period_start: unknown }[]) =>
      rows
        .filter((row) => Number(row.count) !== 0)
        .map((row) => JSON.stringify({ ...row, count: Number(row.count) }))
        .sort();
    expect(rolledUp.length).toBeGreaterThan(0);
    expect(keyed(rolledUp)).toEqual(keyed(summedOverServices));
  }

  /** The share of the term used, computed here from the calendar for the expectations. */
  async function shareOf(key: string): Promise<number> {
    const events = await listEvents(database.db, ids[key]!);
    const regulation = services.regulations.getById(regulationId);
    const provider = events[0]!.type === 'submitted' ? events[0]!.providerOrganisationId : '';
    const frontOffice = events[0]!.type === 'submitted' ? events[0]!.frontOfficeId : undefined;
    const { clock: applicationClock } = await clockOf(services, database.db, provider, frontOffice);
    const state = foldApplication(regulation, events, applicationClock);
    const used = elapsedWorkingTime(applicationClock.provider, state.submittedAt, state.endedAt!);
    const term = elapsedWorkingTime(applicationClock.provider, state.submittedAt, state.dueAt);
    return Math.floor((used * 100) / term);
  }

  it('counts every indicator of the region for the quarter exactly', async () => {
    const view = await getQualityIndicators(services, administrator, { period: period('2013-Q1') });
    const shares = await Promise.all(['on-time', 'late', 'refused'].map(shareOf));
    expect(shares[0]).toBeLessThan(100);
    expect(shares[1]).toBeGreaterThan(100);
    expect(shares[2]).toBeLessThan(100);
    const sorted = [...shares].sort((a, b) => a - b);
    expect(view.total).toEqual({
      received: 6,
      completed: 3,
      completedOnTime: 2,
      onTimePercent: 66.7,
      overdueNow: 1,
      termViolations: 2,
      stepOverdue: 2,
      violationsBySlot: [slotCount('accept', 'head', 1), slotCount('decide', 'executor', 1)],
      stepOverdueBySlot: [slotCount('decide', 'executor', 2)],
      durationMedianPercent: sorted[1],
      durationP90Percent: sorted[2],
      intakeRefusals: 1,
      intakeRefusalsByGround: [{ ground: 'signature_valid', count: 1 }],
      reasonedRefusals: 1,
      reasonedRefusalsByGround: [{ ground: 'decision_positive', count: 1 }],
      extensions: 1,
      suspensions: 1,
      appealsFiled: 1,
      appealsUpheld: 1,
      questionnaire: {
        process: { satisfied: 1, partially_satisfied: 0, not_satisfied: 1 },
        information: { satisfied: 1, partially_satisfied: 1, not_satisfied: 0 },
        answered: 2,
      },
      receivedByChannel: { provider_office: 5, front_office: 1, portal: 0 },
      electronicPercent: 0,
    });
    // The region's rows: the district (archive A) and the region-level organisations (B).
    expect(view.level).toBe('district');
    expect(
      view.rows.map((row) => [row.key, row.indicators.received, row.indicators.completed]),
    ).toEqual([
      ['sk-district', 4, 2],
      ['region-level', 2, 1],
    ]);
  });

  it('drills down: district → provider → service, and filters by channel', async () => {
    const district = await getQualityIndicators(services, administrator, {
      period: period('2013-Q1'),
      districtId: 'sk-district',
    });
    expect(district.level).toBe('provider');
    expect(district.rows.map((row) => row.key)).toEqual(['sk-archive-a']);
    expect(district.total.termViolations).toBe(2);
    expect(district.total.overdueNow).toBe(1);
    const provider = await getQualityIndicators(services, administrator, {
      period: period('2013-Q1'),
      providerId: 'sk-archive-b',
    });
    expect(provider.level).toBe('service');
    expect(provider.rows.map((row) => [row.key, row.indicators.received])).toEqual([
      ['archive-certificate', 2],
    ]);
    expect(provider.total).toMatchObject({
      completed: 1,
      completedOnTime: 1,
      reasonedRefusals: 1,
      extensions: 1,
      suspensions: 1,
      stepOverdue: 1,
      termViolations: 0,
      overdueNow: 0,
    });
    const frontOffice = await getQualityIndicators(services, administrator, {
      period: period('2013-Q1'),
      channel: 'front_office',
    });
    expect(frontOffice.total).toMatchObject({ received: 1, completed: 1, completedOnTime: 1 });
  });

  it('attributes each count to the day and month it happened', async () => {
    const day = await getQualityIndicators(services, administrator, {
      period: period('2013-02-04'),
    });
    expect(day.total).toMatchObject({ received: 5, intakeRefusals: 1, completed: 0 });
    const february = await getQualityIndicators(services, administrator, {
      period: period('2013-02'),
    });
    expect(february.total).toMatchObject({ received: 6, completed: 2, termViolations: 0 });
    const march = await getQualityIndicators(services, administrator, {
      period: period('2013-03'),
    });
    expect(march.total).toMatchObject({
      received: 0,
      completed: 1,
      completedOnTime: 0,
      termViolations: 2,
      appealsFiled: 1,
      appealsUpheld: 1,
      extensions: 1,
    });
  });

  it('lists the applications behind a number, without personal data', async () => {
    const rows = await listApplicationsBehind(database.db, {
      regionCode: region,
      measure: 'term_violated',
      from: '2013-01-01',
      to: '2013-04-01',
      limit: 50,
      offset: 0,
    });
    expect(rows.map((row) => [row.number, row.detail])).toEqual([
      ['Q-late', `${regulationId}|decide|executor`],
      ['Q-overdue', `${regulationId}|accept|head`],
    ]);
    expect(JSON.stringify(rows)).not.toContain('900101300007');
  });

  it('moves the counts by the difference when an application changes, and not twice', async () => {
    // The overdue application is accepted and completed late: its log grows and the engine's
    // write of the projection (a new version) marks it dirty.
    const id = ids.overdue!;
    const actor = { kind: 'system', process: 'test' } as const;
    const more = [
      { type: 'step_completed', stepId: 'accept', executorId: 'executor-1', documentIds: [] },
      { type: 'step_completed', stepId: 'decide', answer: true, documentIds: [] },
      { type: 'step_completed', stepId: 'sign-result', documentIds: [] },
      { type: 'step_completed', stepId: 'issue-result', documentIds: [] },
    ].map((payload, index) => ({
      ...payload,
      sequence: 7 + index,
      at: Date.parse('2013-03-20T05:00:00Z') + index * 1_000,
      actor,
    })) as unknown as ApplicationEvent[];
    await database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('application_event')
        .values(eventValues(id, more, new Date('2013-03-20T05:00:03Z')))
        .execute();
      await trx
        .updateTable('application')
        .set({
          version: 10,
          status: 'completed',
          current_step_id: null,
          current_actor: null,
          ended_at: new Date('2013-03-20T05:00:03Z'),
        })
        .where('id', '=', id)
        .execute();
    });
    expect(await refreshIndicators(services)).toEqual({ claimed: 1, applications: 1, skipped: 0 });
    const view = await getQualityIndicators(services, administrator, { period: period('2013-Q1') });
    expect(view.total).toMatchObject({
      received: 6,
      completed: 4,
      completedOnTime: 2,
      onTimePercent: 50,
      termViolations: 2,
      overdueNow: 0,
    });
    // Still attributed to the head's acceptance, the step open when the term passed.
    expect(view.total.violationsBySlot).toEqual([
      slotCount('accept', 'head', 1),
      slotCount('decide', 'executor', 1),
    ]);
    // Nothing left to do: a second round moves nothing.
    expect(await refreshIndicators(services)).toEqual({ claimed: 0, applications: 0, skipped: 0 });
    const same = await getQualityIndicators(services, administrator, { period: period('2013-Q1') });
    expect(same.total).toEqual(view.total);
  });

  it('keeps the roll-up without the service equal to the summary summed over services', async () => {
    // … including the moves of the test above.
    await expectRollUpEqualsSummary();
  });

  it('counts an application submitted through the engine once the job has run', async () => {
    const registry = await createStaff(database, 'sk-archive-b', region, ['registry_office']);
    clock.set('2013-03-21T04:00:00Z');
    await submitApplication(services, registry, {
      idempotencyKey: 'monitoring-submit-1',
      serviceCode: 'archive-certificate',
      channel: 'provider_office',
      applicantIin: '900101300007',
      providerOrganisationId: 'sk-archive-b',
      fields: { 'applicant-iin-or-bin': '900101300007', 'archive-certificate-type': 'стаж' },
    });
    const before = await getQualityIndicators(services, administrator, {
      period: period('2013-03-21'),
    });
    expect(before.total.received).toBe(0);
    expect((await refreshIndicators(services)).applications).toBe(1);
    const after = await getQualityIndicators(services, administrator, {
      period: period('2013-03-21'),
    });
    expect(after.total.received).toBe(1);
    expect(after.total.receivedByChannel.provider_office).toBe(1);
  });

  it('shows a round saved on another node on the next view, and reuses the sums until then', async () => {
    // The overview keeps a view's sums under the summary's version (docs/monitoring.md, "The
    // overview's memo"). Another node's job round moves the summary and the version in one
    // transaction without this process knowing: the next view must show it.
    const quarter = { period: period('2013-Q1') };
    const district = { ...quarter, districtId: 'sk-district' };
    const first = await getQualityIndicators(services, administrator, quarter);
    const firstDistrict = await getQualityIndicators(services, administrator, district);
    const version = await readSummaryVersion(database.db);
    // No round in between: the same numbers (from the memo).
    expect((await getQualityIndicators(services, administrator, quarter)).total).toEqual(
      first.total,
    );
    // A round that moves nothing leaves the version as it is.
    expect(await refreshIndicators(services)).toEqual({ claimed: 0, applications: 0, skipped: 0 });
    expect(await readSummaryVersion(database.db)).toBe(version);

    // Another node's round: the job's own save (both tables and the version, one transaction).
    const otherNodesRound = (delta: number) =>
      database.db.transaction().execute((trx) =>
        saveMonitoringRound(trx, {
          deltas: [
            {
              grain: 'quarter',
              regionCode: region,
              periodStart: '2013-01-01',
              providerOrganisationId: 'sk-archive-a',
              serviceCode: 'archive-certificate',
              channel: 'portal',
              measure: 'received',
              detail: '',
              delta,
            },
          ],
          computed: [],
          markIds: [],
          now: clock.now(),
        }),
      );

    await otherNodesRound(5);
    expect(Number(await readSummaryVersion(database.db))).toBe(Number(version) + 1);
    await expectRollUpEqualsSummary();
    // Views that miss at once share one summing: each sees the round.
    const [after, alongside] = await Promise.all([
      getQualityIndicators(services, administrator, quarter),
      getQualityIndicators(services, administrator, quarter),
    ]);
    expect(after.total.received).toBe(first.total.received + 5);
    expect(alongside.total).toEqual(after.total);
    expect(after.total.receivedByChannel.portal).toBe(first.total.receivedByChannel.portal + 5);
    expect(after.total.overdueNow).toBe(first.total.overdueNow);
    const rowOf = (view: typeof first, key: string) =>
      view.rows.find((row) => row.key === key)?.indicators.received;
    expect(rowOf(after, 'sk-district')).toBe(rowOf(first, 'sk-district')! + 5);
    const afterDistrict = await getQualityIndicators(services, administrator, district);
    expect(rowOf(afterDistrict, 'sk-archive-a')).toBe(rowOf(firstDistrict, 'sk-archive-a')! + 5);

    // And back: the next view is the first one again, exactly.
    await otherNodesRound(-5);
    expect((await getQualityIndicators(services, administrator, quarter)).total).toEqual(
      first.total,
    );
    expect((await getQualityIndicators(services, administrator, district)).rows).toEqual(
      firstDistrict.rows,
    );
  });

  it('moves the summary version once per round that moves the summary', async () => {
    const registry = await createStaff(database, 'sk-archive-b', region, ['registry_office']);
    clock.set('2013-03-22T04:00:00Z');
    const day = { period: period('2013-03-22') };
    expect((await getQualityIndicators(services, administrator, day)).total.received).toBe(0);
    await submitApplication(services, registry, {
      idempotencyKey: 'monitoring-submit-2',
      serviceCode: 'archive-certificate',
      channel: 'provider_office',
      applicantIin: '900101300007',
      providerOrganisationId: 'sk-archive-b',
      fields: { 'applicant-iin-or-bin': '900101300007', 'archive-certificate-type': 'стаж' },
    });
    const version = Number(await readSummaryVersion(database.db));
    expect((await refreshIndicators(services)).applications).toBe(1);
    expect(Number(await readSummaryVersion(database.db))).toBe(version + 1);
    await expectRollUpEqualsSummary();
    // The day's view was read (and kept) before the round: the round shows on the next view.
    expect((await getQualityIndicators(services, administrator, day)).total.received).toBe(1);
  });
});
