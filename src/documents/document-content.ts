import { createHash } from 'node:crypto';
import { formatLocalDateTime } from '../domain/calendar/index.js';
import type { FieldIssue } from '../domain/shared/domain-error.js';
import { checkDateText, checkYearText } from '../domain/regulation/application-rules.js';
import {
  DocumentKind,
  findTemplate,
  isDocumentKind,
  type Bilingual,
  type DocumentTemplate,
} from './templates.js';

/** The languages a document is printed in; titles are always in both. */
export const DocumentLanguage = { kk: 'kk', ru: 'ru', bilingual: 'bilingual' } as const;
export type DocumentLanguage = (typeof DocumentLanguage)[keyof typeof DocumentLanguage];

/** A field's value: a line of text, a list, or table rows. */
export type FieldValue = string | string[] | string[][];

/** Everything a document states; its SHA-256 is printed on the document. */
export interface DocumentContent {
  id: string;
  number: string;
  kind: DocumentKind;
  serviceCode: string | null;
  language: DocumentLanguage;
  /** ISO 8601 instant of issue. */
  issuedAt: string;
  /** The issuing organisation, as printed in the header. */
  organisation: string | null;
  fields: Record<string, FieldValue>;
  signer: { name: string; role: Bilingual };
  /**
   * The layout it is printed with (title, field labels, paragraphs, signer's role), taken from
   * the regulation's definition when it was issued; absent on documents issued before.
   */
  template?: DocumentTemplate;
  /** The number of the document this one replaces (reissue). */
  replacesNumber: string | null;
  /**
   * For a document of no application (a courier register): the organisations whose staff
   * may download it (GET /documents/<id>.pdf). Absent on other documents.
   */
  organisationId?: string;
  fromOrganisationId?: string;
  toOrganisationId?: string;
  /**
   * For a document of no application issued to a citizen (a kindergarten referral): the IIN
   * of the citizen who may download it besides the organisation's staff.
   */
  citizenIin?: string;
  /**
   * Issued by a sandbox installation (docs/sandbox.md): not a legal act. Part of the signed
   * content, printed as a mark on every page, refused by /verify of a production installation.
   * Absent on every real document.
   */
  sandbox?: true;
}

/** JSON with object keys sorted at every level: one text for one content. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the canonical JSON of a document's content. */
export function contentSha256(content: DocumentContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** SHA-256 (hex) of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Checks the fields against the template: required ones present, types right, none unknown,
 * years and dates well formed (ASCII digits: «20О8» with a Cyrillic О is refused) and not
 * after `day` (YYYY-MM-DD, the day of the draft) when given.
 */
export function checkFields(
  template: DocumentTemplate,
  fields: Record<string, FieldValue>,
  day?: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const field of template.fields) {
    const value = fields[field.key];
    const empty =
      value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (field.required) issues.push({ path: `fields.${field.key}`, rule: 'required' });
      continue;
    }
    const ok =
      field.type === 'text'
        ? typeof value === 'string'
        : field.type === 'list'
          ? Array.isArray(value) && value.every((item) => typeof item === 'string')
          : Array.isArray(value) &&
            value.every(
              (row) =>
                Array.isArray(row) &&
                row.length === (field.columns?.length ?? 0) &&
                row.every((cell) => typeof cell === 'string'),
            );
    if (!ok) issues.push({ path: `fields.${field.key}`, rule: `type_${field.type}` });
    else if (field.format && typeof value === 'string') {
      const check = field.format === 'year' ? checkYearText : checkDateText;
      const broken = check(value.trim(), day);
      if (broken) issues.push({ path: `fields.${field.key}`, ...broken });
    }
  }
  for (const key of Object.keys(fields)) {
    if (!template.fields.some((field) => field.key === key)) {
      issues.push({ path: `fields.${key}`, rule: 'unknown_field' });
    }
  }
  return issues;
}

/**
 * "dd.mm.yyyy hh:mm" in the organisation's zone (default Asia/Almaty; UTC+5 everywhere since
 * 1 March 2024): the shared formatter `formatLocalDateTime`, as pages print times.
 */
export function formatKazakhstanTime(iso: string | Date, timeZone?: string): string {
  return formatLocalDateTime(new Date(iso), timeZone);
}

/**
 * The verification code of a document: the first 12 hexadecimal digits of its random id,
 * upper case in groups of four (`6F1C-2D3E-0000`). Printed on the issued document and
 * accepted by `/verify`; 48 random bits, so codes cannot be guessed in sequence.
 */
export function verificationCode(documentId: string): string {
  const hex = documentId.replace(/-/g, '').slice(0, 12).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`;
}

/** A typed verification code, normalised to 12 lower-case hex digits; undefined if it is not one. */
export function parseVerificationCode(input: string): string | undefined {
  const compact = input.replace(/[\s\-–—]/g, '').toLowerCase();
  return /^[0-9a-f]{12}$/.test(compact) ? compact : undefined;
}

/** The layout of a stored document: its own, or the generic one of its kind (older documents). */
export function templateOf(content: Pick<DocumentContent, 'kind' | 'template'>): DocumentTemplate {
  return (
    content.template ??
    findTemplate(isDocumentKind(content.kind) ? content.kind : DocumentKind.result)
  );
}
