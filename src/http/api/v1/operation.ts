import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { Principal } from '../../../domain/identity/authorisation.js';
import { DomainError, ErrorCode } from '../../../domain/shared/domain-error.js';
import { getRequestPrincipal } from '../../../features/api-tokens/find-request-principal.js';
import type { AppEnv } from '../../app-env.js';
import { sessionCookieName } from '../auth.js';

/** An operation of the JSON API: its route, its schemas and its documentation, in one place. */
export interface ApiOperation<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
> {
  readonly method: 'get' | 'post';
  /** Hono route syntax, e.g. /api/v1/applications/:id. */
  readonly path: string;
  readonly operationId: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  /** Anyone may call it: no token, no session. */
  readonly isPublic: boolean;
  readonly params?: Params;
  readonly query?: Query;
  readonly body?: Body;
  /** Request headers the operation reads (documented as parameters). */
  readonly headers?: readonly { name: string; description: string }[];
  readonly responses: Readonly<
    Partial<Record<ContentfulStatusCode, { description: string; schema?: z.ZodType }>>
  >;
}

/** What a handler receives: the parsed inputs and, unless public, the principal. */
export interface OperationInput<Params, Query, Body> {
  readonly c: Context<AppEnv>;
  readonly principal: Principal | undefined;
  readonly params: Params;
  readonly query: Query;
  readonly body: Body;
}

/** Identity helper that keeps the schema types of an operation. */
export function defineOperation<
  Params extends z.ZodType = z.ZodObject<Record<string, never>>,
  Query extends z.ZodType = z.ZodObject<Record<string, never>>,
  Body extends z.ZodType = z.ZodUndefined,
>(operation: ApiOperation<Params, Query, Body>): ApiOperation<Params, Query, Body> {
  return operation;
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new DomainError(ErrorCode.validationFailed, {
      issues: parsed.error.issues.map((issue) => ({
        path: [where, ...issue.path].join('.'),
        rule: issue.code === 'custom' ? issue.message : issue.code,
      })),
    });
  }
  return parsed.data;
}

/** Query-string values: one value as a string, a repeated parameter as an array. */
function queryValues(c: Context<AppEnv>): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [name, list] of Object.entries(c.req.queries())) {
    values[name] = list.length === 1 ? list[0]! : list;
  }
  return values;
}

/**
 * Mounts an operation on `routes`: authenticates (unless public), parses path, query and body
 * with the operation's schemas (422 with every issue otherwise), then calls the handler.
 */
export function mount<Params extends z.ZodType, Query extends z.ZodType, Body extends z.ZodType>(
  routes: Hono<AppEnv>,
  operation: ApiOperation<Params, Query, Body>,
  handler: (
    input: OperationInput<z.infer<Params>, z.infer<Query>, z.infer<Body>>,
  ) => Promise<Response> | Response,
): void {
  routes.on(operation.method.toUpperCase(), operation.path, async (c) => {
    const deps = c.get('deps');
    const principal = operation.isPublic
      ? undefined
      : await getRequestPrincipal(
          deps.applications.db,
          {
            authorization: c.req.header('authorization'),
            sessionToken: getCookie(c, sessionCookieName),
          },
          deps.now(),
        );
    const params = operation.params ? parseWith(operation.params, c.req.param(), 'path') : {};
    const query = operation.query ? parseWith(operation.query, queryValues(c), 'query') : {};
    let body: unknown;
    if (operation.body) {
      const raw: unknown = c.req.header('content-type')?.startsWith('application/json')
        ? await c.req.json().catch(() => undefined)
        : undefined;
      if (raw === undefined) {
        throw new DomainError(ErrorCode.validationFailed, {
          issues: [{ path: 'body', rule: 'json_body' }],
        });
      }
      body = parseWith(operation.body, raw, 'body');
    }
    return handler({
      c,
      principal,
      params: params as z.infer<Params>,
      query: query as z.infer<Query>,
      body: body as z.infer<Body>,
    });
  });
}

/** The principal of an authenticated operation (mount guarantees it). */
export function principalOf(input: { principal: Principal | undefined }): Principal {
  if (!input.principal) throw new DomainError(ErrorCode.unauthenticated, {});
  return input.principal;
}
