import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** The structured JSON logger; one per process, children carry a request id or job id. */
export function createLogger(config: Pick<Config, 'logLevel' | 'env'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'qyzmet' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['*.password', '*.otp', '*.code', 'req.headers.cookie', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
