import http from 'node:http';
import { percentile } from './report.js';

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  errors: number;
  /** Status and body of the first failed answer, to tell why. */
  firstError?: string;
}

/** Sends `requests` GET requests to `url` from `concurrency` keep-alive clients. */
export async function loadGet(
  url: string,
  requests: number,
  concurrency: number,
): Promise<LoadResult> {
  return load({ url, requests, concurrency });
}

/** One request of a load: method, headers and body (a fresh one per request, e.g. a new idempotency key). */
export interface RequestSpec {
  method?: 'GET' | 'POST';
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Sends `requests` requests from `concurrency` keep-alive clients and measures throughput and
 * latency; `next(i)` describes request i (default: GET `url`). Answers other than 2xx count as
 * errors. Bounded in count; loopback targets only.
 */
export async function load(options: {
  url: string;
  requests: number;
  concurrency: number;
  next?: (index: number) => RequestSpec;
}): Promise<LoadResult> {
  const { url, requests, concurrency } = options;
  const target = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    throw new Error('benchmarks send traffic only to this machine');
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const one = (index: number) =>
    new Promise<void>((resolve) => {
      const spec = options.next?.(index) ?? {};
      const started = performance.now();
      const request = http.request(
        new URL(spec.path ?? target.pathname + target.search, target),
        { agent, method: spec.method ?? 'GET', headers: spec.headers },
        (response) => {
          const status = response.statusCode ?? 0;
          const isError = status < 200 || status >= 300;
          let body = '';
          response.on('data', (chunk: Buffer) => {
            if (isError && !firstError) body += chunk.toString();
          });
          response.on('end', () => {
            latencies.push(performance.now() - started);
            if (isError) {
              errors += 1;
              firstError ??= `${status} ${body.slice(0, 500)}`;
            }
            resolve();
          });
        },
      );
      request.on('error', () => {
        errors += 1;
        resolve();
      });
      request.end(spec.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next += 1;
        await one(next);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    requests,
    seconds,
    perSecond: requests / seconds,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    errors,
    ...(firstError ? { firstError } : {}),
  };
}
