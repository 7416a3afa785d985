// Issue 18, points 4 and 8: every page, in kk, ru and en, says nothing in internal codes and
// no English role name on a Kazakh or Russian page. The pages are the GET routes of the
// application's own route table (not a hand list): a new page is rendered here as soon as it
// is mounted, and a new page with a path parameter fails below until it names a sample.
import fs from 'node:fs';
import type { Hono } from 'hono';
import { fromRoot } from '../../src/config/paths.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCitizen, demoPassword, demoStaffIin } from '../../src/features/demo/demo-accounts.js';
import { listServiceProviders } from '../../src/features/portal/list-service-providers.js';
import { savePortalDraft } from '../../src/features/portal/save-portal-draft.js';
import { loadApplicationServices } from '../../src/engine/load-application-services.js';
import { logInStaff } from '../../src/features/identity/log-in-staff.js';
import type { StaffRole } from '../../src/domain/shared/roles.js';
import type { Locale } from '../../src/domain/shared/locale.js';
import type { AppEnv } from '../../src/http/app-env.js';
import { sessionCookieName } from '../../src/http/session-cookie.js';
import { testBackend } from '../support/database.js';
import { generateIin } from '../../src/domain/identity/identity-number-generator.js';
import { publishPlaces } from '../../src/features/preschool-queue/publish-places.js';
import { queueServicesOf } from '../../src/features/preschool-queue/queue-services.js';
import { registerChild } from '../../src/features/preschool-queue/register-child.js';
import { findLeaks, visibleText } from '../support/every-page.js';
import { startWebTestServer, type WebTestServer } from '../support/web.js';

const locales: readonly Locale[] = ['kk', 'ru', 'en'];

/** Who opens a page: nobody signed in, the demo citizen, or a demo staff member. */
type Visitor =
  | { kind: 'anonymous' }
  | { kind: 'citizen' }
  | { kind: 'staff'; organisationId: string; role: StaffRole };

interface Visit {
  readonly url: string;
  /** The route of the table it samples (set when the visits are listed). */
  readonly route?: string;
  readonly visitor: Visitor;
}

const anonymous: Visitor = { kind: 'anonymous' };
const citizen: Visitor = { kind: 'citizen' };
const staff = (organisationId: string, role: StaffRole): Visitor => ({
  kind: 'staff',
  organisationId,
  role,
});

/** Routes that answer files, not pages (PDFs, uploads, scripts, diagrams). */
const files = new Set([
  '/assets/:name',
  '/favicon.ico',
  '/documents/:file{[0-9a-fA-F-]{36}\\.pdf}',
  '/back-office/applications/:id/drafts/:file',
  '/back-office/applications/:id/uploads/:upload{[0-9a-fA-F-]{36}}',
  '/admin/regulations/:id/diagram.svg',
  '/admin/monitoring.csv',
  '/admin/monitoring/report.pdf',
]);

