import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAllIndicators } from '../../src/features/monitoring/refresh-indicators.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  administrationTestApp,
  administratorCookie,
  type AdministrationTestApp,
} from '../support/admin-session.js';
import { createOrganisation, regulationCatalog } from '../support/applications.js';
import { testBackend } from '../support/database.js';
import { pdfText } from '../support/documents.js';
import { visibleText } from '../support/every-page.js';
import { channels } from '../../src/domain/regulation/Channel.js';
import { channelLabels, questionLabels } from '../../src/domain/regulation/labels.js';
import { questionnaireAnswers } from '../../src/domain/monitoring/indicators.js';
import { unspecifiedGround } from '../../src/domain/monitoring/contributions.js';
import { listableMeasures } from '../../src/features/monitoring/list-applications-behind.js';
import {
  accepted,
  toAccept,
  writeScriptedApplication,
  type ScriptedEvent,
} from '../support/monitoring.js';

// Issue 18, points 8 and 11, on the monitoring pages: a step (named by its description in the
// regulation) and a refusal ground (the decision question answered "no") are shown by name in
// the page's language — on an English page the regulation's Russian wording, declared
// lang="ru" — and never by the step's id or the question's code; the list behind a refusal
// count names the ground of each application.

const regulationId = 'south-kazakhstan.archive-certificate.2012-12-26';
const region = 'south-kazakhstan';
const kindergartenId = 'south-kazakhstan.kindergarten-queue.2012-12-26';
const retiredService = 'retired-service';
/** The step ids and question codes of the two applications: none may reach a screen. */
const codes = ['verify-signature', 'signature_valid', 'route-request', 'accept', 'decide'];
const period = 'period=2013-Q1';

