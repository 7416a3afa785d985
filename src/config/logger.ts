import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/**
 * The server's log destination: standard output, the lines of one turn of the event loop
 * written together at its end (issue 21). Every request writes a line; writing each at once
 * cost a system call a request (and, on a loaded machine, the core, handed to the reader of the
 * pipe). Lines wait at most until the end of the current turn (`setImmediate`), or until
 * `flushAtChars` have gathered; they are written in order, synchronously (pino's synchronous
 * destination, which retries a full non-blocking pipe), so nothing is ever half on its way.
 *
 * Nothing is lost on the ways a process ends: on a graceful stop (`serve` on SIGTERM or SIGINT)
 * the pending turn writes them before the event loop empties; on `process.exit()`, an uncaught
 * exception or an unhandled rejection the process's `exit` event writes what is left
 * (`logger.test.ts` checks each). Only a process killed outright (SIGKILL) can lose the lines of
 * its last turn — a log is not acknowledged data. pino's asynchronous destination (a write on
 * libuv's thread pool) was measured first: it cost more CPU a line than the synchronous write
 * when lines come one a turn (docs/performance.md).
 */
export function batchedStandardOutput(): DestinationStream {
  const target = pino.destination({ dest: 1, sync: true });
  let pending = '';
  let isScheduled = false;
  const flush = () => {
    isScheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    target.write(text);
  };
  process.once('exit', flush);
  return {
    write(line: string) {
      pending += line;
      if (pending.length >= flushAtChars) flush();
      else if (!isScheduled) {
        isScheduled = true;
        setImmediate(flush);
      }
    },
  };
}

/** The most the turn's log holds before it is written at once (64 KiB, a pipe's buffer). */
export const flushAtChars = 64 * 1024;

/**
 * The structured JSON logger; one per process, children carry a request id or job id. It
 * writes to standard output, synchronously unless given another destination (the server's:
 * `batchedStandardOutput()`).
 */
export function createLogger(
  config: Pick<Config, 'logLevel' | 'env'>,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'qyzmet' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['*.password', '*.otp', '*.code', 'req.headers.cookie', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
