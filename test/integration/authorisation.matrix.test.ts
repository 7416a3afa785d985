import { randomUUID as newId } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { composeApp } from '../../src/cli/compose.js';
import { createApiToken } from '../../src/features/api-tokens/create-api-token.js';
import { createCourierRegister } from '../../src/features/front-office/courier-registers.js';
import type { FrontOfficeContext } from '../../src/features/front-office/front-office-context.js';
import { requestHomeVisit } from '../../src/features/front-office/home-visits.js';
import { takeApplication } from '../../src/features/front-office/take-application.js';
import { hashPassword } from '../../src/features/identity/identity-services.js';
import { logInStaff } from '../../src/features/identity/log-in-staff.js';
import { savePortalDraft } from '../../src/features/portal/save-portal-draft.js';
import { createRegistrySimulator } from '../../src/integrations/simulator/registry-simulator.js';
import {
  createSimulatorData,
  simulatorFixtures,
} from '../../src/integrations/simulator/synthetic-people.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import { setStaffPasswordIfUnset } from '../../src/storage/demo.repository.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import {
  apiPolicy,
  deniedOf,
  principalNames,
  viewers,
  webPolicy,
  type PrincipalName,
  type RoutePolicy,
} from '../support/authorisation-policy.js';
import {
  applicationServices,
  createOrganisation,
  createStaff,
  manualClock,
} from '../support/applications.js';
import { registerProvenCitizen } from '../support/citizens.js';
import { createTestDatabase, testBackend } from '../support/database.js';
import { changedTables, snapshotTables } from '../support/table-snapshot.js';

/**
 * Issue 16, the authorisation matrix: every operation of /api/openapi.json and every other
 * route the app registers × every principal (anonymous; the applicant and another citizen;
 * each role of the owning provider, of another provider, of the owning front office and of
 * another; the administrators; API tokens) against the declared policy of
 * test/support/authorisation-policy.ts. Path parameters point at real objects of the world
 * (the applicant's application, notification and draft; the front office's register and home
 * visit; the provider, its staff and the regulation).
 *
 * A refused principal gets 401/403/404 (a page's GET: the sign-in redirect) and changes no
 * row (every table's count and content, except rate-limit and sign-in counters, the registry
 * call log and the token's last use; audit rows only for a failed sign-in). An allowed one
 * gets no 401/403, no sign-in redirect and never a 5xx. Whoever may not see the application
 * never receives the applicant's IIN.
 */
const csrf = 'm'.repeat(43);
const password = 'matrix-password-2026';
const fixtures = simulatorFixtures(createSimulatorData());
const applicant = { iin: fixtures.person.iin, phone: '+77010000101', password };
const otherCitizen = { iin: '880215300010', phone: '+77010000102', password };
const regulationId = 'kostanay.extern-permission.2018-12-21';
const provider = 'kst-akimat-kostanay';
const untracked = ['rate_limit', 'login_throttle', 'gateway_call', 'api_token', 'audit_event'];
/** Routes that end a session run last, the one that ends every session of a citizen first. */
const endsSessions = [
  'POST /api/auth/logout-everywhere',
  'POST /api/auth/logout',
  'POST /staff/logout',
  'POST /logout',
];

interface Cell {
  readonly route: string;
  readonly principal: PrincipalName;
  readonly status: number;
  readonly problem: string;
  /** What the answer said (its title, message or error code), to read a failure by. */
  readonly said?: string;
}

/** The gist of an answer: a page's title and alert, or a JSON error's code and reason. */
function gist(text: string): string {
  const json = /"code"\s*:\s*"([^"]+)"(?:[\s\S]*?"reason"\s*:\s*"([^"]+)")?/.exec(text);
  if (json) return `${json[1]}${json[2] ? ` (${json[2]})` : ''}`;
  const title = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(text)?.[1] ?? '';
  const alert = /role="alert"[^>]*>([\s\S]*?)<\/(div|section|p)>/.exec(text)?.[1] ?? '';
  return `${title} ${alert}`
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
}