describe(`the monitoring pages name steps and refusal grounds (issue 18), on ${testBackend}`, () => {
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
  /** The main content's text outside any element declared in another language. */
  const undeclared = (html: string, locale: 'kk' | 'ru' | 'en') =>
    visibleText(html.replace(/^[\s\S]*?<main\b/, '<body><main'), locale);

  beforeAll(async () => {
    const setup = await administrationTestApp({
      start: '2013-03-20T04:00:00Z',
      akimat: { id: 'sk-akimat', regionCode: region },
    });
    ({ database, app } = setup);
    const { services, clock } = setup;
    await createOrganisation(database, {
      id: 'sk-archive-n',
      kind: 'archive',
      regionCode: region,
      parentId: 'sk-akimat',
      nameRu: 'Архив области',
      nameKk: 'Облыс мұрағаты',
    });
    const write = (number: string, events: ScriptedEvent[]) =>
      writeScriptedApplication(services, {
        number,
        regulationId,
        channel: 'provider_office',
        providerOrganisationId: 'sk-archive-n',
        submittedAt: '2013-02-04T04:00:00Z',
        events,
      });
    // N-1: the signature refused at intake. N-2: still waiting at acceptance, past every due.
    await write('N-1', toAccept('2013-02-04', false));
    await write('N-2', toAccept('2013-02-04'));
    // N-3 (the kindergarten queue) and N-4 (the archive certificate): both still at `decide`,
    // past its due — the same step id, worded otherwise by each regulation.
    await writeScriptedApplication(services, {
      number: 'N-3',
      regulationId: kindergartenId,
      channel: 'provider_office',
      providerOrganisationId: 'sk-archive-n',
      submittedAt: '2013-02-04T04:00:00Z',
      events: accepted('2013-02-04'),
    });
    await write('N-4', accepted('2013-02-04'));
    // N-5: issued on time, then the questionnaire answered (a share of the term, two answers).
    await write('N-5', [
      ...accepted('2013-02-04'),
      { type: 'step', stepId: 'decide', answer: true, at: '2013-02-11T04:00:00Z' },
      { type: 'step', stepId: 'sign-result', at: '2013-02-11T04:00:30Z' },
      { type: 'step', stepId: 'issue-result', at: '2013-02-11T04:00:45Z' },
      {
        type: 'questionnaire_answered',
        process: 'satisfied',
        information: 'partially_satisfied',
        at: '2013-02-12T04:00:00Z',
      },
    ]);
    await refreshAllIndicators(services);
    // A count of a service no loaded regulation names (its regulations retired), as the job
    // would have left it, in the summary and its roll-up alike.
    const retired = {
      grain: 'quarter',
      region_code: region,
      period_start: '2013-01-01',
      provider_organisation_id: 'sk-archive-n',
      channel: 'portal',
      measure: 'received',
      detail: '',
      count: 1,
    } as const;
    await database.db
      .insertInto('monitoring_count')
      .values({ ...retired, service_code: retiredService })
      .execute();
    await database.db.insertInto('monitoring_provider_count').values(retired).execute();
    cookie = await administratorCookie(database, 'sk-akimat', clock.now());
  }, 120_000);
  afterAll(async () => database?.close());

  /** The description of `accept` in the provider office's flow of the archive certificate. */
  const acceptStep = {
    kk: 'МАО өтінішті жұмысқа қабылдайды және орындаушыны белгілейді',
    ru: 'Проверка документов, принятие заявления в работу',
  };
  const ground = { kk: 'ЭЦҚ расталды ма?', ru: 'ЭЦП подтверждена?' };

  it('on an English page the steps, the grounds and the providers are the regulation’s Russian words, declared lang="ru"', async () => {
    const overview = await get(`/admin/monitoring?${period}`, 'en');
    expect(overview).toContain(
      `<th scope="row" data-label="Step"><span lang="ru">${acceptStep.ru}</span></th>`,
    );
    expect(overview).toMatch(
      new RegExp(
        `<td data-label="Ground"><span lang="ru">${ground.ru.replace('?', '\\?')}</span> — answered &quot;no&quot;</td>`,
      ),
    );
    const refused = await get(
      `/admin/monitoring/applications?${period}&measure=intake_refused&detail=signature_valid`,
      'en',
    );
    expect(refused).toContain('<th scope="col">Ground</th>');
    expect(refused).toMatch(
      /<tr data-number="N-1">[^]*<span lang="ru">Архив области<\/span>[^]*<span lang="ru">ЭЦП подтверждена\?<\/span> — answered &quot;no&quot;/,
    );
    const late = await get(`/admin/monitoring/applications?${period}&measure=term_violated`, 'en');
    expect(late).toMatch(
      new RegExp(`<tr data-number="N-2">[^]*<span lang="ru">${acceptStep.ru}</span> \\(Head\\)`),
    );
    for (const [name, html] of [
      ['overview', overview],
      ['refusals', refused],
      ['violations', late],
    ] as const)
      expect(undeclared(html, 'en').match(/[а-яёәғқңөұүһі]+/gi) ?? [], name).toEqual([]);
  });

  it.each(['kk', 'ru'] as const)(
    'on a %s page they are in its language, with no other lang and no code',
    async (locale) => {
      const pages = [
        await get(`/admin/monitoring?${period}`, locale),
        await get(
          `/admin/monitoring/applications?${period}&measure=intake_refused&detail=signature_valid`,
          locale,
        ),
        await get(`/admin/monitoring/applications?${period}&measure=term_violated`, locale),
      ];
      expect(pages[0]).toContain(acceptStep[locale]);
      expect(pages[1]).toContain(
        `${ground[locale]} — ${locale === 'kk' ? 'жауабы «жоқ»' : 'ответ «нет»'}`,
      );
      expect(pages[2]).toContain(acceptStep[locale]);
      for (const html of pages) {
        const main = html.slice(html.indexOf('<main'));
        expect(main).not.toMatch(/\slang="(?:ru|kk|en)"/);
        const text = visibleText(main, locale);
        for (const code of codes) expect(text).not.toContain(code);
      }
    },
  );

  /** `decide` in the provider office's flow of each regulation (each words it otherwise). */
  const decideOf = (regulationId: string) => {
    const step = regulationCatalog()
      .getById(regulationId)
      .channels.find((flow) => flow.channel === 'provider_office')!
      .steps.find((candidate) => candidate.id === 'decide')!;
    return step.description;
  };

  it.each(['kk', 'ru'] as const)(
    'names each missed deadline by the step of its own regulation, where two share the step id (%s)',
    async (locale) => {
      const archive = decideOf(regulationId)[locale];
      const kindergarten = decideOf(kindergartenId)[locale];
      expect(archive).not.toBe(kindergarten);
      const overview = await get(`/admin/monitoring?${period}`, locale);
      // The missed step deadlines: one row a regulation's `decide`, each with its own words.
      const table = /<table[^>]*id="step-overdue"[^]*?<\/table>/.exec(overview)?.[0] ?? '';
      const rows = [...table.matchAll(/<tr>([^]*?)<\/tr>/g)].map((row) => row[1]!);
      const rowOf = (name: string) => rows.filter((row) => row.includes(`>${name}</th>`));
      expect(rowOf(archive)).toHaveLength(1);
      expect(rowOf(kindergarten)).toHaveLength(1);
      // Each row says its service and channel too (two services may word a step alike).
      const serviceOf = (id: string) => regulationCatalog().getById(id).name[locale];
      const office =
        locale === 'kk' ? channelLabels.provider_office.kk : channelLabels.provider_office.ru;
      expect(rowOf(archive)[0]).toContain(
        `<td data-label="${locale === 'kk' ? 'Қызмет' : 'Услуга'}">${serviceOf(regulationId)}</td>`,
      );
      expect(rowOf(kindergarten)[0]).toContain(`>${serviceOf(kindergartenId)}</td>`);
      for (const name of [archive, kindergarten])
        expect(rowOf(name)[0]).toContain(`>${office}</td>`);
      // Each row links to its own applications, named as in the row.
      for (const [name, number, other] of [
        [archive, 'N-4', kindergarten],
        [kindergarten, 'N-3', archive],
      ] as const) {
        const href = /href="([^"]+)"/.exec(rowOf(name)[0]!)![1]!.replaceAll('&amp;', '&');
        const list = await get(href, locale);
        expect([...list.matchAll(/data-number="([^"]+)"/g)].map((match) => match[1])).toEqual([
          number,
        ]);
        expect(list).toContain(name);
        expect(list).not.toContain(other);
      }
      // The term violations' list names N-3 and N-4 each by its own regulation's step.
      const late = await get(
        `/admin/monitoring/applications?${period}&measure=term_violated`,
        locale,
      );
      expect(late).toMatch(
        new RegExp(`<tr data-number="N-3">(?:(?!</tr>)[^])*${escape(kindergarten)}`),
      );
      expect(late).toMatch(new RegExp(`<tr data-number="N-4">(?:(?!</tr>)[^])*${escape(archive)}`));
      // So does the quarterly report (the one lookup, issue 20): each number with its own step.
      const response = await app.request(`/admin/monitoring/report.pdf?${period}&lang=${locale}`, {
        headers: { cookie },
      });
      expect(response.status).toBe(200);
      const report = pdfText(new Uint8Array(await response.arrayBuffer())).replace(/\s+/g, ' ');
      const flat = (text: string) => text.replace(/\s+/g, ' ');
      expect(report).toContain(`N-4 (${flat(archive)} — `);
      // The archive's words stand once (N-4's); N-3's cell holds the kindergarten queue's words,
      // which pdftotext may interleave with the wrapped service cell beside it (or break at a hyphen).
      expect(report.split(flat(archive))).toHaveLength(2);
      const start = report.indexOf('N-3 (') + 'N-3 ('.length;
      const words = (text: string) => text.split(/[\s-]+/).filter(Boolean);
      const cell = words(report.slice(start, report.indexOf(' — ', start)));
      expect(start).toBeGreaterThan(4);
      for (const word of words(kindergarten)) expect(cell).toContain(word);
    },
  );

  it('gives every CSV cell a name in kk, ru and en: no code of a step, ground, role, answer, service, organisation or measure', async () => {
    const catalog = regulationCatalog();
    const stepIds = [regulationId, kindergartenId].flatMap((id) =>
      catalog.getById(id).channels.flatMap((flow) => flow.steps.map((step) => step.id)),
    );
    /** Codes: ids, measures, questions, channels, answers (role codes: no Latin in kk/ru below). */
    const codes = [
      ...new Set([
        ...stepIds,
        regulationId,
        kindergartenId,
        'archive-certificate',
        'kindergarten-queue',
        retiredService,
        'sk-archive-n',
        'sk-akimat',
        ...listableMeasures,
        ...Object.keys(questionLabels),
        ...channels,
        ...questionnaireAnswers,
        unspecifiedGround,
      ]),
    ];
    const tables = [
      'table=indicators',
      'table=breakdown',
      'table=breakdown&district=region-level',
      'table=breakdown&district=region-level&provider=sk-archive-n',
      ...listableMeasures.map((measure) => `table=applications&measure=${measure}`),
    ];
    const csvOf = async (table: string, locale: 'kk' | 'ru' | 'en') => {
      const response = await app.request(
        `/admin/monitoring.csv?${period}&${table}&lang=${locale}`,
        {
          headers: { cookie },
        },
      );
      expect(response.status, table).toBe(200);
      return response.text();
    };
    let rows = 0;
    for (const locale of ['kk', 'ru', 'en'] as const) {
      for (const table of tables) {
        const csv = await csvOf(table, locale);
        rows += csv.split('\r\n').filter(Boolean).length - 1;
        // An English page may say "satisfied": there, codes that are plain English words are
        // left to the Kazakh and Russian checks (no Latin at all).
        for (const code of codes.filter((code) => locale !== 'en' || !/^[a-z]+$/.test(code))) {
          expect(csv, `${locale} ${table}: ${code}`).not.toMatch(
            new RegExp(`(^|[^a-z_-])${escape(code)}($|[^a-z_-])`, 'm'),
          );
        }
        // In Kazakh and Russian no Latin word at all: every code is one (N-1… are numbers).
        if (locale !== 'en') {
          expect(csv.replace(/\bN-\d\b/g, ''), `${locale} ${table}`).not.toMatch(/[a-z]/i);
        }
      }
    }
    // The lists were not empty: every kind of name was asked for.
    expect(rows).toBeGreaterThan(3 * 20);
    expect(
      await csvOf('table=breakdown&district=region-level&provider=sk-archive-n', 'kk'),
    ).toContain('атауы жоқ қызмет');
    expect(await csvOf('table=applications&measure=questionnaire_process', 'kk')).toMatch(
      /Жауап\r\n[^]*N-5,[^]*,қанағаттанды\r\n/,
    );
    const late = await csvOf('table=applications&measure=term_violated', 'kk');
    expect(late).toContain(decideOf(kindergartenId).kk);
    expect(late).toContain(decideOf(regulationId).kk);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
