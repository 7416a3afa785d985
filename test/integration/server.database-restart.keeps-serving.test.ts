import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '../../scripts/postgres-cluster.mjs';
import { fromRoot } from '../../src/config/paths.js';

/**
 * Issue 16, defect 1: a PostgreSQL restart under load used to end the server process (a
 * checked-out `pg` client had no `error` listener) and a database outage was a 500. This
 * runs the built server as a process on its own throwaway PostgreSQL cluster (always
 * PostgreSQL: the restart is the point), with the in-process worker polling, restarts the
 * database twice under a small load, and checks that the process lives, that every answer
 * during the outage was the ordinary one or a retryable 503 (localised, Retry-After), and
 * that the server answers normally once the database is back.
 */
describe('qyzmet serve across a PostgreSQL restart', () => {
  let cluster: PostgresCluster;
  let child: ChildProcess;
  let port: number;
  const logLines: Array<Record<string, unknown>> = [];
  let exitCode: number | null | undefined;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    child = spawn(process.execPath, [fromRoot('bin', 'qyzmet.js'), 'serve'], {
      env: {
        ...process.env,
        QYZMET_NO_BUILD: '1',
        NODE_ENV: 'test',
        DATABASE_URL: cluster.url,
        DATABASE_POOL_SIZE: '4',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DEMO_DATA: 'false',
        WORKER_ENABLED: 'true',
        WORKER_POLL_MS: '100',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.once('exit', (code) => (exitCode = code));
    let buffer = '';
    port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const text = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          try {
            const line = JSON.parse(text) as Record<string, unknown>;
            logLines.push(line);
            if (typeof line.port === 'number') resolve(line.port);
          } catch {
            // not a log line
          }
        }
      });
    });
  }, 120_000);

  afterAll(async () => {
    if (child && exitCode === undefined) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    cluster?.stop();
  });

  /** One request that reads the database: a bearer token looked up (and not found), or /health. */
  async function probe(i: number): Promise<{ status: number; response: Response; body: unknown }> {
    const response = await fetch(
      i % 3 === 0 ? `http://127.0.0.1:${port}/health` : `http://127.0.0.1:${port}/api/v1/inbox`,
      {
        headers: {
          authorization: 'Bearer qzt_restart_probe_that_does_not_exist',
          'accept-language': ['kk', 'ru', 'en'][i % 3]!,
        },
      },
    );
    const body = await response.json().catch(() => undefined);
    return { status: response.status, response, body };
  }

  it('keeps the process alive, answers 503 (retryable, localised) while down, and serves after', async () => {
    const expectedWhenUp = new Set([200, 401]);
    expect((await probe(0)).status).toBe(200);
    expect((await probe(1)).status).toBe(401);

    const seen: Array<{ status: number; retryAfter: string | null; body: unknown }> = [];
    let isLoading = true;
    const load = Array.from({ length: 6 }, async (_, worker) => {
      for (let i = worker; isLoading; i += 6) {
        try {
          const { status, response, body } = await probe(i);
          seen.push({ status, retryAfter: response.headers.get('retry-after'), body });
        } catch (error) {
          // A refused connection here would mean the HTTP server itself went away.
          seen.push({ status: -1, retryAfter: null, body: String(error) });
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await cluster.restart({ downMs: 400 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await cluster.restart({ downMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    isLoading = false;
    await Promise.all(load);

    expect(exitCode).toBeUndefined();
    expect(seen.length).toBeGreaterThan(20);
    const unexpected = seen.filter((s) => !expectedWhenUp.has(s.status) && s.status !== 503);
    expect(unexpected).toEqual([]);
    const unavailable = seen.filter((s) => s.status === 503);
    // The outage was seen (the load ran through it) and every 503 says "try again".
    expect(unavailable.length).toBeGreaterThan(0);
    for (const refused of unavailable) {
      const body = refused.body as {
        status?: string;
        error?: { code: string; message: string };
      };
      if (body.status === 'database_unavailable') continue; // /health's own answer
      expect(body.error?.code).toBe('database_unavailable');
      expect(refused.retryAfter).toMatch(/^\d+$/);
      expect(body.error?.message).not.toMatch(/internal|ECONN|57P0|terminat/i);
    }
    const messages = new Set(
      unavailable
        .map((s) => (s.body as { error?: { message: string } }).error?.message)
        .filter(Boolean),
    );
    expect(
      [...messages].some((m) =>
        /Сервис временно недоступен|temporarily unavailable|уақытша/.test(m!),
      ),
    ).toBe(true);

    // Back to normal: the pool reconnects, the worker keeps running.
    for (let i = 0; i < 6; i += 1) expect(expectedWhenUp.has((await probe(i)).status)).toBe(true);
    expect(exitCode).toBeUndefined();
    expect(logLines.some((line) => line.msg === 'database connection lost')).toBe(true);
    expect(logLines.filter((line) => line.msg === 'unhandled error')).toEqual([]);
  });
});
