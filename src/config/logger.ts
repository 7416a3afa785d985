import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/**
 * The server's log destination: standard output, written asynchronously (issue 21). Every
 * request writes a line; a synchronous write made each request wait for the system call, and
 * for the reader of the pipe when it was slow (30–38 µs a line to a pipe against 6 µs). Lines
 * that come while a write is on its way are kept in memory and written together with the next
 * one, in order.
 *
 * Nothing is lost on the ways a process ends: on a graceful stop (`serve`, `worker` on SIGTERM
 * or SIGINT) the event loop runs until the buffer is written; on `process.exit()`, an uncaught
 * exception or an unhandled rejection pino writes what is left synchronously in the process's
 * `exit` event (`logger.test.ts` checks each). The other commands (the worker, the one-shot
 * commands that print their result after their log) keep the synchronous default. Only a process killed outright (SIGKILL, a
 * signal without a handler) can lose the lines of its last moments — a log is not
 * acknowledged data. At most `maxBufferedBytes` wait in memory: past that (a reader that stopped
 * reading) new lines are dropped rather than the process growing without bound.
 */
export function asynchronousStandardOutput(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, maxLength: maxBufferedBytes });
}

/** The most the asynchronous log holds in memory before it drops lines (16 MiB). */
export const maxBufferedBytes = 16 * 1024 * 1024;

/**
 * The structured JSON logger; one per process, children carry a request id or job id. It
 * writes to standard output, synchronously unless given another destination (the server's:
 * `asynchronousStandardOutput()`).
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
