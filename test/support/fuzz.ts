import fc from 'fast-check';

/**
 * Building blocks of the fuzz corpus (issue 16): bad values, request bodies in right and
 * wrong encodings, and the forms of a server-rendered page.
 */

/** The strings that broke the edge before (issue 16, defect 2), and their neighbours. */
export const badStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uFFFF',
  '\u202E',
  '%00',
  '../../etc/passwd',
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '9'.repeat(40),
  '-1',
  '1e309',
  'NaN',
  '\t/evil.example',
];

/** A string that is one of the known bad ones, arbitrary unicode, or huge. */
export const badString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...badStrings) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  {
    weight: 1,
    // 5 K and 150 K characters: over the 256 KiB field limit and, percent-encoded in a URL, over
    arbitrary:
      // the header limit. Bodies over the body limits belong to http.edge.body-limits.test.ts: the
      // server answers 413 before reading them, and fetch() cannot read that answer.
      fc.constantFrom(10_000, 300_000).map((n) => 'я'.repeat(n / 2)),
  },
);

/** Any JSON-ish value of the wrong shape. */
export const badValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    badString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A minimal JSON schema, as /api/openapi.json writes them (after $ref resolution). */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  [key: string]: unknown;
}

/** A value the schema probably accepts (types, enums, uuids, IINs); for getting deeper. */
export function plausible(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.constant('x');
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice?.length) return fc.oneof(...choice.map((s) => plausible(s, depth + 1)));
  if (schema.allOf?.length) return plausible(Object.assign({}, ...schema.allOf) as Schema, depth);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type: string = (Array.isArray(schema.type) ? schema.type[0] : schema.type) ?? 'object';
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'date-time') return fc.constant('2026-03-02T05:00:00Z');
      if (schema.format === 'date') return fc.constant('2026-03-02');
      if (schema.pattern?.includes('\\d{12}')) return fc.constant('850412412016');
      return fc.string({ minLength: 1, maxLength: 12 });
    case 'integer':
    case 'number':
      return fc.integer({ min: 0, max: 100 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(plausible(schema.items, depth + 1), { maxLength: 2 });
    case 'object':
    default:
      if (!schema.properties) return fc.dictionary(fc.string({ maxLength: 6 }), badValue);
      return objectOf(schema, depth);
  }
}

/**
 * An object for `schema`: each property plausible, bad, or left out (required ones too),
 * sometimes with fields the schema does not know.
 */
export function objectOf(schema: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  const fields = properties.map(([name, property]) =>
    fc
      .oneof(
        { weight: 3, arbitrary: plausible(property, depth + 1).map((v) => [name, v] as const) },
        { weight: 2, arbitrary: badValue.map((v) => [name, v] as const) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
      .map((entry) => entry),
  );
  return fc
    .tuple(
      fc.tuple(...fields),
      fc.option(fc.dictionary(fc.constantFrom('extra', '__proto__', 'constructor', ''), badValue)),
    )
    .map(([entries, extra]) => {
      const object: Record<string, unknown> = {};
      for (const entry of entries) if (entry) object[entry[0]] = entry[1];
      if (extra) Object.assign(object, extra);
      return object;
    });
}

/** A request body: its bytes and the content type it claims. */
export interface FuzzBody {
  readonly kind: string;
  readonly contentType?: string;
  readonly bytes: Uint8Array;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Encodes text as UTF-8 but keeps lone surrogates as the invalid bytes they would be (CESU). */
export function rawUtf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code < 0xdc00 && next >= 0xdc00 && next <= 0xdfff) {
        bytes.push(...utf8(text.slice(i, i + 2)));
        i += 1;
        continue;
      }
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    } else {
      bytes.push(...utf8(text[i]!));
    }
  }
  return Uint8Array.from(bytes);
}

/** JSON text that keeps lone surrogates raw (JSON.stringify would escape them as \\udxxx). */
function jsonBytes(value: unknown, escapeSurrogates: boolean): Uint8Array {
  const text = JSON.stringify(value) ?? 'null';
  if (escapeSurrogates) return utf8(text);
  return rawUtf8(
    text.replace(/\\u(d[89a-f][0-9a-f]{2})/gi, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    ),
  );
}

