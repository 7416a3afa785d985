import { createHash } from 'node:crypto';
import { sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';

const marker = '/* keep prepared */ ';

/**
 * Put first in a statement's text to keep it prepared on each PostgreSQL connection: the
 * server parses, analyses and plans it once per connection instead of once per execution, and
 * the client sends its text once (issue 21: the engine's one write per command, a CTE of up to
 * a few dozen parameters, is planned for every submission otherwise). Only for statements whose
 * text takes a bounded number of shapes (each shape is one prepared statement per connection,
 * for the connection's life); the embedded database ignores it (a comment).
 */
export const keepPrepared = sql.raw(marker);

/** The statement's name on a connection: the same text, the same name (node-postgres refuses two texts under one name). */
function statementName(text: string): string {
  return `qyzmet_${createHash('sha1').update(text).digest('hex')}`;
}

/**
 * The pool as Kysely's PostgreSQL dialect sees it, with the statements marked
 * {@link keepPrepared} sent as named (prepared) statements. Everything else passes through
 * unchanged. A connection lost with its server (a restart) goes with its statements; the next
 * connection prepares them again on first use.
 */
export function keepingPreparedStatements(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const query = (textOrCursor: unknown, values?: readonly unknown[]): unknown =>
      typeof textOrCursor === 'string' && textOrCursor.startsWith(marker)
        ? client.query({
            name: statementName(textOrCursor),
            text: textOrCursor,
            values: [...values!],
          })
        : client.query(textOrCursor as string, values as unknown[]);
    return {
      query: query as PostgresPoolClient['query'],
      // `true` when Kysely discards the connection (e.g. a failed rollback): the pool closes it.
      release: (destroy?: boolean) => client.release(destroy),
    };
  };
  return {
    connect: async () => {
      const client = await pool.connect();
      let facade = wrapped.get(client);
      if (!facade) {
        facade = wrap(client);
        wrapped.set(client, facade);
      }
      return facade;
    },
    end: () => pool.end(),
  };
}
