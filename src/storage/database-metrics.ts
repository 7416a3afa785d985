import { Gauge } from 'prom-client';
import { sql } from 'kysely';
import type { Metrics } from '../config/metrics.js';
import type { DatabaseHandle } from './db.js';

/**
 * Gauges read from the database when /metrics is scraped, so every node reports the same
 * truth about the outbox backlog (messages neither delivered nor refused, and the age of the
 * oldest) and whether the database answers; and this process's connection pool. One indexed
 * statement per scrape (outbox_message_pending_idx).
 */
export function registerDatabaseGauges(
  metrics: Metrics,
  database: DatabaseHandle,
  now: () => Date,
): void {
  const registers = [metrics.registry];
  // prom-client serialises the metrics in the order they were registered, calling each one's
  // collect() just before: the one statement runs in the first gauge's collect and sets the
  // two after it.
  const outboxOldest = new Gauge({
    name: 'qyzmet_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest outbox message not delivered yet (0 when none).',
    registers: [],
  });
  const databaseUp = new Gauge({
    name: 'qyzmet_database_up',
    help: '1 when the database answered the last scrape, 0 when it did not.',
    registers: [],
  });
  new Gauge({
    name: 'qyzmet_outbox_pending_messages',
    help: 'Outbox messages neither delivered nor refused yet.',
    registers,
    async collect() {
      try {
        const row = await database.db
          .selectFrom('outbox_message')
          .select([
            sql<number>`count(*)::int8`.as('pending'),
            sql<Date | null>`min(created_at)`.as('oldest'),
          ])
          .where('delivered_at', 'is', null)
          .where('failed_at', 'is', null)
          .executeTakeFirstOrThrow();
        this.set(row.pending);
        outboxOldest.set(
          row.oldest ? Math.max(0, (now().getTime() - row.oldest.getTime()) / 1000) : 0,
        );
        databaseUp.set(1);
      } catch {
        databaseUp.set(0);
      }
    },
  });
  metrics.registry.registerMetric(outboxOldest);
  metrics.registry.registerMetric(databaseUp);
  new Gauge({
    name: 'qyzmet_database_pool_connections',
    help: 'Connections of this process to PostgreSQL by state (total, idle, waiting clients).',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const connections = database.connections();
      if (!connections) return;
      for (const [state, value] of Object.entries(connections)) this.set({ state }, value);
    },
  });
}
