import { Readable } from 'node:stream';
import type { MiddlewareHandler } from 'hono';
import { DomainError, ErrorCode, type FieldIssue } from '../domain/shared/domain-error.js';

/**
 * The bounds of a request, by route class (issue 16: every body, field and string bounded).
 * A body over its class's limit is refused with 413 before it is read further (the declared
 * Content-Length is checked first; a chunked body is counted while it streams).
 */
export const requestLimits = {
  /** `/api/auth/*`: credentials and one-time codes. */
  authBodyBytes: 16 * 1024,
  /** The rest of the JSON API (`/api/v1/*`): commands, submits with their form data. */
  apiBodyBytes: 1024 * 1024,
  /** A page's form sent as application/x-www-form-urlencoded (or any non-multipart body). */
  formBodyBytes: 1024 * 1024,
  /** A page's multipart form: uploaded documents (10 MB each, 24 MB in all) and the fields. */
  uploadBodyBytes: 25 * 1024 * 1024,
  /** One text field of a form or one JSON string (a signature, a reasoned answer). */
  fieldChars: 256 * 1024,
  /** Fields (form entries, or JSON values) in one body. */
  fieldCount: 2_000,
  /** Nesting of a JSON body. */
  jsonDepth: 32,
} as const;

/** The body limit for a request: by its path and content type. */
export function bodyLimitFor(path: string, contentType: string): number {
  if (path.startsWith('/api/auth/')) return requestLimits.authBodyBytes;
  if (path.startsWith('/api/')) return requestLimits.apiBodyBytes;
  return mediaTypeOf(contentType) === 'multipart/form-data'
    ? requestLimits.uploadBodyBytes
    : requestLimits.formBodyBytes;
}

function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

// NUL (PostgreSQL text cannot hold it) and UTF-16 surrogates without their pair (not
// characters; no UTF-8 encoding exists for them).
const forbiddenCharacter =
  // eslint-disable-next-line no-control-regex
  /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string holds a NUL or a lone surrogate (what no field may contain). */
export function hasForbiddenCharacter(value: string): boolean {
  return forbiddenCharacter.test(value);
}

function badRequest(path: string, rule: string): DomainError {
  return new DomainError(ErrorCode.badRequest, { issues: [{ path, rule }] });
}

function tooLarge(maxBytes: number): DomainError {
  return new DomainError(ErrorCode.payloadTooLarge, {
    issues: [{ path: 'body', rule: 'too_large', params: { maxBytes } }],
    maxBytes,
  });
}

function checkText(value: string, path: string, issues: FieldIssue[]): void {
  if (hasForbiddenCharacter(value)) issues.push({ path, rule: 'forbidden_character' });
  else if (value.length > requestLimits.fieldChars) {
    issues.push({ path, rule: 'too_long', params: { max: requestLimits.fieldChars } });
  }
}

/** Strictly decodes one `application/x-www-form-urlencoded` component; undefined when malformed. */
function decodeComponent(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Checks `a=b&c=d` (a query string or a urlencoded body): strict UTF-8, no NUL, no lone surrogate. */
function checkUrlEncoded(text: string, where: string, issues: FieldIssue[]): void {
  if (text === '') return;
  const pairs = text.split('&');
  if (pairs.length > requestLimits.fieldCount) {
    issues.push({
      path: where,
      rule: 'too_many_fields',
      params: { max: requestLimits.fieldCount },
    });
    return;
  }
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    const rawName = equals < 0 ? pair : pair.slice(0, equals);
    const name = decodeComponent(rawName);
    const value = equals < 0 ? '' : decodeComponent(pair.slice(equals + 1));
    const path = `${where}.${name !== undefined && !hasForbiddenCharacter(name) ? name : '?'}`;
    if (name === undefined || value === undefined) issues.push({ path, rule: 'invalid_encoding' });
    else {
      checkText(name, path, issues);
      checkText(value, path, issues);
    }
  }
}

