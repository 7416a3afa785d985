// The worker's `monitoring` job alone, as its own process (bench/monitoring-submit-cost.bench.ts):
// drains the marks in rounds of 200, waits WORKER_POLL_MS (1 s), again, until SIGTERM; then
// prints how many applications it folded.
import { refreshIndicators } from '../../src/features/monitoring/refresh-indicators.js';
import { openDatabase } from '../../src/storage/db.js';
import { applicationServices } from '../../test/support/applications.js';

const database = await openDatabase({
  kind: 'postgres',
  url: process.env.DATABASE_URL!,
  poolSize: 2,
});
const services = applicationServices(database, () => new Date());
let running = true;
let applications = 0;
process.on('SIGTERM', () => {
  running = false;
});
console.log('ready');
while (running) {
  for (;;) {
    const round = await refreshIndicators(services);
    applications += round.applications;
    if (round.claimed < 200 || !running) break;
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}
await database.close();
console.log(JSON.stringify({ applications }));
