import { roleLabels } from '../../src/http/web/admin/texts.js';
import type { Locale } from '../../src/domain/shared/locale.js';
import { staffRoles } from '../../src/domain/shared/roles.js';

/** The entities HTML escapes; enough to read what a page says. */
const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
  '#x27': "'",
};

/**
 * What a person reads on a page: the text of its body (scripts and styles removed) and the
 * attributes a screen or a screen reader shows (`title`, `aria-label`, `placeholder`, `alt`,
 * a button's `value`), without the markup.
 */
export function visibleText(html: string, locale: Locale): string {
  // Text marked as another language (`lang`: a maintainer's note in English, a title that
  // has no translation, the language switch) is declared, not leaked.
  const body = html
    .replace(/^[\s\S]*?<body[^>]*>/i, ' ')
    .replace(
      /<(\w+)\b[^>]*\slang="([a-z]{2})"[^>]*>[\s\S]*?<\/\1>/g,
      (whole, _tag, lang: string) => (lang === locale ? whole : ' '),
    );
  const withoutCode = body
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ');
  const attributes = [
    ...withoutCode.matchAll(/\s(?:title|aria-label|placeholder|alt)="([^"]*)"/gi),
    ...withoutCode.matchAll(/<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"/gi),
  ].map((match) => match[1]);
  const text = withoutCode.replace(/<[^>]+>/g, ' ');
  return [text, ...attributes]
    .join(' ')
    .replace(/&(#?\w+);/g, (whole, name: string) => entities[name] ?? whole)
    .replace(/\s+/g, ' ');
}

/** A camelCase word (`mobileCitizens`, `getPerson`), the other shape of a code. */
const camelCase = /(?<![\w./@:-])[a-z]+[A-Z][A-Za-z]*(?![\w./@-])/g;

/** A snake_case word, the shape of every internal code (`order_extract`, `front_office`). */
const snakeCase = /(?<![\w./@:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w./@-])/g;

/**
 * Codes that are plain English words (document conditions, yes/no of a history entry,
 * statuses): shown as they are, they are an internal code on any page, and English on a
 * Kazakh or Russian one.
 */
export const wordCodes = [
  'lost',
  'damaged',
  'original',
  'copy',
  'yes',
  'no',
  'true',
  'false',
  'null',
  'undefined',
  'received',
  'refused',
  'completed',
  'suspended',
  'submitted',
  'upheld',
  'rejected',
  'paper',
  'portal',
  'otp',
  'signature',
] as const;

/** The role codes that are English words (`head`, `executor`, …). */
const roleWords = ['applicant', 'head', 'executor', 'courier', 'commission'];

/** The English names of the staff roles (as the administration labels them). */
export const englishRoleNames = staffRoles.map((role) => roleLabels[role]!.en);

export interface Finding {
  readonly kind: 'internal code' | 'English role name' | 'English word code' | 'object';
  readonly text: string;
}

/**
 * What a page in `locale` must not say: a snake_case code (every language), "[object
 * Object]" or "NaN" (every language), and on a Kazakh or Russian page an English role name
 * or a code that is an English word.
 */
export function findLeaks(text: string, locale: Locale): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(snakeCase)) {
    findings.push({ kind: 'internal code', text: match[0] });
  }
  for (const match of text.matchAll(camelCase)) {
    findings.push({ kind: 'internal code', text: match[0] });
  }
  for (const broken of ['[object Object]', 'NaN', 'Invalid Date']) {
    if (new RegExp(`(?<!\\w)${broken.replace(/[[\]]/g, '\\$&')}(?!\\w)`).test(text)) {
      findings.push({ kind: 'object', text: broken });
    }
  }
  if (locale === 'en') return findings;
  for (const name of [...englishRoleNames, ...roleWords]) {
    if (new RegExp(`(?<![\\w./@:-])${name}(?![\\w./@-])`, 'i').test(text)) {
      findings.push({ kind: 'English role name', text: name });
    }
  }
  for (const word of wordCodes) {
    if (new RegExp(`(?<![\\w./@:-])${word}(?![\\w./@-])`, 'i').test(text)) {
      findings.push({ kind: 'English word code', text: word });
    }
  }
  return findings;
}
