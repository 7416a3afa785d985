import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOperations } from '../../src/http/api/v1/index.js';
import { openApiPath } from '../../src/http/api/v1/openapi.js';
import { RegulationCatalogue } from '../../src/http/api/v1/schemas.js';
import { createApiFixture, type ApiFixture } from '../support/api.js';
import { testBackend } from '../support/database.js';

describe(`OpenAPI document, reference page and regulations catalogue on ${testBackend}`, () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture('2019-04-01T04:00:00Z');
  });
  afterAll(async () => {
    await f?.database.close();
  });

  it('serves an OpenAPI 3.1 document in which every /api/v1 route is present', async () => {
    const response = await f.call('GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const document = JSON.parse(await response.text()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; responses: object }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const routes = f.app.routes
      .filter((route) => route.path.startsWith('/api/v1/') && route.method !== 'ALL')
      .map((route) => `${route.method.toLowerCase()} ${openApiPath(route.path)}`);
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(routes.length).toBe(apiOperations.length);
    expect(new Set(documented)).toEqual(new Set(routes));
    for (const expected of [
      'get /api/v1/regulations',
      'get /api/v1/regulations/{id}',
      'post /api/v1/applications',
      'get /api/v1/applications',
      'get /api/v1/applications/{id}',
      'post /api/v1/applications/{id}/commands',
      'get /api/v1/inbox',
      'get /api/v1/me/applications',
      'get /api/v1/public/status/{number}',
    ]) {
      expect(documented).toContain(expected);
    }
    const operationIds = Object.values(document.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => operation.operationId),
    );
    expect(new Set(operationIds).size).toBe(operationIds.length);
    const command = document.paths['/api/v1/applications/{id}/commands']!.post as unknown as {
      requestBody: {
        content: { 'application/json': { schema: { oneOf?: unknown[]; anyOf?: unknown[] } } };
      };
      parameters: { name: string; in: string }[];
      responses: Record<string, unknown>;
    };
    const variants =
      command.requestBody.content['application/json'].schema.oneOf ??
      command.requestBody.content['application/json'].schema.anyOf;
    // complete_step, extend_term, suspend, resume, decide_appeal and (issue 18, point 7)
    // return_draft: the command table's rows with api: true.
    expect(variants).toHaveLength(6);
    expect(JSON.stringify(variants)).toContain('"return_draft"');
    expect(command.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'id', in: 'path' }),
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
      ]),
    );
    expect(Object.keys(command.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403', '404', '409', '422']),
    );
    const publicStatus = document.paths['/api/v1/public/status/{number}']!.get as unknown as {
      security: unknown[];
    };
    expect(publicStatus.security).toEqual([]);
  });

  it('renders a self-contained reference page listing every operation', async () => {
    const response = await f.call('GET', '/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await response.text();
    for (const operation of apiOperations) {
      expect(page).toContain(openApiPath(operation.path));
      expect(page).toContain(`id="${operation.operationId}"`);
    }
    expect(page).not.toMatch(/<script|<link|src="|https?:\/\/(?!localhost)/i);
  });

  it('lists the services in force per region with channels, term, fee, documents and results', async () => {
    const response = await f.call('GET', '/api/v1/regulations?region=kostanay&date=2019-04-01');
    expect(response.status).toBe(200);
    const catalogue = RegulationCatalogue.parse(await response.json());
    expect(catalogue.date).toBe('2019-04-01');
    const duplicates = catalogue.items.find((item) => item.serviceCode === 'duplicates');
    expect(duplicates).toMatchObject({
      id: 'kostanay.duplicates.2018-12-21',
      region: 'kostanay',
      channels: ['provider_office', 'front_office'],
    });
    expect(duplicates!.terms.length).toBeGreaterThan(0);
    expect(duplicates!.results.length).toBeGreaterThan(0);
    expect(catalogue.items.every((item) => item.region === 'kostanay')).toBe(true);

    const all = RegulationCatalogue.parse(
      await (await f.call('GET', '/api/v1/regulations?date=2019-04-01')).json(),
    );
    expect(new Set(all.items.map((item) => item.region)).size).toBeGreaterThan(1);

    const one = await f.call('GET', '/api/v1/regulations/kostanay.duplicates.2018-12-21');
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id: 'kostanay.duplicates.2018-12-21' });
    expect((await f.call('GET', '/api/v1/regulations/nowhere.nothing.2000-01-01')).status).toBe(
      404,
    );
    expect((await f.call('GET', '/api/v1/regulations?region=mars')).status).toBe(422);
  });
});
