import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldApplication } from '../../src/domain/application/fold.js';
import { elapsedWorkingTime } from '../../src/domain/calendar/index.js';
import { clockOf } from '../../src/engine/application-services.js';
import { refreshAllIndicators } from '../../src/features/monitoring/refresh-indicators.js';
import { OpenQualityData } from '../../src/http/api/v1/schemas.js';
import { listEvents } from '../../src/storage/application.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { administrationTestApp, type AdministrationTestApp } from '../support/admin-session.js';
import { createOrganisation } from '../support/applications.js';
import { testBackend } from '../support/database.js';
import { accepted, toAccept, writeScriptedApplication } from '../support/monitoring.js';

const regulationId = 'south-kazakhstan.archive-certificate.2012-12-26';
const region = 'south-kazakhstan';
const applicantIin = '900101300007';

/**
 * Issue 20, open data: the public page and JSON of the on-time rate, the median duration and the
 * satisfaction per region and service, from a known set of applications (the approach of
 * quality-indicators.refresh.exact), exactly, and without any personal data.
 */
describe(`open data of the quality of services on ${testBackend} (issue 20)`, () => {
  let database: DatabaseHandle;
  let services: AdministrationTestApp['services'];
  let app: AdministrationTestApp['app'];
  const ids: Record<string, string> = {};

  const request = (path: string, language = 'ru') =>
    app.request(path, { headers: { accept: 'text/html', 'accept-language': language } });

  beforeAll(async () => {
    ({ database, services, app } = await administrationTestApp({
      start: '2013-03-20T04:00:00Z',
      akimat: { id: 'sk-akimat', regionCode: region },
    }));
    await createOrganisation(database, {
      id: 'sk-archive-a',
      kind: 'archive',
      regionCode: region,
      parentId: 'sk-akimat',
    });
    await createOrganisation(database, { id: 'sk-fo', kind: 'front_office', regionCode: region });
    await createOrganisation(database, {
      id: 'kst-school',
      kind: 'school',
      regionCode: 'kostanay',
    });

    const write = (
      key: string,
      input: Omit<Parameters<typeof writeScriptedApplication>[1], 'regulationId' | 'number'> & {
        regulationId?: string;
      },
    ) =>
      writeScriptedApplication(services, {
        regulationId,
        ...input,
        number: `Q-OPEN-${key}`,
      }).then((id) => (ids[key] = id));
    // On time at the front office; questionnaire satisfied and satisfied (12 February).
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
    // Late (12 March); questionnaire not satisfied and partially (12 March).
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
      ],
    });
    // A reasoned refusal on time (20 February).
    await write('refused', {
      channel: 'provider_office',
      providerOrganisationId: 'sk-archive-a',
      submittedAt: '2013-02-04T04:00:00Z',
      events: [
        ...accepted('2013-02-04'),
        { type: 'step', stepId: 'decide', answer: false, at: '2013-02-20T04:00:00Z' },
        { type: 'step', stepId: 'draft-refusal', at: '2013-02-20T04:00:10Z' },
        { type: 'step', stepId: 'sign-refusal', at: '2013-02-20T04:00:20Z' },
        { type: 'step', stepId: 'issue-refusal', at: '2013-02-20T04:00:30Z' },
      ],
    });
    // Refused at intake (not "completed"), and one still open past its term.
    await write('intake-refused', {
      channel: 'provider_office',
      providerOrganisationId: 'sk-archive-a',
      submittedAt: '2013-02-04T04:00:00Z',
      events: toAccept('2013-02-04', false),
    });
    await write('open', {
      channel: 'provider_office',
      providerOrganisationId: 'sk-archive-a',
      submittedAt: '2013-02-05T04:00:00Z',
      events: toAccept('2013-02-05'),
    });
    // A sandbox application: never counted.
    await write('sandbox', {
      channel: 'provider_office',
      providerOrganisationId: 'sk-archive-a',
      submittedAt: '2013-02-06T04:00:00Z',
      events: toAccept('2013-02-06'),
      clockOffsetMs: -1_000_000,
    });
    // Another region: one application received, nothing completed or answered.
    await write('kostanay', {
      regulationId: 'kostanay.duplicates.2018-12-21',
      channel: 'provider_office',
      providerOrganisationId: 'kst-school',
      submittedAt: '2013-02-06T04:00:00Z',
      events: [],
    });
    expect(await refreshAllIndicators(services)).toBe(7);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  /** The share of the term used, from the calendar, for the expected median. */
  async function shareOf(key: string): Promise<number> {
    const events = await listEvents(database.db, ids[key]!);
    const regulation = services.regulations.getById(regulationId);
    const first = events[0]!;
    const provider = first.type === 'submitted' ? first.providerOrganisationId : '';
    const frontOffice = first.type === 'submitted' ? first.frontOfficeId : undefined;
    const { clock: applicationClock } = await clockOf(services, database.db, provider, frontOffice);
    const state = foldApplication(regulation, events, applicationClock);
    const used = elapsedWorkingTime(applicationClock.provider, state.submittedAt, state.endedAt!);
    const term = elapsedWorkingTime(applicationClock.provider, state.submittedAt, state.dueAt);
    return Math.floor((used * 100) / term);
  }

  it('publishes the quarter per region and service exactly, as JSON anyone may read', async () => {
    const response = await app.request('/api/v1/open-data/quality?period=2013-Q1');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const text = await response.text();
    const data = OpenQualityData.parse(JSON.parse(text));
    const shares = await Promise.all(['on-time', 'late', 'refused'].map(shareOf));
    expect(shares[0]).toBeLessThan(100);
    expect(shares[1]).toBeGreaterThan(100);
    const median = [...shares].sort((a, b) => a - b)[1]!;
    // (5 + 5 + 1 + 3) / 4 answers = 3.5
    const southKazakhstan = {
      received: 5,
      completed: 3,
      completedOnTime: 2,
      onTimePercent: 66.7,
      medianDurationPercentOfTerm: median,
      satisfactionScore: 3.5,
      questionnairesAnswered: 2,
    };
    const kostanay = {
      received: 1,
      completed: 0,
      completedOnTime: 0,
      onTimePercent: null,
      medianDurationPercentOfTerm: null,
      satisfactionScore: null,
      questionnairesAnswered: 0,
    };
    expect(data).toEqual({
      period: '2013-Q1',
      from: '2013-01-01',
      to: '2013-04-01',
      regions: [
        {
          regionCode: 'kostanay',
          regionName: {
            kk: 'Қостанай облысы',
            ru: 'Костанайская область',
            en: 'Kostanay region',
          },
          total: kostanay,
          services: [
            {
              serviceCode: 'duplicates',
              serviceName: services.regulations.getById('kostanay.duplicates.2018-12-21').name,
              ...kostanay,
            },
          ],
        },
        {
          regionCode: region,
          regionName: services.regulations.vocabulary.findRegion(region)!.name,
          total: southKazakhstan,
          services: [
            {
              serviceCode: 'archive-certificate',
              serviceName: services.regulations.getById(regulationId).name,
              ...southKazakhstan,
            },
          ],
        },
      ],
    });
    // No person and no application: no IIN, no application number.
    expect(text).not.toContain(applicantIin);
    expect(text).not.toContain('Q-OPEN');
    expect(text).not.toMatch(/\d{12}/);
  });

  it('counts each figure in the month it happened, and filters by region', async () => {
    const february = OpenQualityData.parse(
      await (await app.request(`/api/v1/open-data/quality?period=2013-02&region=${region}`)).json(),
    );
    expect(february.regions.map((entry) => entry.regionCode)).toEqual([region]);
    expect(february.regions[0]!.total).toEqual({
      received: 5,
      completed: 2,
      completedOnTime: 2,
      onTimePercent: 100,
      medianDurationPercentOfTerm: Math.min(
        ...(await Promise.all(['on-time', 'refused'].map(shareOf))),
      ),
      satisfactionScore: 5,
      questionnairesAnswered: 1,
    });
    const march = OpenQualityData.parse(
      await (await app.request(`/api/v1/open-data/quality?period=2013-03&region=${region}`)).json(),
    );
    expect(march.regions[0]!.total).toMatchObject({
      received: 0,
      completed: 1,
      completedOnTime: 0,
      onTimePercent: 0,
      medianDurationPercentOfTerm: await shareOf('late'),
      satisfactionScore: 2,
      questionnairesAnswered: 1,
    });
    const nothing = OpenQualityData.parse(
      await (await app.request('/api/v1/open-data/quality?period=2012')).json(),
    );
    expect(nothing.regions).toEqual([]);
  });

  it('shows the same figures on a public page in kk, ru and en, without personal data', async () => {
    const expected = { kk: ['66,7', '3,5'], ru: ['66,7', '3,5'], en: ['66.7', '3.5'] } as const;
    for (const language of ['kk', 'ru', 'en'] as const) {
      const response = await request('/open-data/quality?period=2013-Q1', language);
      expect(response.status).toBe(200);
      const html = await response.text();
      const row = /<tr data-service="archive-certificate">([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? '';
      const cells = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((match) => match[1]);
      expect(cells).toEqual([
        '5',
        '3',
        expected[language][0],
        String(
          [...(await Promise.all(['on-time', 'late', 'refused'].map(shareOf)))].sort(
            (a, b) => a - b,
          )[1],
        ),
        expected[language][1],
        '2',
      ]);
      expect(html).toContain(
        services.regulations.vocabulary.findRegion('kostanay')!.name[language],
      );
      expect(html).toContain('href="/api/v1/open-data/quality?period=2013-Q1"');
      expect(html).not.toContain(applicantIin);
      expect(html).not.toContain('Q-OPEN');
    }
    // The catalogue links to it.
    expect(await (await request('/services')).text()).toContain('href="/open-data/quality"');
  });

  it('refuses a malformed period or region with a localised error, and an unknown region', async () => {
    for (const query of [
      'period=2013-Q7',
      'period=1999',
      'period=' + 'x'.repeat(11),
      'region=A%20B',
    ]) {
      const response = await app.request(`/api/v1/open-data/quality?${query}`, {
        headers: { 'accept-language': 'kk' },
      });
      expect(response.status, query).toBe(422);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.message).not.toMatch(/[A-Za-z]{4,}/);
    }
    expect((await app.request('/api/v1/open-data/quality?region=atlantis')).status).toBe(404);
    for (const language of ['kk', 'ru'] as const) {
      const page = await request('/open-data/quality?period=2013-Q9', language);
      expect(page.status).toBe(422);
      expect(await page.text()).not.toMatch(/validation_failed|invalid_period/);
    }
  });
});
