import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromRoot } from './paths.js';

const LINES = 5_000;

/**
 * A child process that logs `LINES` lines through the server's batched destination (a
 * burst: most of them wait in its buffer), then ends the way `ending` says.
 */
const script = (ending: string) => `
import { batchedStandardOutput, createLogger } from ${JSON.stringify(fromRoot('src', 'config', 'logger.ts'))};
const logger = createLogger({ logLevel: 'info', env: 'production' }, batchedStandardOutput());
for (let i = 0; i < ${LINES}; i += 1) logger.info({ i, user: { password: 'secret' } }, 'line');
${ending}
`;

/** Runs the script; `readDelayMs` holds the pipe's reader back (a slow log collector). */
function run(ending: string, readDelayMs = 0) {
  return new Promise<{ code: number | null; lines: Array<Record<string, unknown>> }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module'], {
        cwd: fromRoot(),
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      child.stdin.end(script(ending));
      let output = '';
      child.stdout.pause();
      setTimeout(() => {
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stdout.resume();
      }, readDelayMs);
      child.once('error', reject);
      child.once('close', (code) =>
        resolve({
          code,
          lines: output
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as Record<string, unknown>),
        }),
      );
    },
  );
}

describe('the server log, written a turn at a time', () => {
  it.each([
    ['a graceful end (the event loop empties)', `logger.info({ i: ${LINES} }, 'line');`, 0],
    ['process.exit()', `logger.info({ i: ${LINES} }, 'line'); process.exit(3);`, 3],
    [
      'an uncaught exception',
      `setTimeout(() => { logger.info({ i: ${LINES} }, 'line'); throw new Error('boom'); });`,
      1,
    ],
    [
      'an unhandled rejection',
      `setTimeout(() => { logger.info({ i: ${LINES} }, 'line'); void Promise.reject(new Error('boom')); });`,
      1,
    ],
  ])(
    'writes every line, in order, on %s — also to a slow reader',
    async (_name, ending, code) => {
      for (const readDelayMs of [0, 300]) {
        const result = await run(ending, readDelayMs);
        expect(result.code).toBe(code);
        expect(result.lines.map((line) => line.i)).toEqual(
          Array.from({ length: LINES + 1 }, (_, i) => i),
        );
        // The same lines as the synchronous logger wrote: the redaction still applies.
        expect(result.lines[0]).toMatchObject({
          level: 30,
          service: 'qyzmet',
          msg: 'line',
          user: { password: '[redacted]' },
        });
      }
    },
    60_000,
  );
});