/** Walks a parsed JSON value without recursion: every key and string is checked. */
function checkJson(root: unknown, issues: FieldIssue[]): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: root, path: 'body', depth: 0 },
  ];
  let visited = 0;
  while (stack.length > 0 && issues.length < 20) {
    const { value, path, depth } = stack.pop()!;
    visited += 1;
    if (visited > requestLimits.fieldCount * 10) {
      issues.push({ path: 'body', rule: 'too_many_fields' });
      return;
    }
    if (typeof value === 'string') checkText(value, path, issues);
    else if (value !== null && typeof value === 'object') {
      if (depth >= requestLimits.jsonDepth) {
        issues.push({ path, rule: 'too_deep', params: { max: requestLimits.jsonDepth } });
        continue;
      }
      for (const [key, item] of Object.entries(value)) {
        const itemPath = hasForbiddenCharacter(key) ? `${path}.?` : `${path}.${key}`;
        if (hasForbiddenCharacter(key))
          issues.push({ path: itemPath, rule: 'forbidden_character' });
        stack.push({ value: item, path: itemPath, depth: depth + 1 });
      }
    }
  }
}

/**
 * Reads and drops what the client still sends after a refusal, without keeping it, so that
 * the client reads the 413 (closing a socket with unread data resets it, and the client
 * sees "connection reset" instead of the answer). At most 64 MiB or 5 s; then the
 * connection is cut.
 */
function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  const deadline = Date.now() + 5_000;
  void (async () => {
    let dropped = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        dropped += value.byteLength;
        if (dropped > 64 * 1024 * 1024 || Date.now() > deadline) {
          await reader.cancel();
          return;
        }
      }
    } catch {
      // the client went away
    }
  })();
}

/** {@link discardRest} for a Node request: drops what still comes, then cuts the connection. */
function discardRestOfNode(incoming: Readable): void {
  const deadline = Date.now() + 5_000;
  let dropped = 0;
  const stop = () => {
    incoming.off('data', onData);
    incoming.off('end', stop);
    incoming.off('error', stop);
  };
  const onData = (chunk: Buffer) => {
    dropped += chunk.byteLength;
    if (dropped > 64 * 1024 * 1024 || Date.now() > deadline) {
      stop();
      incoming.destroy();
    }
  };
  incoming.on('data', onData);
  incoming.once('end', stop);
  incoming.once('error', stop);
}

/**
 * {@link readBody} straight from the Node request: the same limit and refusals, without the
 * fetch Request, its abort signal and the two web streams the Node adapter would wrap around
 * the socket's chunks to hand them over (issue 21: a tenth of a submission's CPU).
 */
function readNodeBody(incoming: Readable, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onFailure);
      incoming.off('close', onFailure);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limit) {
        settle();
        discardRestOfNode(incoming);
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      settle();
      // A copy of its own: a chunk may be a view into a larger (pooled) buffer, and the body's
      // ArrayBuffer is handed to later readers whole.
      const bytes = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      resolve(bytes);
    };
    // Aborted by the client (an error, or a close before the end).
    const onFailure = () => {
      settle();
      reject(badRequest('body', 'unreadable'));
    };
    incoming.on('data', onData);
    incoming.once('end', onEnd);
    incoming.once('error', onFailure);
    incoming.once('close', onFailure);
  });
}

/**
 * The Node request under the Node adapter (`@hono/node-server` hands it over as
 * `c.env.incoming`), while nothing has read its body yet; undefined elsewhere (`app.request()`
 * in tests), where the fetch Request's body is read.
 */
function unreadNodeRequestOf(c: Parameters<MiddlewareHandler>[0]): Readable | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  return incoming instanceof Readable && !incoming.readableDidRead && !incoming.destroyed
    ? incoming
    : undefined;
}

