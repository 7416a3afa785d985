// Due-time benchmark (issue 4; product.md goal: ≥ 1,000,000 due computations per second).
// Run: npx tsx bench/due-time.bench.ts [--seconds 2]
// Prints one JSON line: {"bench":"due-time","value":<ops/s>,"unit":"ops/s","baseline":<naive ops/s>,"ratio":value/baseline}
// The baseline is the naive day-by-day loop of test/support/naive-due.ts, on the same mix, in the same run.
import {
  addDuration,
  standardSchedules,
  type Duration,
  type StandardScheduleId,
  type WorkingTime,
} from '../src/domain/calendar/index.js';
import { kzCalendar, kzWorkingTime } from '../test/support/calendar.js';
import { NaiveDue } from '../test/support/naive-due.js';

const secondsArgument = process.argv.indexOf('--seconds');
const seconds = secondsArgument >= 0 ? Number(process.argv[secondsArgument + 1]) : 2;

// A mix of the terms the regulations use (seeds 000–004): minutes at intake, hours for the head,
// working days for the executor and the whole service, calendar days for archives.
const terms: Duration[] = [
  { amount: 15, unit: 'minutes' },
  { amount: 30, unit: 'minutes' },
  { amount: 3, unit: 'hours' },
  { amount: 1, unit: 'working_days' },
  { amount: 5, unit: 'working_days' },
  { amount: 13, unit: 'working_days' },
  { amount: 15, unit: 'working_days' },
  { amount: 30, unit: 'calendar_days' },
];
const schedules: StandardScheduleId[] = ['provider-office', 'front-office', 'portal'];
const zones = ['Asia/Almaty', 'Asia/Oral'];

interface Task {
  time: WorkingTime;
  naive: NaiveDue;
  start: number;
  term: Duration;
  excludeStartDay: boolean;
}

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const naives = new Map<string, NaiveDue>();
const from = Date.parse('2013-01-01T00:00Z');
const to = Date.parse('2026-12-01T00:00Z');
const tasks: Task[] = [];
for (let index = 0; index < 4096; index += 1) {
  const schedule = pick(schedules);
  const zone = pick(zones);
  const key = `${schedule}|${zone}`;
  let naive = naives.get(key);
  if (!naive) {
    naive = new NaiveDue(kzCalendar(), standardSchedules[schedule], zone);
    naives.set(key, naive);
  }
  tasks.push({
    time: kzWorkingTime(schedule, zone),
    naive,
    start: Math.floor((from + random() * (to - from)) / 60_000) * 60_000,
    term: pick(terms),
    excludeStartDay: random() < 0.5,
  });
}

// Both implementations must agree on the whole mix before anything is timed.
for (const task of tasks) {
  const fast = addDuration(task.time, task.start, task.term, {
    excludeStartDay: task.excludeStartDay,
  });
  const slow = task.naive.add(task.start, task.term, { excludeStartDay: task.excludeStartDay });
  if (fast !== slow)
    throw new Error(
      `disagreement at ${new Date(task.start).toISOString()} ${JSON.stringify(task.term)}: ${fast} vs ${slow}`,
    );
}

function measure(run: (task: Task) => number, budgetMs: number): number {
  let operations = 0;
  let checksum = 0;
  const began = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    for (const task of tasks) checksum += run(task) % 1000;
    operations += tasks.length;
    elapsed = performance.now() - began;
  }
  if (checksum === -1) console.log('unreachable');
  return (operations / elapsed) * 1000;
}

const fast = (task: Task) =>
  addDuration(task.time, task.start, task.term, { excludeStartDay: task.excludeStartDay });
const naive = (task: Task) =>
  task.naive.add(task.start, task.term, { excludeStartDay: task.excludeStartDay });
measure(fast, 300); // warm-up
measure(naive, 300);
const value = Math.round(measure(fast, seconds * 1000));
const baseline = Math.round(measure(naive, seconds * 1000));
console.log(
  JSON.stringify({
    bench: 'due-time',
    value,
    unit: 'ops/s',
    baseline,
    ratio: Number((value / baseline).toFixed(1)),
  }),
);
