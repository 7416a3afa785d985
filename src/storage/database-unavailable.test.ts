import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './db.js';

function withCode(code: string, message = 'failed'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailable', () => {
  it.each([
    ['57P01 admin_shutdown', withCode('57P01')],
    ['57P02 crash_shutdown', withCode('57P02')],
    ['57P03 cannot_connect_now', withCode('57P03')],
    ['08006 connection_failure', withCode('08006')],
    ['08P01 protocol_violation class 08', withCode('08P01')],
    ['53300 too_many_connections', withCode('53300')],
    ['ECONNREFUSED', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['ECONNRESET', withCode('ECONNRESET')],
    ['pg: terminated', new Error('Connection terminated unexpectedly')],
    [
      'pg: not queryable',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['pg-pool: connect timeout', new Error('timeout exceeded when trying to connect')],
    ['PGlite closed', new Error('PGlite is closed')],
    ['AggregateError of refusals', new AggregateError([withCode('ECONNREFUSED')], 'connect')],
    ['wrapped in cause', new Error('query failed', { cause: withCode('57P01') })],
  ])('%s: unavailable (retryable)', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['23505 unique_violation', withCode('23505')],
    ['22021 invalid byte sequence', withCode('22021')],
    ['22P02 invalid text representation', withCode('22P02')],
    ['40001 serialization_failure', withCode('40001')],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error', 'Connection terminated'],
    ['undefined', undefined],
  ])('%s: not a connection problem', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