/** Percent-encodes every byte of the UTF-8 (or invalid CESU) form of `text`. */
export function percentEncode(text: string): string {
  return [...rawUtf8(text)]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

export function urlEncoded(fields: ReadonlyArray<readonly [string, string]>): string {
  return fields.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
}

function multipart(
  fields: ReadonlyArray<readonly [string, string]>,
  boundary: string,
  closed: boolean,
): Uint8Array {
  const parts = fields.map(([name, value], index) =>
    index === 0 && name.startsWith('file')
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 ${value}\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return rawUtf8(parts.join('') + (closed ? `--${boundary}--\r\n` : ''));
}

/**
 * A body for `fields`, in the right encoding or a wrong one: JSON (raw or escaped
 * surrogates), urlencoded, multipart (well-formed or without its closing boundary, or with a
 * boundary the header does not name), invalid JSON, invalid UTF-8, no content type.
 */
export function bodyFor(
  fields: fc.Arbitrary<Record<string, unknown>>,
  preferred: 'json' | 'form',
): fc.Arbitrary<FuzzBody> {
  const asPairs = (object: Record<string, unknown>) =>
    Object.entries(object).map(
      ([name, value]) =>
        [name, typeof value === 'string' ? value : (JSON.stringify(value) ?? '')] as const,
    );
  return fc.oneof(
    {
      weight: preferred === 'json' ? 6 : 1,
      arbitrary: fc.tuple(fields, fc.boolean()).map(([object, escape]) => ({
        kind: 'json',
        contentType: 'application/json',
        bytes: jsonBytes(object, escape),
      })),
    },
    {
      weight: preferred === 'form' ? 6 : 1,
      arbitrary: fields.map((object) => ({
        kind: 'urlencoded',
        contentType: 'application/x-www-form-urlencoded',
        bytes: utf8(urlEncoded(asPairs(object))),
      })),
    },
    {
      weight: preferred === 'form' ? 2 : 1,
      arbitrary: fc
        .tuple(fields, fc.constantFrom('closed', 'unclosed', 'wrong-boundary'))
        .map(([object, shape]) => ({
          kind: `multipart-${shape}`,
          contentType: `multipart/form-data; boundary=${shape === 'wrong-boundary' ? 'other' : 'fuzzboundary'}`,
          bytes: multipart(asPairs(object), 'fuzzboundary', shape === 'closed'),
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('{', '{"a":', '[1,2', 'null', '"\\ud800"', '{"a":"\\u0000"}', '\u0000')
        .map((text) => ({
          kind: 'broken-json',
          contentType: 'application/json',
          bytes: utf8(text),
        })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        {
          kind: 'invalid-utf8',
          contentType: 'application/json',
          bytes: Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
        },
        {
          kind: 'invalid-utf8-form',
          contentType: 'application/x-www-form-urlencoded',
          bytes: Uint8Array.from([0x61, 0x3d, 0xc3, 0x28]),
        },
        { kind: 'text-plain', contentType: 'text/plain', bytes: utf8('{"a":1}') },
        { kind: 'xml', contentType: 'application/xml', bytes: utf8('<a/>') },
        { kind: 'no-content-type', bytes: utf8('{"a":1}') },
      ),
    },
  );
}

/** One form of a page: where it goes, how, and the names (and default values) of its fields. */
export interface PageForm {
  readonly action: string;
  readonly method: 'GET' | 'POST';
  readonly enctype: string;
  readonly fields: ReadonlyMap<string, string>;
}

const attribute = (tag: string, name: string): string | undefined => {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? decodeEntities(match[2] ?? match[3] ?? match[4] ?? '') : undefined;
};
const decodeEntities = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The forms of an HTML page (regular expressions suffice for the server's own markup). */
export function parseForms(html: string, pagePath: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const open = `<form${match[1]}>`;
    const body = match[2]!;
    const fields = new Map<string, string>();
    for (const control of body.matchAll(/<(input|select|textarea|button)\b[^>]*>/gi)) {
      const name = attribute(control[0], 'name');
      if (!name) continue;
      const value = attribute(control[0], 'value') ?? '';
      if (!fields.has(name) || value) fields.set(name, value);
    }
    const action = attribute(open, 'action') ?? pagePath;
    forms.push({
      action: action.startsWith('/') ? action : pagePath,
      method: (attribute(open, 'method') ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET',
      enctype: attribute(open, 'enctype') ?? 'application/x-www-form-urlencoded',
      fields,
    });
  }
  return forms;
}

/** Same-origin links of a page (paths), for a shallow crawl. */
export function parseLinks(html: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/<a\b[^>]*\shref\s*=\s*"(\/[^"#]*)"/gi)) {
    links.add(decodeEntities(match[1]!));
  }
  return [...links];
}

/** A Hono route pattern (`/back-office/applications/:id/assign`) as a regular expression. */
export function routePattern(path: string): RegExp {
  const escaped = path
    .split('/')
    .map((segment) =>
      segment.startsWith(':')
        ? '[^/]+'
        : segment === '*'
          ? '.*'
          : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${escaped}$`);
}
