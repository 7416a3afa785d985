import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAllIndicators } from '../../src/features/monitoring/refresh-indicators.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  administrationTestApp,
  administratorCookie,
  type AdministrationTestApp,
} from '../support/admin-session.js';
import { createOrganisation } from '../support/applications.js';
import { testBackend } from '../support/database.js';
import { pdfPages, pdfText } from '../support/documents.js';
import {
  accepted,
  toAccept,
  writeScriptedApplication,
  type ScriptedEvent,
} from '../support/monitoring.js';

const regulationId = 'south-kazakhstan.archive-certificate.2012-12-26';
const region = 'south-kazakhstan';
/** Issue 20: the administration's quality pages, drill-down, lists and CSV. */
describe(`quality monitoring pages on ${testBackend}`, () => {
  let database: DatabaseHandle;
  let app: AdministrationTestApp['app'];
  let cookie = '';

  const request = (path: string, language = 'ru') =>
    app.request(path, {
      headers: { accept: 'text/html', 'accept-language': language, cookie },
    });

  beforeAll(async () => {
    const setup = await administrationTestApp({
      start: '2013-03-20T04:00:00Z',
      akimat: { id: 'sk-akimat', regionCode: region },
    });
    ({ database, app } = setup);
    const { services, clock } = setup;
    await createOrganisation(database, {
      id: 'sk-district',
      kind: 'district_akimat',
      regionCode: region,
      parentId: 'sk-akimat',
      nameRu: 'Акимат района "Береке", Север',
      nameKk: 'Береке ауданының әкімдігі',
    });
    await createOrganisation(database, {
      id: 'sk-archive-a',
      kind: 'archive',
      regionCode: region,
      parentId: 'sk-district',
      nameRu: 'Архив района',
      nameKk: 'Аудан мұрағаты',
    });
    // One on time, one late at the decision, one still waiting past its term.
    const write = (number: string, events: ScriptedEvent[]) =>
      writeScriptedApplication(services, {
        number,
        regulationId,
        channel: 'provider_office',
        providerOrganisationId: 'sk-archive-a',
        submittedAt: '2013-02-04T04:00:00Z',
        events,
      });
    await write('W-1', [
      ...accepted('2013-02-04'),
      { type: 'step', stepId: 'decide', answer: true, at: '2013-02-11T04:00:00Z' },
      { type: 'step', stepId: 'sign-result', at: '2013-02-11T04:00:30Z' },
      { type: 'step', stepId: 'issue-result', at: '2013-02-11T04:00:45Z' },
    ]);
    await write('W-2', [
      ...accepted('2013-02-04'),
      { type: 'step', stepId: 'decide', answer: true, at: '2013-03-12T04:00:00Z' },
      { type: 'step', stepId: 'sign-result', at: '2013-03-12T04:00:30Z' },
      { type: 'step', stepId: 'issue-result', at: '2013-03-12T04:00:45Z' },
    ]);
    await write('W-3', toAccept('2013-02-04'));
    await refreshAllIndicators(services);

    cookie = await administratorCookie(database, 'sk-akimat', clock.now());
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  const valueOf = (html: string, measure: string) =>
    new RegExp(`data-measure="${measure}"[^]*?data-value="([^"]*)"`).exec(html)?.[1];

  it('shows the region overview with the exact numbers, a chart equal to its table', async () => {
    const response = await request('/admin/monitoring?period=2013-Q1');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(valueOf(html, 'received')).toBe('3');
    expect(valueOf(html, 'completed')).toBe('2');
    expect(valueOf(html, 'completed_on_time')).toBe('1');
    expect(valueOf(html, 'term_violated')).toBe('2');
    expect(valueOf(html, 'overdue_now')).toBe('1');
    // The chart's bar and the breakdown table's on-time cell say the same: 50 %.
    expect(html).toMatch(/<g data-key="sk-district" data-value="50">/);
    expect(html).toMatch(/<svg[^>]*role="img"/);
    const row = /<tr data-key="sk-district">([^]*?)<\/tr>/.exec(html)?.[1] ?? '';
    expect([...row.matchAll(/data-value="([^"]*)"/g)].map((match) => match[1])).toEqual([
      '3',
      '2',
      '50',
      '1',
      '2',
      expect.any(String),
      '0',
      '0',
      '0',
      '',
    ]);
    // The drill-down link keeps the period in the URL.
    expect(html).toContain('href="/admin/monitoring?period=2013-Q1&amp;district=sk-district"');
    // The violations are named by step and role, never by code.
    expect(html).toContain('Ответственный исполнитель');
    expect(html).not.toContain('decide|executor');
  });

  it('drills down to the provider and lists the applications behind a number', async () => {
    const district = await (
      await request('/admin/monitoring?period=2013-Q1&district=sk-district')
    ).text();
    expect(district).toContain('<tr data-key="sk-archive-a">');
    const list = await (
      await request('/admin/monitoring/applications?period=2013-Q1&measure=term_violated')
    ).text();
    expect([...list.matchAll(/data-number="([^"]+)"/g)].map((match) => match[1])).toEqual([
      'W-2',
      'W-3',
    ]);
    expect(list).not.toContain('900101300007');
  });

  it('exports a table as CSV: BOM, quoting, the page language', async () => {
    const response = await request('/admin/monitoring.csv?period=2013-Q1&table=breakdown', 'kk');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes.slice(3));
    const lines = csv.split('\r\n');
    expect(lines[0]!.startsWith('Атауы,')).toBe(true);
    expect(lines[1]).toBe(
      'Береке ауданының әкімдігі,3,2,50,1,2,' + lines[1]!.split(',')[6] + ',0,0,0,',
    );
    const ru = await (
      await request('/admin/monitoring.csv?period=2013-Q1&table=breakdown', 'ru')
    ).text();
    // A name with a comma and quotes is quoted, its quotes doubled.
    expect(ru).toContain('"Акимат района ""Береке"", Север",3,2,50');
  });

  it('gives the quarterly report of term violations as a PDF: by service and provider, with the numbers', async () => {
    const page = await (await request('/admin/monitoring?period=2013-02')).text();
    // The overview links the report of the view's quarter.
    expect(page).toContain('href="/admin/monitoring/report.pdf?period=2013-Q1"');
    const response = await request('/admin/monitoring/report.pdf?period=2013-Q1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="term-violations-2013-Q1.pdf"',
    );
    const pdf = new Uint8Array(await response.arrayBuffer());
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Квартальный отчёт о нарушениях сроков оказания государственных услуг');
    expect(text).toContain('Регион: Южно-Казахстанская (Туркестанская) область');
    expect(text).toContain('1-й квартал 2013 года (2013-01-01 — 2013-03-31)');
    expect(text).toContain('Поступило заявлений: 3');
    expect(text).toContain('Оказано услуг: 2');
    expect(text).toContain('Нарушений сроков, всего: 2');
    expect(text).toContain('Нарушения сроков по услугам и услугодателям (1):');
    expect(text).toContain('Архив района');
    // The two violations by number, each with the role that held it when the term passed.
    expect(text).toMatch(/W-2 \([^)]*— Ответственный исполнитель\); W-3 \([^)]*— Руководитель/);
    // An honest report: every page says nobody signed it; no signature stamp, no personal data.
    for (const pageText of pdfPages(pdf)) {
      expect(pageText).toContain('электронной подписью не подписан');
    }
    expect(text).not.toContain('Подписано электронной цифровой подписью');
    expect(text).not.toContain('900101300007');
    expect(text).not.toMatch(/term_violated|decide\|executor|archive-certificate/);

    const kk = pdfText(
      new Uint8Array(
        await (await request('/admin/monitoring/report.pdf?period=2013-Q1', 'kk')).arrayBuffer(),
      ),
    ).replace(/\s+/g, ' ');
    expect(kk).toContain('2013 жылғы 1-тоқсан (2013-01-01 — 2013-03-31)');
    expect(kk).toContain('Аудан мұрағаты');
    expect(kk).toContain('электрондық қолтаңбамен қол қойылмаған');
  });

  it('refuses a report of anything but a quarter with a localised 422', async () => {
    for (const query of ['period=2013', 'period=2013-02', 'period=2013-Q5']) {
      const response = await request(`/admin/monitoring/report.pdf?${query}`, 'kk');
      expect(response.status, query).toBe(422);
      expect(await response.text()).not.toMatch(/validation_failed|invalid_period/);
    }
  });

  it('refuses a malformed filter with a localised 422 that changes nothing', async () => {
    for (const query of [
      'period=2013-Q7',
      'period=1999',
      'channel=fax',
      `district=${'x'.repeat(101)}`,
    ]) {
      const response = await request(`/admin/monitoring?${query}`, 'kk');
      expect(response.status, query).toBe(422);
      expect(await response.text()).not.toMatch(/validation_failed|invalid_period/);
    }
  });

  it('is not shown to anyone but administrators', async () => {
    const anonymous = await app.request('/admin/monitoring?period=2013-Q1', {
      headers: { accept: 'text/html' },
    });
    expect([302, 303, 401]).toContain(anonymous.status);
  });
});
