import fc from 'fast-check';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { createApiToken } from '../../src/features/api-tokens/create-api-token.js';
import { hashPassword } from '../../src/features/identity/identity-services.js';
import { logInStaff } from '../../src/features/identity/log-in-staff.js';
import type { ErrorCode } from '../../src/domain/shared/domain-error.js';
import { errorMessage, errorTable } from '../../src/http/error-table.js';
import { startServer, type RunningServer } from '../../src/cli/server.js';
import { InMemorySmsOutbox } from '../../src/integrations/sms/sms-sender.js';
import { setStaffPasswordIfUnset } from '../../src/storage/demo.repository.js';
import { createOrganisation, createStaff } from '../support/applications.js';
import { registerProvenCitizen } from '../support/citizens.js';
import { provisionDatabase, testBackend, type ProvisionedDatabase } from '../support/database.js';
import {
  badString,
  bodyFor,
  objectOf,
  parseForms,
  parseLinks,
  percentEncode,
  plausible,
  routePattern,
  urlEncoded,
  type FuzzBody,
  type PageForm,
  type Schema,
} from '../support/fuzz.js';
import { testConfig } from '../support/server.js';
import { changedTables, snapshotTables, type TableSnapshot } from '../support/table-snapshot.js';

/**
 * Issue 16, fuzz corpus: property-based requests (fast-check, fixed seed) to every operation
 * of /api/openapi.json and to every POST route of the web app (with the fields of the forms
 * its pages render, found by a shallow crawl as each kind of user), plus the GET forms.
 * Values: NUL, lone surrogates, huge strings, wrong types, missing and extra fields; bodies as
 * JSON, urlencoded, multipart (also broken), invalid JSON or UTF-8, wrong content types.
 * Every answer must be < 500; a refusal of the JSON API must carry the error table's message
 * in the request's language; a refused request must change no row (every table's count and
 * content hash, except rate-limit counters and the registry call log; audit rows only when
 * they record a failed sign-in).
 *
 * FUZZ_RUNS (cases per target, default 6) and FUZZ_SEED (default 16) make a longer run:
 * `node scripts/fuzz.mjs` (docs/resilience-and-fuzz.md).
 */
const runs = Number(process.env.FUZZ_RUNS ?? 6);
const seed = Number(process.env.FUZZ_SEED ?? 16);
const timeoutMs = Number(process.env.FUZZ_TIMEOUT_MS ?? 280_000);
const csrf = 'f'.repeat(43);
const password = 'fuzz-password-2026';
const locales = ['kk', 'ru', 'en'] as const;
type Locale = (typeof locales)[number];
/**
 * Left out of the row comparison: rate-limit and sign-in throttle counters, the registry call
 * log, the API token's last use (moves with every authenticated request), and the audit trail
 * (checked apart: a refused sign-in is audited as a failure, nothing else may be).
 */
const untracked = ['rate_limit', 'login_throttle', 'gateway_call', 'api_token', 'audit_event'];
const citizen = { iin: '850412412016', phone: '+77010000001', password };

interface Principal {
  readonly name: string;
  readonly headers: Record<string, string>;
}

interface Target {
  readonly kind: 'api' | 'web-post' | 'web-get-form';
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly principals: readonly Principal[];
  readonly fields: fc.Arbitrary<Record<string, unknown>>;
  readonly query: fc.Arbitrary<Record<string, unknown>>;
  readonly pathValues: fc.Arbitrary<string>;
  readonly preferred: 'json' | 'form';
  readonly hasBody: boolean;
  /** Whether the fields come from a form a page rendered (else from the route alone). */
  readonly fromForm?: boolean;
}

interface Failure {
  target: string;
  principal: string;
  url: string;
  body: string;
  status: number;
  problem: string;
  answer: string;
}