describe(`every page in kk, ru and en on ${testBackend}`, () => {
  let server: WebTestServer;
  let app: Hono<AppEnv>;
  const cookies = new Map<string, string>();

  const db = () => server.database.db;

  /** A well-formed challenge id (the code pages show their form for any). */
  const someChallenge = '00000000-0000-4000-8000-000000000000';

  /** Pages that show their content only with a query: the query to open them with. */
  const queries: Record<string, string> = {
    // Set by the sample of '/cabinet/queue/offers/:id' (sorted before it): the slip it made.
    '/queue/position': '?number=Q-0000-0000-00',
    '/login/code': `?challenge=${someChallenge}&phone=%2B7701%2A%2A%2A0001`,
    '/register/code': `?challenge=${someChallenge}&iin=${demoCitizen.iin}&phone=%2B7701%2A%2A%2A0001`,
  };

  /** A draft of the demo citizen on a regulation the portal offers today (started once). */
  let draftsMade: { id: string; regulationId: string }[] | undefined;
  const drafts = async () => {
    if (draftsMade) return draftsMade;
    const services = await loadApplicationServices(db(), () => new Date());
    const account = await db()
      .selectFrom('citizen_account')
      .select(['id', 'phone'])
      .where('iin', '=', demoCitizen.iin)
      .executeTakeFirstOrThrow();
    const regulations = await db()
      .selectFrom('application')
      .select('regulation_id')
      .distinct()
      .orderBy('regulation_id')
      .execute();
    draftsMade = [];
    for (const { regulation_id: regulationId } of regulations) {
      // Only a regulation the portal offers today takes a draft; the first two that do.
      if (draftsMade.length >= 2) break;
      try {
        const { providers, frontOffices } = await listServiceProviders(services, regulationId);
        const { draftId } = await savePortalDraft(
          services,
          { accountId: account.id, iin: demoCitizen.iin, phone: account.phone },
          {
            regulationId,
            providerOrganisationId: providers[0]?.id ?? '',
            frontOfficeId: frontOffices[0]?.id ?? '',
            fields: {},
            language: 'ru',
          },
        );
        draftsMade.push({ id: draftId, regulationId });
      } catch {
        // not offered on the portal today
      }
    }
    return draftsMade;
  };

  /** The visitors a page without parameters is shown to, by its workspace. */
  const visitorsOf = (path: string): Visitor[] => {
    if (path.startsWith('/cabinet') || path.startsWith('/apply')) return [citizen];
    // The kindergarten queue's places and statistics: the demo district's department.
    if (
      path === '/back-office/kindergarten-places' ||
      path === '/back-office/queue-statistics' ||
      path === '/back-office/queue-privileges'
    )
      return [
        staff('sko-education-shymkent', 'head'),
        staff('sko-education-shymkent', 'executor'),
        staff('kst-demo-school', 'head'),
      ];
    if (path.startsWith('/back-office'))
      return [
        staff('kst-demo-school', 'head'),
        staff('kst-demo-school', 'executor'),
        staff('kst-demo-school', 'registry_office'),
        staff('sko-employment', 'commission_member'),
      ];
    if (path.startsWith('/front-office'))
      return [
        staff('kst-front-office', 'front_office_operator'),
        staff('kst-front-office', 'courier'),
      ];
    if (path.startsWith('/admin')) return [staff('kst-akimat', 'region_administrator')];
    return [anonymous, citizen];
  };

  /** One application per status (and channel) matching `where`, the widest sample of pages. */
  const applicationsByStatus = async (onlyFrontOffice: boolean) => {
    let query = db()
      .selectFrom('application')
      .select(['id', 'status', 'channel', 'provider_organisation_id', 'front_office_id'])
      .orderBy('number');
    if (onlyFrontOffice) query = query.where('front_office_id', 'is not', null);
    const rows = await query.execute();
    const seen = new Set<string>();
    return rows.filter((row) => {
      const key = `${row.status}/${row.channel}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };

  /** The pages of each parameterised route: where to find a real value of its parameters. */
  const samples: Record<string, () => Promise<Visit[]>> = {
    // A document's print view: one of each kind, to the applicant (the demo citizen).
    '/documents/:id{[0-9a-fA-F-]{36}}/print': async () => {
      const documents = await db()
        .selectFrom('document')
        .select(['id', 'kind'])
        .where('application_id', 'is not', null)
        .distinctOn('kind')
        .orderBy('kind')
        .execute();
      return documents.map((document) => ({
        url: `/documents/${document.id}/print`,
        visitor: citizen,
      }));
    },
    '/admin/organisations/:id': async () => [
      {
        url: '/admin/organisations/kst-demo-school',
        visitor: staff('kst-akimat', 'region_administrator'),
      },
      {
        url: '/admin/organisations/kst-front-office',
        visitor: staff('kst-akimat', 'region_administrator'),
      },
    ],
    '/apply/:regulationId': async () => {
      const rows = await db()
        .selectFrom('application')
        .select(['regulation_id', 'service_code'])
        .distinctOn('service_code')
        .orderBy('service_code')
        .orderBy('regulation_id')
        .execute();
      return rows.map((row) => ({ url: `/apply/${row.regulation_id}`, visitor: citizen }));
    },
    ...Object.fromEntries(
      ['certify', 'documents', 'done', 'review'].map((step) => [
        `/apply/:regulationId/:draftId/${step}`,
        async () =>
          (await drafts()).map((draft) => ({
            url: `/apply/${draft.regulationId}/${draft.id}/${step}${step === 'certify' ? `?challenge=${someChallenge}&phone=%2B7701%2A%2A%2A0001` : ''}`,
            visitor: citizen,
          })),
      ]),
    ),
    '/back-office/appeals/:id': async () => {
      const appeals = await db()
        .selectFrom('appeal')
        .innerJoin('application', 'application.id', 'appeal.application_id')
        .select(['appeal.id', 'appeal.status', 'application.provider_organisation_id'])
        .distinctOn('appeal.status')
        .orderBy('appeal.status')
        .execute();
      return appeals.map((appeal) => ({
        url: `/back-office/appeals/${appeal.id}`,
        visitor: staff(appeal.provider_organisation_id, 'head'),
      }));
    },
    '/back-office/applications/:id': async () =>
      (await applicationsByStatus(false)).flatMap((row) =>
        (['head', 'executor'] as const).map((role) => ({
          url: `/back-office/applications/${row.id}`,
          visitor: staff(row.provider_organisation_id, role),
        })),
      ),
    '/cabinet/queue/offers/:id': async () => {
      // The demo citizen's child in the demo district's queue, offered a place just published
      // by the department's executor (the page shows an open offer, then the slip's position).
      const services = await loadApplicationServices(db(), () => new Date());
      const queue = queueServicesOf(services);
      const slip = await registerChild(queue, demoCitizen.iin, {
        region: 'south-kazakhstan',
        district: 'shymkent-al-farabi',
        childIin: generateIin('2023-06-01', 'female', 77),
        birthDate: '2023-06-01',
        category: 'general',
        preferred: ['sko-kg-balbobek'],
        language: 'ru',
        specialNeeds: null,
        desiredStart: '2024-09-01',
      });
      await registerChild(queue, demoCitizen.iin, {
        region: 'south-kazakhstan',
        district: 'shymkent-al-farabi',
        childIin: generateIin('2024-06-01', 'male', 78),
        birthDate: '2024-06-01',
        category: 'primary',
        preferred: ['sko-kg-aigolek'],
        language: 'ru',
        specialNeeds: null,
        desiredStart: '2026-09-01',
      });
      queries['/queue/position'] = `?number=${slip.number}`;
      const executor = await db()
        .selectFrom('staff_account')
        .select('id')
        .where('iin', '=', demoStaffIin('sko-education-shymkent', 'executor'))
        .executeTakeFirstOrThrow();
      await publishPlaces(
        queue,
        {
          kind: 'staff',
          staffId: executor.id,
          roles: ['executor'],
          organisationId: 'sko-education-shymkent',
          regionCode: 'south-kazakhstan',
        },
        { groupId: 'sko-kg-balbobek-ru-2', places: 1 },
      );
      const offers = await db().selectFrom('queue_offer').select('id').execute();
      return offers.map((offer) => ({
        url: `/cabinet/queue/offers/${offer.id}`,
        visitor: citizen,
      }));
    },
    '/cabinet/applications/:id': async () =>
      (await applicationsByStatus(false)).map((row) => ({
        url: `/cabinet/applications/${row.id}`,
        visitor: citizen,
      })),
    '/front-office/applications/:id{[0-9a-fA-F-]{36}}': async () =>
      (await applicationsByStatus(true)).map((row) => ({
        url: `/front-office/applications/${row.id}`,
        visitor: staff(row.front_office_id!, 'front_office_operator'),
      })),
    '/front-office/registers/:id{[0-9a-fA-F-]{36}}': async () => {
      const registers = await db()
        .selectFrom('courier_register')
        .select(['id', 'front_office_id', 'direction'])
        .distinctOn('direction')
        .orderBy('direction')
        .execute();
      return registers.map((register) => ({
        url: `/front-office/registers/${register.id}`,
        visitor: staff(register.front_office_id, 'courier'),
      }));
    },
    '/front-office/registers/:id{[0-9a-fA-F-]{36}}/acknowledge': async () => [],
    '/services/:code': async () => {
      const catalogue = await (await app.request('/services?lang=en')).text();
      return [...catalogue.matchAll(/href="\/services\/([a-z0-9-]+)(\?[^"]*)?"/g)]
        .filter((match) => match[1] !== 'versions')
        .map((match) => `/services/${match[1]!}${(match[2] ?? '').replaceAll('&amp;', '&')}`)
        .filter((url, index, all) => all.indexOf(url) === index)
        .map((url) => ({ url, visitor: anonymous }));
    },
    '/verify/:id': async () => {
      const documents = await db()
        .selectFrom('document')
        .select(['id', 'kind'])
        .distinctOn('kind')
        .orderBy('kind')
        .execute();
      return documents.map((document) => ({ url: `/verify/${document.id}`, visitor: anonymous }));
    },
  };

  const cookieOf = async (visitor: Visitor): Promise<string> => {
    if (visitor.kind === 'anonymous') return '';
    const key =
      visitor.kind === 'citizen' ? 'citizen' : `${visitor.organisationId}/${visitor.role}`;
    const known = cookies.get(key);
    if (known !== undefined) return known;
    let token: string;
    if (visitor.kind === 'citizen') {
      const post = (path: string, body: unknown) =>
        app.request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const login = await post('/api/auth/login', { iin: demoCitizen.iin, password: demoPassword });
      expect(login.status).toBe(202);
      const { challengeId } = (await login.json()) as { challengeId: string };
      const confirmed = await post('/api/auth/login/confirm', {
        challengeId,
        code: server.sms.lastCodeTo(demoCitizen.phone),
      });
      expect(confirmed.status).toBe(200);
      token = confirmed.headers
        .getSetCookie()
        .find((header) => header.startsWith(`${sessionCookieName}=`))!
        .split(';')[0]!
        .split('=')[1]!;
    } else {
      const outcome = await logInStaff(
        { db: db() },
        {
          iin: demoStaffIin(visitor.organisationId, visitor.role),
          password: demoPassword,
          organisationId: visitor.organisationId,
        },
        new Date(),
      );
      if (outcome.kind !== 'signed_in') throw new Error(`no session for ${key}`);
      token = outcome.session.token;
    }
    const cookie = `${sessionCookieName}=${token}`;
    cookies.set(key, cookie);
    return cookie;
  };

  beforeAll(async () => {
    server = await startWebTestServer({
      demo: true,
      configureApp: (built) => {
        app = built;
      },
    });
  }, 600_000);
  afterAll(async () => {
    await server?.close();
  });

  /** What the pages said that they must not, by kind of finding. */
  const findings: string[] = [];
  let renderedPages = 0;
  const ofKind = (kind: string) => [
    ...new Set(findings.filter((line) => line.includes(`] ${kind}`))),
  ];

  it('renders every page of the route table in kk, ru and en, none failing', async () => {
    const pages = [
      ...new Set(
        app.routes
          .filter((route) => route.method === 'GET')
          .map((route) => route.path)
          .filter((path) => !/^\/(api|health)(\/|$)/.test(path)),
      ),
    ].sort();
    // The table is read, not written by hand: the workspaces' pages are all there.
    expect(pages).toEqual(expect.arrayContaining(['/', '/cabinet', '/back-office', '/verify']));
    expect(pages.length).toBeGreaterThan(40);

    const unsampled = pages.filter(
      (path) => path.includes(':') && !files.has(path) && !samples[path],
    );
    // A new page with a parameter: add where to find a real value of it to `samples`.
    expect(unsampled).toEqual([]);

    const visits: Visit[] = [];
    for (const path of pages) {
      if (files.has(path)) continue;
      if (path.includes(':'))
        visits.push(...(await samples[path]!()).map((visit) => ({ ...visit, route: path })));
      else
        visits.push(
          ...visitorsOf(path).map((visitor) => ({
            url: `${path}${queries[path] ?? ''}`,
            route: path,
            visitor,
          })),
        );
    }

    const shown = new Map<string, number>();
    const statuses: Record<string, number> = {};
    let rendered = 0;
    for (const visit of visits) {
      const cookie = await cookieOf(visit.visitor);
      for (const locale of locales) {
        const separator = visit.url.includes('?') ? '&' : '?';
        const response = await app.request(`${visit.url}${separator}lang=${locale}`, {
          headers: { accept: 'text/html', cookie },
        });
        statuses[`${visit.url} [${locale}]`] = response.status;
        if (response.status >= 500)
          findings.push(`${visit.url} [${locale}] server error ${response.status}`);
        if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) continue;
        const html = await response.text();
        rendered += 1;
        if (response.status === 200) {
          const route = pages.find((path) =>
            new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}$`).test(visit.url),
          );
          shown.set(route ?? visit.url, (shown.get(route ?? visit.url) ?? 0) + 1);
        }
        expect(html).toContain(`<html lang="${locale}">`);
        // Issue 18, point 11: a title in another language than the page declares it.
        const title = /<title(?: lang="(\w+)")?>([^<]*)<\/title>/.exec(html);
        const titleLang = title?.[1] ?? locale;
        const isCyrillic = /[а-яё]/i.test(title?.[2] ?? '');
        if (locale === 'en' ? isCyrillic !== (titleLang === 'ru') : titleLang !== locale)
          findings.push(`${visit.url} [${locale}] title language: ${titleLang} ${title?.[2]}`);
        const who =
          visit.visitor.kind === 'staff'
            ? `${visit.visitor.role}@${visit.visitor.organisationId}`
            : visit.visitor.kind;
        for (const leak of findLeaks(visibleText(html, locale), locale)) {
          findings.push(`${visit.url} [${locale}, ${who}] ${leak.kind}: ${leak.text}`);
        }
      }
    }
    fs.mkdirSync(fromRoot('artifacts'), { recursive: true });
    fs.writeFileSync(
      fromRoot('artifacts', `every-page-${testBackend}.json`),
      JSON.stringify(
        { pages, visits, statuses, shown: Object.fromEntries(shown), findings },
        null,
        2,
      ),
    );
    console.info(
      `every-page: ${pages.length} GET routes, ${visits.length} pages × ${locales.length} languages, ${rendered} rendered, ${findings.length} findings`,
    );
    renderedPages = rendered;
    expect(ofKind('server error')).toEqual([]);
    expect(rendered).toBeGreaterThan(pages.length * locales.length);
  }, 900_000);

  it('shows no internal code on any page, in any language', () => {
    expect(renderedPages).toBeGreaterThan(300); // the pages were rendered above
    expect([
      ...ofKind('internal code'),
      ...ofKind('object'),
      ...ofKind('English word code'),
    ]).toEqual([]);
  });

  it('declares the language of a title that is not the page’s (a Russian name on an English page)', () => {
    expect(renderedPages).toBeGreaterThan(300);
    expect(ofKind('title language')).toEqual([]);
  });

  it('names no role in English on a Kazakh or Russian page', () => {
    expect(renderedPages).toBeGreaterThan(300);
    expect(ofKind('English role name')).toEqual([]);
  });

  // Issue 18, point 11: a refusal notice is a page too. The back office's notice of a command
  // the engine refused ("allowed now: …") showed the engine's `complete_step:assign`; it is
  // rendered only in answer to a form, so the GETs above never met it. The head asks every
  // application (one per status and channel, none suspended: resuming one would change it) to
  // resume; each refusal is read like every page.
  it('words a refused command’s notice in the back office, in kk, ru and en, without codes', async () => {
    const refusals: string[] = [];
    let listed = 0;
    for (const row of await applicationsByStatus(false)) {
      if (row.status === 'suspended') continue;
      const cookie = await cookieOf(staff(row.provider_organisation_id, 'head'));
      const page = await app.request(`/back-office/applications/${row.id}`, {
        headers: { accept: 'text/html', cookie },
      });
      const csrf = /qyzmet_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1] ?? '';
      expect(csrf).not.toBe('');
      for (const locale of locales) {
        const response = await app.request(
          `/back-office/applications/${row.id}/actions/resume?lang=${locale}`,
          {
            method: 'POST',
            headers: {
              accept: 'text/html',
              cookie: `${cookie}; qyzmet_csrf=${csrf}`,
              'content-type': 'application/x-www-form-urlencoded',
            },
            body: new URLSearchParams({
              _csrf: csrf,
              idempotencyKey: `every-page-resume-${locale}-${row.id}`,
            }).toString(),
          },
        );
        expect([403, 409], `${row.id} ${row.status} [${locale}]`).toContain(response.status);
        const html = await response.text();
        expect(html).toContain('id="refusal-message"');
        if (!/<p id="refusal-message">[\s\S]*?<\/p>\s*<p>/.test(html)) continue;
        listed += 1;
        for (const leak of findLeaks(visibleText(html, locale), locale))
          refusals.push(`${row.id} ${row.status} [${locale}] ${leak.kind}: ${leak.text}`);
        expect(html, `${row.status} [${locale}]`).not.toMatch(/[a-z]+_[a-z_]+:[a-z0-9-]+/);
      }
    }
    expect(listed).toBeGreaterThan(0); // some notice listed what is allowed now
    expect(refusals).toEqual([]);
  }, 300_000);
});
