import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLimits } from '../../src/http/request-guard.js';
import { provisionDatabase, type ProvisionedDatabase } from '../support/database.js';
import { startTestServer } from '../support/server.js';

/**
 * Issue 16, defect 3: nothing bounded a body under /api (a 150 MB submit grew the server to
 * 694 MB; 100 MB "passwords" were hashed). Over a real socket: a declared Content-Length over
 * the limit is refused before the body is sent, a chunked body is counted while it streams,
 * a password longer than 128 characters is refused before hashing; all 413/422 localised.
 */
describe('request bodies are bounded at the edge', () => {
  let provisioned: ProvisionedDatabase;
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    provisioned = await provisionDatabase();
    server = await startTestServer(provisioned.database);
  });
  afterAll(async () => {
    await server?.close();
    await provisioned?.dispose();
  });

  interface Answer {
    status: number;
    headers: http.IncomingHttpHeaders;
    body: string;
    /** Bytes of the body the client had written when the answer came. */
    bytesSent: number;
  }

  /**
   * Sends `total` bytes of `chunk` (repeated) to `path`, chunked unless `declaredLength` is
   * given; stops writing as soon as the server answers.
   */
  function send(
    path: string,
    options: {
      total: number;
      declaredLength?: number;
      contentType?: string;
      headers?: Record<string, string>;
    },
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      let bytesSent = 0;
      let isAnswered = false;
      const request = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path,
          method: 'POST',
          headers: {
            'content-type': options.contentType ?? 'application/json',
            'accept-language': 'ru',
            ...(options.declaredLength !== undefined
              ? { 'content-length': String(options.declaredLength) }
              : { 'transfer-encoding': 'chunked' }),
            ...options.headers,
          },
        },
        (response) => {
          isAnswered = true;
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (part: string) => (body += part));
          response.on('end', () =>
            resolve({ status: response.statusCode!, headers: response.headers, body, bytesSent }),
          );
        },
      );
      request.on('error', (error) => (isAnswered ? undefined : reject(error)));
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (!isAnswered && bytesSent < options.total) {
          const part = chunk.subarray(0, Math.min(chunk.length, options.total - bytesSent));
          bytesSent += part.length;
          if (!request.write(part)) {
            request.once('drain', pump);
            return;
          }
        }
        if (!isAnswered) request.end();
      };
      pump();
    });
  }

  function expectTooLarge(answer: Answer) {
    expect(answer.status).toBe(413);
    const body = JSON.parse(answer.body) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('payload_too_large');
    expect(body.error.message).toMatch(/Запрос слишком большой/);
  }

  it('a declared 100 MB login is refused before it is sent', async () => {
    const answer = await send('/api/auth/login', {
      total: 100 * 1024 * 1024,
      declaredLength: 100 * 1024 * 1024,
    });
    expectTooLarge(answer);
    // Answered long before the 100 MB were written.
    expect(answer.bytesSent).toBeLessThan(20 * 1024 * 1024);
  });

  it('a chunked 150 MB submit is counted while it streams and refused at the limit', async () => {
    const answer = await send('/api/v1/applications', { total: 150 * 1024 * 1024 });
    expectTooLarge(answer);
    expect(answer.bytesSent).toBeLessThan(40 * 1024 * 1024);
    const rss = process.memoryUsage().rss;
    expect(rss).toBeLessThan(1024 * 1024 * 1024);
  });

  it('the JSON API takes 1 MB; /api/auth takes 16 KB', async () => {
    expectTooLarge(
      await send('/api/v1/applications', {
        total: requestLimits.apiBodyBytes + 1,
        declaredLength: requestLimits.apiBodyBytes + 1,
      }),
    );
    expectTooLarge(await send('/api/auth/register', { total: requestLimits.authBodyBytes + 1 }));
  });

  it('a page form over 25 MB is a 413 page', async () => {
    const answer = await send('/login', {
      total: requestLimits.uploadBodyBytes + 1,
      contentType: 'multipart/form-data; boundary=x',
      headers: { accept: 'text/html' },
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatch(/Запрос слишком большой/);
  });

  it('a 129-character password is refused before hashing, on login and on registration', async () => {
    const json = (body: unknown) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: JSON.stringify(body),
      });
    const started = performance.now();
    const response = await json({ iin: '900101300007', password: 'p'.repeat(129) });
    const elapsed = performance.now() - started;
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      error: { code: string; details: { issues: Array<{ rule: string; path: string }> } };
    };
    expect(body.error.details.issues).toContainEqual(
      expect.objectContaining({ path: 'password', rule: 'too_long' }),
    );
    expect(elapsed).toBeLessThan(5_000);
    const registration = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        iin: '900101300007',
        password: 'p'.repeat(5000),
        phone: '+77010000000',
      }),
    });
    expect(registration.status).toBe(422);
  });

  it('a text field longer than 256 KiB in a JSON body is 422', async () => {
    const response = await fetch(`${server.url}/api/auth/password-reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ iin: '9'.repeat(10) }),
    });
    expect(response.status).toBeLessThan(500);
    const long = await fetch(`${server.url}/api/v1/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'x'.repeat(requestLimits.fieldChars + 1) }),
    });
    expect(long.status).toBe(422);
    const body = (await long.json()) as { error: { details: { issues: Array<{ rule: string }> } } };
    expect(body.error.details.issues[0]!.rule).toBe('too_long');
  });

  it('still serves after all of that', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
