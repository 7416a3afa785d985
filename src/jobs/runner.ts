import type { Logger } from '../config/logger.js';
import type { Metrics } from '../config/metrics.js';

/** A background job: one round of work over rows it claims itself (FOR UPDATE SKIP LOCKED). */
export interface Job {
  readonly name: string;
  /** How often a round runs, by the injected clock. */
  readonly everyMs: number;
  /** One round; resolves to how many items it changed (a full batch runs again at once). */
  run(): Promise<number>;
  /** Items per round at most; when a round changes this many, the next runs without waiting. */
  readonly batchSize?: number;
}

/** Runs jobs in a loop until stopped; any number of runners may share one database. */
export interface JobRunner {
  /** Runs every job once, now; what each changed. Failures are logged, not thrown. */
  runOnce(): Promise<Record<string, number>>;
  /** Starts the loop (idempotent). */
  start(): void;
  /** Stops the loop after the round in progress. */
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  readonly jobs: readonly Job[];
  readonly logger: Logger;
  /** The clock that decides when a job is due; injected so tests skip time. */
  readonly now: () => Date;
  /** Pause between loop turns (wall time). */
  readonly pollMs: number;
  /** Where rounds are counted and timed (GET /metrics); absent: not measured. */
  readonly metrics?: Metrics;
}

/**
 * A small PostgreSQL-backed job runner. It holds no state that two runners would disagree
 * on: every job claims its rows in the database (`FOR UPDATE SKIP LOCKED`, leases), so
 * several processes — the server in-process and `qyzmet worker`s — can run side by side.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const lastRun = new Map<string, number>();
  let loop: Promise<void> | undefined;
  let isStopping = false;
  let wake: (() => void) | undefined;

  async function runJob(job: Job): Promise<number> {
    let total = 0;
    const started = performance.now();
    let outcome: 'ok' | 'failed' = 'ok';
    try {
      // Drain: a round that filled its batch is followed by another at once.
      for (let rounds = 0; rounds < 100; rounds += 1) {
        const changed = await job.run();
        total += changed;
        if (!job.batchSize || changed < job.batchSize || isStopping) break;
      }
      if (total > 0) options.logger.debug({ job: job.name, changed: total }, 'job round');
    } catch (error) {
      outcome = 'failed';
      options.logger.error({ err: error, job: job.name }, 'job round failed');
    }
    const metrics = options.metrics;
    if (metrics) {
      metrics.jobRounds.inc({ job: job.name, outcome });
      metrics.jobRoundDuration.observe({ job: job.name }, (performance.now() - started) / 1000);
      if (total > 0) metrics.jobItems.inc({ job: job.name }, total);
      // Wall time, not the injected clock: Prometheus compares it with its own time().
      if (outcome === 'ok') metrics.jobLastRound.set({ job: job.name }, Date.now() / 1000);
    }
    return total;
  }

  async function runOnce(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const job of options.jobs) {
      lastRun.set(job.name, options.now().getTime());
      result[job.name] = await runJob(job);
    }
    return result;
  }

  async function runLoop(): Promise<void> {
    while (!isStopping) {
      const now = options.now().getTime();
      for (const job of options.jobs) {
        if (isStopping) break;
        const last = lastRun.get(job.name);
        if (last !== undefined && now - last < job.everyMs) continue;
        lastRun.set(job.name, now);
        await runJob(job);
      }
      if (isStopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  return {
    runOnce,
    start() {
      if (loop) return;
      isStopping = false;
      loop = runLoop();
      options.logger.info({ jobs: options.jobs.map((job) => job.name) }, 'worker started');
    },
    async stop() {
      if (!loop) return;
      isStopping = true;
      wake?.();
      await loop;
      loop = undefined;
      options.logger.info('worker stopped');
    },
  };
}
