import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAllIndicators } from '../../src/features/monitoring/refresh-indicators.js';
import { monitoringText } from '../../src/http/web/admin/monitoring-texts.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  administrationTestApp,
  administratorCookie,
  type AdministrationTestApp,
} from '../support/admin-session.js';
import { createOrganisation } from '../support/applications.js';
import { testBackend } from '../support/database.js';
import { accepted, toAccept, writeScriptedApplication } from '../support/monitoring.js';

// The review of issue 20: the on-time chart drew its text scaled to the column's width (one bar
// with no value: its label at several times the page's size), and a bar without a value showed
// a bare "—". The chart's text now has one size whatever the number of bars, and a bar without
// a value says "no data" in the page's language.

const regulationId = 'south-kazakhstan.archive-certificate.2012-12-26';
const region = 'south-kazakhstan';
const period = 'period=2013-Q1';

describe(`the on-time chart of the monitoring overview, on ${testBackend}`, () => {
  let database: DatabaseHandle;
  let app: AdministrationTestApp['app'];
  let cookie = '';

  const get = async (path: string, locale: 'kk' | 'ru' | 'en') => {
    const response = await app.request(`${path}&lang=${locale}`, {
      headers: { accept: 'text/html', cookie },
    });
    expect(response.status, path).toBe(200);
    return response.text();
  };
  /** The chart's svg element: its opening tag and its bars (key, value, texts). */
  const chartOf = (html: string) => {
    const svg = /<svg[^>]*class="on-time-chart"[^>]*>[^]*?<\/svg>/.exec(html)?.[0] ?? '';
    const tag = /^<svg[^>]*>/.exec(svg)?.[0] ?? '';
    const bars = [...svg.matchAll(/<g data-key="([^"]*)" data-value="([^"]*)"[^>]*>([^]*?)<\/g>/g)];
    return {
      tag,
      svg,
      bars: bars.map(([, key, value, body]) => ({
        key,
        value,
        texts: [...body!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]),
      })),
    };
  };

  beforeAll(async () => {
    const setup = await administrationTestApp({
      start: '2013-03-20T04:00:00Z',
      akimat: { id: 'sk-akimat', regionCode: region },
    });
    ({ database, app } = setup);
    const { services, clock } = setup;
    // Three districts, each with an archive: two finished an application, one has nothing
    // finished (no on-time share).
    for (const [index, name] of ['Береке', 'Жетісу', 'Ақжол'].entries()) {
      await createOrganisation(database, {
        id: `sk-district-${index}`,
        kind: 'district_akimat',
        regionCode: region,
        parentId: 'sk-akimat',
        nameRu: `Акимат района "${name}"`,
        nameKk: `${name} ауданының әкімдігі`,
      });
      await createOrganisation(database, {
        id: `sk-archive-${index}`,
        kind: 'archive',
        regionCode: region,
        parentId: `sk-district-${index}`,
        nameRu: `Архив района "${name}"`,
        nameKk: `${name} ауданының мұрағаты`,
      });
      await writeScriptedApplication(services, {
        number: `C-${index}`,
        regulationId,
        channel: 'provider_office',
        providerOrganisationId: `sk-archive-${index}`,
        submittedAt: '2013-02-04T04:00:00Z',
        events:
          index === 2
            ? toAccept('2013-02-04')
            : [
                ...accepted('2013-02-04'),
                { type: 'step', stepId: 'decide', answer: true, at: '2013-02-11T04:00:00Z' },
                { type: 'step', stepId: 'sign-result', at: '2013-02-11T04:00:30Z' },
                { type: 'step', stepId: 'issue-result', at: '2013-02-11T04:00:45Z' },
              ],
      });
    }
    await refreshAllIndicators(services);
    cookie = await administratorCookie(database, 'sk-akimat', clock.now());
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('keeps its text at one size: no scaling to the column, a fixed height per bar', async () => {
    const region = chartOf(await get(`/admin/monitoring?${period}`, 'ru'));
    const district = chartOf(await get(`/admin/monitoring?${period}&district=sk-district-2`, 'ru'));
    expect(region.bars.map((bar) => bar.key).sort()).toEqual([
      'sk-district-0',
      'sk-district-1',
      'sk-district-2',
    ]);
    expect(district.bars.map((bar) => bar.key)).toEqual(['sk-archive-2']);
    for (const chart of [region, district]) {
      // Without a viewBox an SVG's units are CSS pixels: its text is drawn at its font size
      // whatever the width of the column.
      expect(chart.tag).not.toMatch(/viewBox/i);
      expect(chart.tag).toMatch(/ font-size="13"/);
      expect(chart.svg).not.toMatch(/<text[^>]* font-size=/);
    }
    const heightOf = (tag: string) => Number(/ height="(\d+)"/.exec(tag)?.[1]);
    // The same height for every bar: three bars take three times what one takes.
    expect(heightOf(region.tag) - heightOf(district.tag)).toBe(2 * (heightOf(district.tag) - 4));
    expect(heightOf(district.tag)).toBeLessThan(60);
  });

  for (const locale of ['kk', 'ru', 'en'] as const) {
    it(`says "no data" on a bar without a value, in the page language (${locale})`, async () => {
      const html = await get(`/admin/monitoring?${period}&district=sk-district-2`, locale);
      const [bar] = chartOf(html).bars;
      expect(bar).toMatchObject({ key: 'sk-archive-2', value: '' });
      expect(bar!.texts).toEqual([
        { kk: 'Ақжол ауданының мұрағаты', ru: 'Архив района "Ақжол"', en: 'Архив района "Ақжол"' }[
          locale
        ].replaceAll('"', '&quot;'),
        monitoringText.chartNoValue[locale],
      ]);
      // The region's bars: two with their share, the third without.
      const region = chartOf(await get(`/admin/monitoring?${period}`, locale)).bars;
      expect(
        region
          .sort((left, right) => left.key!.localeCompare(right.key!))
          .map((each) => [each.value, each.texts[1]]),
      ).toEqual([
        ['100', '100'],
        ['100', '100'],
        ['', monitoringText.chartNoValue[locale]],
      ]);
    });
  }
});