describe(`the authorisation matrix: every route × every principal on ${testBackend}`, () => {
  let database: DatabaseHandle;
  const clock = manualClock('2019-10-14T04:00:00Z'); // Monday, 10:00 in Kostanay
  const sms = new InMemorySmsOutbox();
  const registries = createRegistrySimulator();
  let app: ReturnType<typeof composeApp>;
  const credentials = new Map<PrincipalName, Record<string, string>>();
  const objects: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    const services = applicationServices(database, clock.now);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    app = composeApp({
      config,
      logger: createLogger(config),
      database,
      now: clock.now,
      sms,
      registries,
      applications: services,
    });
    for (const [id, kind, regionCode] of [
      [provider, 'district_akimat', 'kostanay'],
      ['kst-akimat-other', 'district_akimat', 'kostanay'],
      ['kst-fo-1', 'front_office', 'kostanay'],
      ['kst-fo-2', 'front_office', 'kostanay'],
      ['kst-administration', 'district_akimat', 'kostanay'],
      ['akt-administration', 'district_akimat', 'aktobe'],
    ] as const) {
      await createOrganisation(database, { id, kind, regionCode, timeZone: 'Asia/Qostanay' });
    }
    const hash = await hashPassword(password);
    let counter = 0;
    const staff = async (name: PrincipalName, organisationId: string, role: string) => {
      const region = organisationId.startsWith('akt') ? 'aktobe' : 'kostanay';
      const principal = await createStaff(database, organisationId, region, [role]);
      counter += 1;
      const iin = `79030150${String(counter).padStart(4, '0')}`;
      await database.db
        .updateTable('staff_account')
        .set({ iin })
        .where('id', '=', principal.staffId)
        .execute();
      await setStaffPasswordIfUnset(database.db, principal.staffId, hash, clock.now());
      const outcome = await logInStaff(
        { db: database.db, sessionTtlMs: 86_400_000 },
        { iin, password },
        clock.now(),
      );
      if (outcome.kind !== 'signed_in') throw new Error(`${name} not signed in`);
      credentials.set(name, { cookie: `qyzmet_session=${outcome.session.token}` });
      return { principal, iin, fullName: name };
    };
    for (const [prefix, organisationId] of [
      ['own', provider],
      ['foreign', 'kst-akimat-other'],
    ] as const) {
      await staff(`${prefix}-registry-office`, organisationId, 'registry_office');
      await staff(`${prefix}-head`, organisationId, 'head');
      await staff(`${prefix}-executor`, organisationId, 'executor');
      await staff(`${prefix}-commission-member`, organisationId, 'commission_member');
    }
    const operator = await staff('own-front-office-operator', 'kst-fo-1', 'front_office_operator');
    const courier = await staff('own-courier', 'kst-fo-1', 'courier');
    await staff('foreign-front-office-operator', 'kst-fo-2', 'front_office_operator');
    await staff('foreign-courier', 'kst-fo-2', 'courier');
    await staff('region-administrator', 'kst-administration', 'region_administrator');
    await staff('foreign-region-administrator', 'akt-administration', 'region_administrator');
    await staff('system-administrator', 'kst-administration', 'system_administrator');
    for (const [name, organisationId] of [
      ['own-head-token', provider],
      ['foreign-head-token', 'kst-akimat-other'],
    ] as const) {
      const head = await createStaff(database, organisationId, 'kostanay', ['head']);
      const created = await createApiToken(
        database.db,
        { kind: 'system', id: 'test' },
        { name, organisationId, roles: ['head'], staffAccountId: head.staffId },
        clock.now(),
      );
      credentials.set(name, { authorization: `Bearer ${created.token}` });
    }
    // The account an administrator may change (not one of the principals).
    objects.staffId = (await createStaff(database, provider, 'kostanay', ['executor'])).staffId;

    // The applicant's application, taken at front office 1 for the provider.
    const context: FrontOfficeContext = {
      services,
      gateway: registries,
      pkiDirectory: path.join(os.tmpdir(), 'qyzmet-authorisation-matrix-no-pki'),
      publicUrl: 'http://localhost',
    };
    const taken = await takeApplication(context, operator, {
      formKey: 'matrix-0001',
      serviceCode: 'extern-permission',
      providerOrganisationId: provider,
      applicantIin: applicant.iin,
      checks: { 'standard-point-9-documents': 'present' },
      consentGiven: true,
      requestSigned: true,
    });
    if (taken.kind !== 'accepted') throw new Error(`not accepted: ${taken.kind}`);
    objects.applicationId = taken.applicationId;
    objects.number = taken.number;
    const register = await createCourierRegister(context, courier, {
      providerOrganisationId: provider,
      direction: 'to_provider',
    });
    objects.registerId = register.id;
    objects.registerDocumentId = register.documentId!;
    objects.homeVisitId = (
      await requestHomeVisit(services, {
        frontOfficeId: 'kst-fo-1',
        serviceCode: 'extern-permission',
        fullName: 'Матрица Тестовая',
        phone: '+77010000103',
        address: 'Костанай, улица Баймагамбетова, 1',
        reason: 'не может прийти сама',
      })
    ).id;

    // The citizens: accounts proved by code, signed in over the API.
    for (const [name, citizen] of [
      ['citizen', applicant],
      ['other-citizen', otherCitizen],
    ] as const) {
      const account = await registerProvenCitizen({ db: database.db }, citizen, clock.now());
      const post = (route: string, body: unknown) =>
        app.request(route, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const login = await post('/api/auth/login', { iin: citizen.iin, password });
      expect(login.status).toBe(202);
      const { challengeId } = (await login.json()) as { challengeId: string };
      const confirmed = await post('/api/auth/login/confirm', {
        challengeId,
        code: sms.lastCodeTo(citizen.phone),
      });
      expect(confirmed.status).toBe(200);
      const session = /qyzmet_session=([^;]+)/.exec(confirmed.headers.get('set-cookie') ?? '');
      credentials.set(name, { cookie: `qyzmet_session=${session![1]}` });
      if (name === 'citizen') {
        const draft = await savePortalDraft(
          services,
          { accountId: account.citizenAccountId, iin: citizen.iin, phone: citizen.phone },
          {
            regulationId,
            providerOrganisationId: provider,
            frontOfficeId: 'kst-fo-1',
            fields: {},
            language: 'ru',
          },
        );
        objects.draftId = draft.draftId;
      }
    }
    credentials.set('anonymous', {});
    const notification = await database.db
      .selectFrom('notification')
      .select('id')
      .where('application_id', '=', objects.applicationId)
      .executeTakeFirst();
    if (!notification) throw new Error('the applicant has no notification');
    objects.notificationId = notification.id;
  }, 180_000);

  afterAll(async () => {
    await database?.close();
  });

  /**
   * Fills a route's path parameters with the world's objects; a fresh UUID where the world has
   * none (an appeal, a result request, a prepared draft, an upload), and then `fabricated`.
   */
  function fill(route: string): { url: string; fabricated: boolean } {
    const fresh = new Set<string>();
    const randomUUID = () => {
      const id = newId();
      fresh.add(id);
      return id;
    };
    const [, routePath] = route.split(' ') as [string, string];
    const isDocument = routePath.startsWith('/documents/');
    const values: Record<string, string> = {
      id: routePath.startsWith('/admin/organisations')
        ? provider
        : routePath.startsWith('/admin/staff')
          ? objects.staffId!
          : routePath.startsWith('/admin/regulations') ||
              routePath.startsWith('/api/v1/regulations')
            ? regulationId
            : routePath.startsWith('/api/v1/portal/drafts')
              ? objects.draftId!
              : routePath.startsWith('/front-office/registers')
                ? objects.registerId!
                : routePath.startsWith('/front-office/home-visits')
                  ? objects.homeVisitId!
                  : routePath.startsWith('/cabinet/notifications')
                    ? objects.notificationId!
                    : isDocument
                      ? objects.registerDocumentId!
                      : routePath.startsWith('/verify') ||
                          routePath.startsWith('/back-office/appeals') ||
                          routePath.startsWith('/back-office/result-requests')
                        ? randomUUID()
                        : objects.applicationId!,
      number: objects.number!,
      regulationId,
      draftId: routePath.startsWith('/apply') ? objects.draftId! : randomUUID(),
      documentId: randomUUID(),
      file: isDocument ? `${objects.registerDocumentId}.pdf` : `${randomUUID()}.pdf`,
      upload: randomUUID(),
      staffId: objects.staffId!,
      action: 'complete',
      name: 'site.css',
      code: 'extern-permission',
    };
    let fabricated = false;
    const url = routePath
      .replace(/\{([A-Za-z]+)\}/g, ':$1')
      .replace(/:([A-Za-z]+)(\{(?:[^{}]|\{[^}]*\})*\})?/g, (_, name: string) => {
        const value = values[name];
        if (value === undefined) throw new Error(`no value for :${name} in ${route}`);
        if ([...fresh].some((id) => value.startsWith(id))) fabricated = true;
        return value;
      });
    return { url, fabricated };
  }

  let key = 0;
  async function send(route: string, policy: RoutePolicy, who: PrincipalName) {
    const [method] = route.split(' ') as [string, string];
    const { url, fabricated } = fill(route);
    const own = credentials.get(who)!;
    const headers: Record<string, string> = {
      'accept-language': 'en',
      'x-forwarded-for': `198.51.100.${(key % 250) + 1}`,
      cookie: [own.cookie, `qyzmet_csrf=${csrf}`].filter(Boolean).join('; '),
      ...(own.authorization ? { authorization: own.authorization } : {}),
    };
    let body: string | undefined;
    if (method !== 'GET') {
      key += 1;
      if (url.startsWith('/api/')) {
        headers['content-type'] = 'application/json';
        headers['idempotency-key'] = `matrix-${key}`;
        body = JSON.stringify(
          JSON.parse(
            JSON.stringify(policy.body ?? {})
              .replaceAll('"PROVIDER"', JSON.stringify(provider))
              .replaceAll('"REGULATION"', JSON.stringify(regulationId))
              .replaceAll('"FRONT_OFFICE"', JSON.stringify('kst-fo-1'))
              .replaceAll('"KEY"', JSON.stringify(`matrix-${key}`))
              .replaceAll('"000000000000"', JSON.stringify(applicant.iin)),
          ),
        );
      } else {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers.accept = 'text/html';
        const fields = Object.entries(policy.form ?? {}).map(([name, value]): [string, string] => [
          name,
          value === 'PROVIDER' ? provider : value,
        ]);
        body = new URLSearchParams([...fields, ['_csrf', csrf]]).toString();
      }
    } else if (!url.startsWith('/api/')) headers.accept = 'text/html';
    const response = await app.request(url, { method, headers, ...(body ? { body } : {}) });
    return {
      fabricated,
      status: response.status,
      location: response.headers.get('location') ?? '',
      text: await response.text(),
    };
  }

  const isSignInRedirect = (status: number, location: string) =>
    status === 303 && /^\/(staff\/)?login\?next=/.test(location);

  async function lastAuditId(): Promise<number> {
    const row = await sql<{ id: number | null }>`select max(id) as id from audit_event`.execute(
      database.db,
    );
    return Number(row.rows[0]?.id ?? 0);
  }

  it('refuses everyone the policy does not allow, changing nothing, and serves everyone it does', async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const apiRoutes = Object.entries(document.paths).flatMap(([route, operations]) =>
      Object.keys(operations)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${route}`),
    );
    const asRouter = (route: string) => route.replace(/\{([A-Za-z]+)\}/g, ':$1');
    const registered = [
      ...new Set(
        app.routes
          .filter((route) => route.method !== 'ALL' && !route.path.includes('*'))
          .map((route) => `${route.method} ${route.path}`),
      ),
    ];
    const apiAsRouter = new Set(apiRoutes.map(asRouter));
    const webRoutes = registered.filter((route) => !apiAsRouter.has(route));

    // Every route is classified, and every classified route exists.
    expect(apiRoutes.filter((route) => !registered.includes(asRouter(route)))).toEqual([]);
    expect(apiRoutes.filter((route) => !apiPolicy[route]).sort()).toEqual([]);
    expect(Object.keys(apiPolicy).filter((route) => !apiRoutes.includes(route))).toEqual([]);
    expect(webRoutes.filter((route) => !webPolicy[route]).sort()).toEqual([]);
    expect(Object.keys(webPolicy).filter((route) => !webRoutes.includes(route))).toEqual([]);

    const policies = new Map<string, RoutePolicy>([
      ...apiRoutes.map((route) => [route, apiPolicy[route]!] as const),
      ...webRoutes.map((route) => [route, webPolicy[route]!] as const),
    ]);
    const order = [
      ...[...policies.keys()].filter((route) => !endsSessions.includes(route)),
      ...endsSessions,
    ];
    const mismatches: Cell[] = [];
    let cells = 0;
    for (const route of order) {
      const policy = policies.get(route)!;
      const [method] = route.split(' ');
      const before = await snapshotTables(database.db, untracked);
      const auditBefore = await lastAuditId();
      for (const who of deniedOf(policy)) {
        cells += 1;
        const answer = await send(route, policy, who);
        const refused =
          [401, 403, 404].includes(answer.status) ||
          (method === 'GET' && isSignInRedirect(answer.status, answer.location));
        if (!refused)
          mismatches.push({
            route,
            principal: who,
            status: answer.status,
            problem: 'not refused',
            said: gist(answer.text),
          });
        if (answer.text.includes(applicant.iin) && !viewers.includes(who))
          mismatches.push({ route, principal: who, status: answer.status, problem: 'leaks IIN' });
      }
      const changed = changedTables(before, await snapshotTables(database.db, untracked));
      if (changed.length > 0)
        mismatches.push({
          route,
          principal: 'anonymous',
          status: 0,
          problem: `refused requests changed ${changed.join(', ')}`,
        });
      const audited = await sql<{ action: string }>`
        select action from audit_event where id > ${auditBefore}`.execute(database.db);
      const unexpected = audited.rows.filter((row) => !/failed|delayed/.test(row.action));
      if (unexpected.length > 0)
        mismatches.push({
          route,
          principal: 'anonymous',
          status: 0,
          problem: `refused requests audited ${unexpected.map((row) => row.action).join(', ')}`,
        });
      for (const who of policy.allowed) {
        cells += 1;
        const answer = await send(route, policy, who);
        const problem =
          answer.status >= 500
            ? 'server error'
            : [401, 403].includes(answer.status) || isSignInRedirect(answer.status, answer.location)
              ? 'refused'
              : answer.status === 404 && !answer.fabricated && !policy.absentHere
                ? 'not found'
                : answer.text.includes(applicant.iin) && !viewers.includes(who)
                  ? 'leaks IIN'
                  : '';
        if (problem)
          mismatches.push({
            route,
            principal: who,
            status: answer.status,
            problem,
            said: gist(answer.text),
          });
      }
    }

    expect(
      mismatches.map(
        (cell) =>
          `${cell.route} | ${cell.principal} | ${cell.status} | ${cell.problem} | ${cell.said ?? ''}`,
      ),
    ).toEqual([]);
    const expectedCells = [...policies.values()].reduce(
      (sum, policy) => sum + deniedOf(policy).length + policy.allowed.length,
      0,
    );
    expect(cells).toBe(expectedCells);
    expect({
      apiOperations: apiRoutes.length,
      webRoutes: webRoutes.length,
      principals: principalNames.length,
    }).toEqual({
      apiOperations: Object.keys(apiPolicy).length,
      webRoutes: Object.keys(webPolicy).length,
      principals: 20,
    });
  }, 240_000);
});
