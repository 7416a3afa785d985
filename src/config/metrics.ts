import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics (issue 20, operations), kept in one registry per process so
 * that a test or a second application in the same process never counts into another's. The
 * HTTP stack observes every request, the job runner every round; gauges that read the database
 * register their own `collect` (`src/storage/database-metrics.ts`). Served at `GET /metrics`
 * (METRICS_TOKEN) in the Prometheus text format.
 */
export interface Metrics {
  readonly registry: Registry;
  /** Seconds per request by method, route pattern (never the raw path) and status class. */
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  /** Rounds of each background job by outcome (`ok` / `failed`). */
  readonly jobRounds: Counter<'job' | 'outcome'>;
  /** Seconds per round of each background job. */
  readonly jobRoundDuration: Histogram<'job'>;
  /** Items each job changed (messages sent, deadlines fired, rows sealed…). */
  readonly jobItems: Counter<'job'>;
  /** When each job last finished a round (Unix seconds): its lag is `time() - this`. */
  readonly jobLastRound: Gauge<'job'>;
}

/** A fresh registry with the process's default metrics (CPU, memory, event loop, handles). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'qyzmet_' });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'qyzmet_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status class, in seconds.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    jobRounds: new Counter({
      name: 'qyzmet_job_rounds_total',
      help: 'Rounds of each background job, by outcome (ok, failed).',
      labelNames: ['job', 'outcome'] as const,
      registers: [registry],
    }),
    jobRoundDuration: new Histogram({
      name: 'qyzmet_job_round_duration_seconds',
      help: 'Seconds per round of each background job.',
      labelNames: ['job'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
      registers: [registry],
    }),
    jobItems: new Counter({
      name: 'qyzmet_job_items_total',
      help: 'Items each background job changed (messages delivered, deadlines fired, rows sealed).',
      labelNames: ['job'] as const,
      registers: [registry],
    }),
    jobLastRound: new Gauge({
      name: 'qyzmet_job_last_round_timestamp_seconds',
      help: 'When each background job last finished a round, in Unix seconds.',
      labelNames: ['job'] as const,
      registers: [registry],
    }),
  };
}