describe(`fuzz: every API operation and every web form on ${testBackend}`, () => {
  let provisioned: ProvisionedDatabase;
  let server: RunningServer;
  let base: string;
  let app: Hono | undefined;
  const principals: Principal[] = [];
  const applicationIds: string[] = [];
  let address = 0;

  beforeAll(async () => {
    provisioned = await provisionDatabase();
    const overrides = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: '1',
      TRUSTED_PROXIES: '127.0.0.1',
    });
    const config = {
      ...testConfig(provisioned.database),
      trustedProxies: overrides.trustedProxies,
    };
    const sms = new InMemorySmsOutbox();
    server = await startServer(config, createLogger(config), {
      sms,
      configureApp: (built) => {
        app = built as unknown as Hono;
      },
    });
    base = `http://127.0.0.1:${server.port}`;
    const database = server.database;
    const now = new Date();
    for (const [id, kind] of [
      ['kst-school-1', 'school'],
      ['kst-fo-1', 'front_office'],
      ['kst-akimat-kostanay', 'district_akimat'],
    ] as const) {
      await createOrganisation(database, {
        id,
        kind,
        regionCode: 'kostanay',
        timeZone: 'Asia/Qostanay',
      });
    }
    const hash = await hashPassword(password);
    let counter = 0;
    const staffSession = async (organisationId: string, roles: string[]) => {
      const principal = await createStaff(database, organisationId, 'kostanay', roles);
      counter += 1;
      const iin = `79020150${String(counter).padStart(4, '0')}`;
      await database.db
        .updateTable('staff_account')
        .set({ iin })
        .where('id', '=', principal.staffId)
        .execute();
      await setStaffPasswordIfUnset(database.db, principal.staffId, hash, now);
      const outcome = await logInStaff(
        { db: database.db, sessionTtlMs: 86_400_000 },
        { iin, password },
        now,
      );
      if (outcome.kind !== 'signed_in') throw new Error('staff not signed in');
      return { principal, cookie: `qyzmet_session=${outcome.session.token}; qyzmet_csrf=${csrf}` };
    };
    const registry = await staffSession('kst-school-1', ['registry_office']);
    const head = await staffSession('kst-school-1', ['head']);
    const executor = await staffSession('kst-school-1', ['executor']);
    const operator = await staffSession('kst-fo-1', ['front_office_operator', 'courier']);
    const administrator = await staffSession('kst-akimat-kostanay', ['region_administrator']);
    const token = async (who: typeof registry, roles: string[]) =>
      (
        await createApiToken(
          database.db,
          { kind: 'system', id: 'test' },
          {
            name: 'fuzz',
            organisationId: 'kst-school-1',
            roles: roles as never,
            staffAccountId: who.principal.staffId,
          },
          now,
        )
      ).token;
    const registryToken = await token(registry, ['registry_office']);
    const headToken = await token(head, ['head']);

    // Two applications, so that routes with an id reach a real one.
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${base}/api/v1/applications`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${registryToken}`,
          'content-type': 'application/json',
          'idempotency-key': `fuzz-setup-${i}`,
        },
        body: JSON.stringify({
          serviceCode: 'duplicates',
          channel: 'provider_office',
          applicantIin: citizen.iin,
          providerOrganisationId: 'kst-school-1',
          fields: {
            'applicant-iin': citizen.iin,
            'document-status': 'lost',
            'name-changed': 'no',
            'result-front-office': 'kst-fo-1',
          },
        }),
      });
      expect(response.status).toBe(201);
      applicationIds.push(((await response.json()) as { applicationId: string }).applicationId);
    }

    // A citizen with a portal session (registered by code, signed in by code).
    await registerProvenCitizen({ db: database.db }, citizen, now);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.250' },
      body: JSON.stringify({ iin: citizen.iin, password }),
    });
    expect(login.status).toBe(202);
    const { challengeId } = (await login.json()) as { challengeId: string };
    const confirmed = await fetch(`${base}/api/auth/login/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.250' },
      body: JSON.stringify({ challengeId, code: sms.lastCodeTo(citizen.phone) }),
    });
    expect(confirmed.status).toBe(200);
    const citizenSession = /qyzmet_session=([^;]+)/.exec(
      confirmed.headers.get('set-cookie') ?? '',
    )?.[1];
    expect(citizenSession).toBeTruthy();

    principals.push(
      { name: 'anonymous', headers: { cookie: `qyzmet_csrf=${csrf}` } },
      {
        name: 'citizen',
        headers: { cookie: `qyzmet_session=${citizenSession}; qyzmet_csrf=${csrf}` },
      },
      { name: 'registry-token', headers: { authorization: `Bearer ${registryToken}` } },
      { name: 'head-token', headers: { authorization: `Bearer ${headToken}` } },
      { name: 'registry-office', headers: { cookie: registry.cookie } },
      { name: 'head', headers: { cookie: head.cookie } },
      { name: 'executor', headers: { cookie: executor.cookie } },
      { name: 'front-office', headers: { cookie: operator.cookie } },
      { name: 'region-administrator', headers: { cookie: administrator.cookie } },
    );
  }, 240_000);

  afterAll(async () => {
    await server?.close();
    await provisioned?.dispose();
  });

  /** GETs a page as `principal` (HTML). */
  const page = async (path: string, principal: Principal) => {
    address += 1;
    const response = await fetch(`${base}${path}`, {
      headers: { ...principal.headers, accept: 'text/html', 'x-forwarded-for': clientAddress() },
      redirect: 'manual',
    });
    return { status: response.status, html: await response.text() };
  };
  const clientAddress = () => `198.18.${(address >> 8) & 255}.${address & 255}`;

  /** Forms seen by each principal, by a shallow crawl from the entry pages. */
  async function crawl(): Promise<Array<{ principal: Principal; form: PageForm }>> {
    const roots = [
      '/',
      '/login',
      '/register',
      '/status',
      '/home-visit',
      '/staff/login',
      '/services',
      '/cabinet',
      '/front-office',
      '/back-office',
      '/admin',
      ...applicationIds.flatMap((id) => [
        `/back-office/applications/${id}`,
        `/cabinet/applications/${id}`,
        `/front-office/applications/${id}`,
      ]),
    ];
    const found: Array<{ principal: Principal; form: PageForm }> = [];
    const seen = new Set<string>();
    for (const principal of principals.filter((p) => !p.headers.authorization)) {
      const queue = [...roots];
      const visited = new Set<string>();
      while (queue.length > 0 && visited.size < 20) {
        const path = queue.shift()!;
        if (visited.has(path) || /logout|sign-out|\.pdf|download|\/verify\//.test(path)) continue;
        visited.add(path);
        const { status, html } = await page(path, principal);
        expect(status, `${principal.name} GET ${path}`).toBeLessThan(500);
        if (status !== 200) continue;
        for (const form of parseForms(html, path.split('?')[0]!)) {
          const key = `${principal.name} ${form.method} ${form.action} ${[...form.fields.keys()].join(',')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          found.push({ principal, form });
        }
        if (roots.includes(path))
          for (const link of parseLinks(html)) if (!visited.has(link)) queue.push(link);
      }
    }
    return found;
  }

  const pathValue = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('APPLICATION') },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: badString.filter((s) => s.length < 2_000) },
  );

  function fillPath(path: string, value: string): string {
    const id = applicationIds[0]!;
    return path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, () =>
      value === 'APPLICATION' ? id : percentEncode(value),
    );
  }

  function resolve(
    schema: Schema | undefined,
    document: Record<string, unknown>,
  ): Schema | undefined {
    if (!schema) return undefined;
    if (schema.$ref) {
      const target = schema.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], document);
      return resolve(target as Schema, document);
    }
    if (schema.properties) {
      return {
        ...schema,
        properties: Object.fromEntries(
          Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, document) ?? {}]),
        ),
      };
    }
    return schema;
  }

  async function apiTargets(): Promise<Target[]> {
    const document = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: Array<{ name: string; in: string; schema?: Schema }>;
            requestBody?: { content?: Record<string, { schema?: Schema }> };
          }
        >
      >;
    };
    const targets: Target[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const parameters = operation.parameters ?? [];
        const queryParameters = parameters.filter((p) => p.in === 'query');
        const schema = resolve(
          operation.requestBody?.content?.['application/json']?.schema,
          document as never,
        );
        const querySchema: Schema = {
          type: 'object',
          properties: Object.fromEntries(
            queryParameters.map((p) => [
              p.name,
              resolve(p.schema, document as never) ?? { type: 'string' },
            ]),
          ),
        };
        targets.push({
          kind: 'api',
          method: method.toUpperCase() as Target['method'],
          path: path.replace(/\{([^}]+)\}/g, ':$1'),
          principals: path.startsWith('/api/auth')
            ? principals.filter((p) => !p.headers.authorization)
            : principals.filter(
                (p) => p.name === 'anonymous' || p.name === 'citizen' || p.headers.authorization,
              ),
          fields: schema
            ? schema.properties
              ? objectOf(schema)
              : plausible(schema).map((v) => ({ value: v }))
            : fc.constant({}),
          query: queryParameters.length ? objectOf(querySchema) : fc.constant({}),
          pathValues: pathValue,
          preferred: 'json',
          hasBody: method !== 'get' && method !== 'delete',
        });
      }
    }
    return targets;
  }

  function webTargets(forms: Array<{ principal: Principal; form: PageForm }>): Target[] {
    const routes = new Map<string, string>();
    for (const route of app?.routes ?? []) {
      if (route.method !== 'POST' || route.path.startsWith('/api') || route.path.includes('*'))
        continue;
      routes.set(route.path, route.path);
    }
    const targets: Target[] = [];
    const fieldsArbitrary = (names: string[], defaults: ReadonlyMap<string, string>) =>
      objectOf({
        type: 'object',
        properties: Object.fromEntries(names.map((name) => [name, { type: 'string' }])),
      }).map((object) => {
        // Keep the CSRF token most of the time, so that the handler behind it is reached.
        if (defaults.has('_csrf') || names.includes('_csrf')) object._csrf = csrf;
        for (const [name, value] of defaults)
          if (!(name in object) && value && name !== '_csrf') object[name] = value;
        return object;
      });
    for (const path of routes.keys()) {
      const pattern = routePattern(path);
      const matching = forms.filter(
        ({ form }) => form.method === 'POST' && pattern.test(form.action),
      );
      const names = new Set<string>(['_csrf']);
      const defaults = new Map<string, string>();
      for (const { form } of matching)
        for (const [name, value] of form.fields) {
          names.add(name);
          defaults.set(name, value);
        }
      if (matching.length === 0)
        for (const name of ['iin', 'password', 'reason', 'comment', 'number', 'code', 'name'])
          names.add(name);
      const who =
        matching.length > 0
          ? [...new Set(matching.map((m) => m.principal))]
          : principals.filter((p) => !p.headers.authorization);
      const concrete = matching[0]?.form.action;
      targets.push({
        kind: 'web-post',
        method: 'POST',
        path: concrete && path.includes(':') ? concrete : path,
        principals: who,
        fields: fieldsArbitrary([...names], defaults),
        query: fc.constant({}),
        pathValues: pathValue,
        preferred: 'form',
        hasBody: true,
        fromForm: matching.length > 0,
      });
    }
    // A GET form once per action (the same search form is on every principal's pages).
    const getForms = new Map<string, { principal: Principal; form: PageForm }>();
    for (const found of forms) {
      if (found.form.method === 'GET' && !getForms.has(found.form.action))
        getForms.set(found.form.action, found);
    }
    for (const { principal, form } of getForms.values()) {
      targets.push({
        kind: 'web-get-form',
        method: 'GET',
        path: form.action,
        principals: [principal],
        fields: fc.constant({}),
        query: fieldsArbitrary([...form.fields.keys()], new Map()),
        pathValues: pathValue,
        preferred: 'form',
        hasBody: false,
      });
    }
    return targets;
  }

  async function auditActionsAfter(id: number): Promise<string[]> {
    const rows = await sql<{
      action: string;
    }>`select action from audit_event where id > ${id}`.execute(server.database.db);
    return rows.rows.map((row) => row.action);
  }
  async function lastAuditId(): Promise<number> {
    const row = await sql<{ id: number | null }>`select max(id) as id from audit_event`.execute(
      server.database.db,
    );
    return Number(row.rows[0]?.id ?? 0);
  }

  it(
    'answers every case below 500, localised, and a refused request changes nothing',
    async () => {
      const forms = await crawl();
      const targets = [...(await apiTargets()), ...webTargets(forms)];
      const failures: Failure[] = [];
      let requests = 0;
      /** Requests slower than this are listed (a hang would show here before the timeout). */
      const slowMs = 5_000;
      const slow: string[] = [];
      let refused = 0;
      const statuses = new Map<number, number>();
      let before: TableSnapshot = await snapshotTables(server.database.db, untracked);
      let auditBefore = await lastAuditId();

      for (const target of targets) {
        const arbitrary = fc.record({
          principal: fc.constantFrom(...target.principals),
          locale: fc.constantFrom<Locale>(...locales),
          pathValue: target.pathValues,
          query: target.query,
          body: target.hasBody
            ? bodyFor(target.fields, target.preferred)
            : fc.constant<FuzzBody | undefined>(undefined),
          idempotencyKey: fc.oneof(
            fc.constant(undefined),
            fc.uuid(),
            badString.filter((s) => s.length < 200),
          ),
        });
        const label = `${target.kind} ${target.method} ${target.path}`;
        await fc.assert(
          fc.asyncProperty(arbitrary, async (c) => {
            address += 1;
            const query = Object.entries(c.query).map(
              ([name, value]) =>
                [name, typeof value === 'string' ? value : (JSON.stringify(value) ?? '')] as const,
            );
            const url = `${base}${fillPath(target.path, c.pathValue)}${query.length ? `?${urlEncoded(query)}` : ''}`;
            const headers: Record<string, string> = {
              ...c.principal.headers,
              'accept-language': c.locale,
              'x-forwarded-for': clientAddress(),
              accept: target.kind === 'api' ? 'application/json' : 'text/html',
            };
            if (target.kind !== 'api')
              headers.cookie = `${headers.cookie ?? ''}; qyzmet_lang=${c.locale}`;
            if (c.body?.contentType) headers['content-type'] = c.body.contentType;
            if (c.idempotencyKey !== undefined && target.kind === 'api')
              headers['idempotency-key'] = percentEncode(c.idempotencyKey);
            const started = Date.now();
            let status: number;
            let answer: string;
            let contentType: string;
            try {
              const response = await fetch(url, {
                method: target.method,
                headers,
                ...(c.body ? { body: c.body.bytes } : {}),
                redirect: 'manual',
                signal: AbortSignal.timeout(30_000),
              });
              status = response.status;
              contentType = response.headers.get('content-type') ?? '';
              answer = await response.text();
            } catch (error) {
              status = -1;
              contentType = '';
              answer = String(error);
            }
            requests += 1;
            const elapsedMs = Date.now() - started;
            if (elapsedMs > slowMs)
              slow.push(`${label} ${c.body?.kind ?? ''} ${status} ${elapsedMs} ms`);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            const failure = (problem: string) =>
              failures.push({
                target: label,
                principal: c.principal.name,
                url: url.slice(0, 300),
                body: c.body
                  ? `${c.body.kind}: ${new TextDecoder().decode(c.body.bytes.slice(0, 300))}`
                  : '',
                status,
                problem,
                answer: answer.slice(0, 400),
              });
            if (status < 0 || status >= 500) failure('no answer below 500');
            if (status >= 400 && status < 500) {
              refused += 1;
              if (contentType.includes('application/json')) {
                const body = JSON.parse(answer) as {
                  error?: { code?: string; message?: string; details?: Record<string, unknown> };
                };
                const code = body.error?.code as ErrorCode | undefined;
                if (!code || !(code in errorTable))
                  failure('refusal without a code of the error table');
                else {
                  // An answer of the HTTP parser (before the language is read) gives all three.
                  const expected = errorMessage(code, c.locale, body.error?.details);
                  const message = body.error?.message ?? '';
                  if (message !== expected && !message.split(' / ').includes(expected))
                    failure(`refusal not in ${c.locale}`);
                }
              } else if (!contentType.includes('text/html')) {
                failure(`refusal neither JSON nor a page (${contentType})`);
              }
              const after = await snapshotTables(server.database.db, untracked);
              const changed = changedTables(before, after);
              if (changed.length > 0) failure(`refused, yet changed ${changed.join(', ')}`);
              const audited = (await auditActionsAfter(auditBefore)).filter(
                (action) => !/failed|delayed/.test(action),
              );
              if (audited.length > 0) failure(`refused, yet audited ${audited.join(', ')}`);
              before = after;
            } else {
              before = await snapshotTables(server.database.db, untracked);
            }
            auditBefore = await lastAuditId();
            return true;
          }),
          { seed, numRuns: runs, endOnFailure: true },
        );
      }

      const counts = {
        seed,
        runsPerTarget: runs,
        apiOperations: targets.filter((t) => t.kind === 'api').length,
        webPostRoutes: targets.filter((t) => t.kind === 'web-post').length,
        webPostRoutesWithForm: targets.filter(
          (t) => t.kind === 'web-post' && t.principals.length > 0,
        ).length,
        getForms: targets.filter((t) => t.kind === 'web-get-form').length,
        formsFound: forms.length,
        requests,
        refused,
        statuses: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
      };
      console.log(`fuzz on ${testBackend}: ${JSON.stringify(counts)}`);
      expect(counts.apiOperations).toBeGreaterThan(10);
      expect(counts.webPostRoutes).toBeGreaterThan(10);
      if (slow.length > 0) console.log(`fuzz: slow answers:\n${slow.join('\n')}`);
      if (failures.length > 0) console.log(`fuzz failures: ${failures.length}`);
      expect(failures.slice(0, 40)).toEqual([]);
    },
    timeoutMs,
  );
});
