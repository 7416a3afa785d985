/**
 * Reading a quote against the full text of its source (issue 17). Pure: the texts are read by
 * the storage layer and passed in.
 *
 * Normalisation, applied alike to the text and to the quote: lower case, «ё» as «е», soft
 * hyphens removed, every quote mark («» “” „ " ' ’ ‘ `) removed, every dash (‐ ‑ ‒ – — −) as
 * «-», list markers («1)», «а)», «1.», «-», «•» standing alone between spaces or at a line
 * start) removed, and then every whitespace removed: the published texts space letters out
 * («п я т н а д ц а т ь») and drop or add spaces around brackets and stops («,13 (тринадцать)рабочих»),
 * so words are compared by their letters, not by the spaces between them.
 */
export function normaliseForQuote(text: string): string {
  return ` ${text} `
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replaceAll('\u00ad', '')
    .replace(/[«»“”„"'’‘`]/g, '')
    .replace(/[‐‑‒–—−]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/ (?:\d{1,3}[).]|[а-яa-z]\)|[-•·*])(?= )/g, '')
    .replace(/ (?:\d{1,3}[).]|[а-яa-z]\)|[-•·*])(?= )/g, '')
    .replace(/ /g, '');
}

/** The fragments of a quote that leaves words out («…», «...», «[…]»), each normalised. */
export function quoteFragments(quote: string): string[] {
  return quote
    .split(/\[?(?:…|\.\.\.)\]?/)
    .map(normaliseForQuote)
    .filter((fragment) => fragment.length > 0);
}

/** A source text prepared for searching: normalised once, then searched many times. */
export interface PreparedSourceText {
  readonly normalised: string;
  /** The raw text's lines, for point markers. */
  readonly raw: string;
}

export function prepareSourceText(text: string): PreparedSourceText {
  return { normalised: normaliseForQuote(text), raw: text };
}

/**
 * Whether every fragment of the quote occurs in the text, in order. Returns the first fragment
 * that is missing (normalised), or undefined when the quote is found.
 */
export function findMissingFragment(source: PreparedSourceText, quote: string): string | undefined {
  let from = 0;
  const fragments = quoteFragments(quote);
  if (fragments.length === 0) return normaliseForQuote(quote) || '(empty quote)';
  for (const fragment of fragments) {
    const at = source.normalised.indexOf(fragment, from);
    if (at < 0) return fragment;
    from = at + fragment.length;
  }
  return undefined;
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The numbers a citation field names: "5" → [5], "9, 10" → [9, 10], "1-3" → [1, 3],
 * "6 (second)" → [6], "1 (its annex 3)" → [1], "5.4" → ["5.4"]. Words («extern») give none.
 */
export function citedNumbers(value: string): string[] {
  const head = value.replace(/\(.*?\)/g, ' ');
  return [...head.matchAll(/\d+(?:\.\d+)*/g)].map((match) => match[0]);
}

/**
 * Whether the text has a point (пункт / тармақ) numbered `number`: a line that starts with
 * «N.» or «N)» (Russian and Kazakh acts number their points «5.»), or the Kazakh «N-тармақ».
 */
export function hasPointMarker(source: PreparedSourceText, number: string): boolean {
  const n = escape(number);
  return (
    new RegExp(`(^|\\n)[^\\S\\n]*${n}[.)](\\s|$)`).test(source.raw) ||
    new RegExp(`(^|[^\\d.])${n}-тармақ`).test(source.raw)
  );
}

/** Whether the text has a sub-point (подпункт / тармақша) «N)» at a line start, or «N-тармақша». */
export function hasItemMarker(source: PreparedSourceText, number: string): boolean {
  const n = escape(number);
  return (
    new RegExp(`(^|\\n)[^\\S\\n]*${n}\\)`).test(source.raw) ||
    new RegExp(`(^|[^\\d.])${n}-тармақша`).test(source.raw)
  );
}

/** Whether the text has an annex «Приложение N» / «N-қосымша» / «қосымша N». */
export function hasAnnexMarker(source: PreparedSourceText, number: string): boolean {
  const n = escape(number);
  return new RegExp(`приложени[ея]\\s+${n}(?!\\d)|(^|[^\\d])${n}-қосымша`, 'i').test(source.raw);
}

/** Whether the text has a table «Таблица N» / «N-кесте». */
export function hasTableMarker(source: PreparedSourceText, number: string): boolean {
  const n = escape(number);
  return new RegExp(`таблица\\s+${n}(?!\\d)|(^|[^\\d])${n}-кесте`, 'i').test(source.raw);
}