/** Reads the body, refusing it (413) as soon as it is over `limit` bytes. */
async function readBody(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch {
      throw badRequest('body', 'unreadable');
    }
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > limit) {
      discardRest(reader);
      throw tooLarge(limit);
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The guard parsed the JSON body to check it: the route's first `c.req.json()` takes that value
 * instead of parsing the same text again (issue 21: nothing parsed twice). Only the first call —
 * a later one parses the cached text as before, so no two callers ever share one object.
 */
function handOverParsedJson(request: object, parsed: unknown): void {
  const target = request as { json: () => Promise<unknown> };
  const parseAgain = target.json.bind(target);
  let isHandedOver = false;
  target.json = () => {
    if (isHandedOver) return parseAgain();
    isHandedOver = true;
    return Promise.resolve(parsed);
  };
}

/**
 * The request's body within `limit` bytes (413 otherwise: a declared length over it before
 * anything is read); undefined for a request without one.
 */
async function readBoundedBody(
  c: Parameters<MiddlewareHandler>[0],
  limit: number,
): Promise<Uint8Array | undefined> {
  const incoming = unreadNodeRequestOf(c);
  const stream = incoming ? undefined : c.req.raw.body;
  if (!incoming && !stream) return undefined;
  const declared = c.req.header('content-length');
  // A refused body is not read to its end: the connection is not reused for another request.
  if (declared !== undefined && Number(declared) > limit) {
    c.header('connection', 'close');
    throw tooLarge(limit);
  }
  return (incoming ? readNodeBody(incoming, limit) : readBody(stream!, limit)).catch(
    (error: unknown) => {
      c.header('connection', 'close');
      throw error;
    },
  );
}

/** Whether the request's path, query and body are acceptable; throws the localised refusal. */
async function guardRequest(c: Parameters<MiddlewareHandler>[0]): Promise<void> {
  const url = c.req.url;
  const queryStart = url.indexOf('?');
  const pathname = new URL(url).pathname;
  const issues: FieldIssue[] = [];
  for (const segment of pathname.split('/')) {
    const decoded = decodeComponent(segment.replace(/\+/g, '%2B'));
    if (decoded === undefined) issues.push({ path: 'path', rule: 'invalid_encoding' });
    else checkText(decoded, 'path', issues);
  }
  if (queryStart >= 0) {
    const hash = url.indexOf('#', queryStart);
    checkUrlEncoded(url.slice(queryStart + 1, hash < 0 ? undefined : hash), 'query', issues);
  }
  if (issues.length > 0) throw new DomainError(ErrorCode.badRequest, { issues });

  // A GET or HEAD has no body; not asking for it spares the Node adapter building the full
  // fetch Request (headers, abort signal) on every page view and health check (issue 21).
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return;
  const contentType = c.req.header('content-type') ?? '';
  const bytes = await readBoundedBody(c, bodyLimitFor(pathname, contentType));
  if (!bytes) return;
  const buffer = bytes.buffer as ArrayBuffer;
  // Later readers (c.req.json(), parseBody()) take the body from Hono's cache, which holds
  // promises at run time (its type says values).
  const cache = c.req.bodyCache as {
    arrayBuffer?: Promise<ArrayBuffer>;
    text?: Promise<string>;
    formData?: Promise<FormData>;
  };
  cache.arrayBuffer = Promise.resolve(buffer);
  const mediaType = mediaTypeOf(contentType);
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      throw badRequest('body', 'invalid_encoding');
    }
    cache.text = Promise.resolve(text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return; // the route answers its own 422 (json_body)
    }
    checkJson(parsed, issues);
    if (issues.length === 0) handOverParsedJson(c.req, parsed);
  } else if (mediaType === 'application/x-www-form-urlencoded') {
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      throw badRequest('body', 'invalid_encoding');
    }
    checkUrlEncoded(text, 'form', issues);
  } else if (mediaType === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Response(buffer, { headers: { 'content-type': contentType } }).formData();
    } catch {
      // A truncated body, a missing closing boundary, no boundary at all.
      throw badRequest('body', 'malformed_multipart');
    }
    let count = 0;
    for (const [name, value] of form.entries()) {
      count += 1;
      if (count > requestLimits.fieldCount) {
        issues.push({ path: 'form', rule: 'too_many_fields' });
        break;
      }
      const path = `form.${hasForbiddenCharacter(name) ? '?' : name}`;
      checkText(name, path, issues);
      if (typeof value === 'string') checkText(value, path, issues);
      else if (hasForbiddenCharacter(value.name)) {
        issues.push({ path, rule: 'forbidden_character' });
      }
    }
    cache.formData = Promise.resolve(form);
  }
  if (issues.length > 0) {
    const isTooLong = issues.every((issue) => issue.rule === 'too_long');
    throw new DomainError(isTooLong ? ErrorCode.validationFailed : ErrorCode.badRequest, {
      issues,
    });
  }
}

/**
 * The edge check every request passes before any route (issue 16): the path, the query, and
 * the body's JSON strings and form fields must be valid UTF-8 without NUL or lone surrogates
 * (400 `bad_request`); the body must fit its route class (413 `payload_too_large`, refused
 * while streaming); a multipart body must parse (400). Text fields longer than
 * `requestLimits.fieldChars` are 422. Nothing reaches a feature, so nothing changes.
 */
export function requestGuard(): MiddlewareHandler {
  return async (c, next) => {
    await guardRequest(c);
    await next();
  };
}
