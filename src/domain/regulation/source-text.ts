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

/** A source text prepared for searching: normalised once, its markers indexed once. */
export interface PreparedSourceText {
  readonly normalised: string;
  /** «N.» or «N)» at a line start, or «N-тармақ»: the points the text numbers. */
  readonly points: ReadonlySet<string>;
  /** «N)» at a line start, or «N-тармақша». */
  readonly items: ReadonlySet<string>;
  /** «Приложение N», «N-қосымша». */
  readonly annexes: ReadonlySet<string>;
  /** «Таблица N», «N-кесте». */
  readonly tables: ReadonlySet<string>;
}

const collect = (text: string, patterns: readonly RegExp[]): Set<string> =>
  new Set(
    patterns.flatMap((pattern) =>
      [...text.matchAll(pattern)].map((match) => match.groups?.n ?? ''),
    ),
  );

export function prepareSourceText(text: string): PreparedSourceText {
  const number = '(?<n>\\d+(?:\\.\\d+)*)';
  return {
    normalised: normaliseForQuote(text),
    points: collect(text, [
      new RegExp(`(?:^|\\n)[^\\S\\n]*${number}[.)](?=\\s|$)`, 'g'),
      new RegExp(`(?:^|[^\\d.])${number}-тармақ`, 'g'),
    ]),
    items: collect(text, [
      new RegExp(`(?:^|\\n)[^\\S\\n]*${number}\\)`, 'g'),
      new RegExp(`(?:^|[^\\d.])${number}-тармақша`, 'g'),
    ]),
    annexes: collect(text, [
      new RegExp(`[Пп]риложени[ея]\\s+${number}`, 'g'),
      new RegExp(`(?:^|[^\\d])${number}-қосымша`, 'g'),
    ]),
    tables: collect(text, [
      new RegExp(`[Тт]аблица\\s+${number}`, 'g'),
      new RegExp(`(?:^|[^\\d])${number}-кесте`, 'g'),
    ]),
  };
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

/**
 * The numbers a citation field names: "5" → [5], "9, 10" → [9, 10], "1-3" → [1, 3],
 * "6 (second)" → [6], "1 (its annex 3)" → [1], "5.4" → ["5.4"]. Words («extern») give none.
 */
export function citedNumbers(value: string): string[] {
  const head = value.replace(/\(.*?\)/g, ' ');
  return [...head.matchAll(/\d+(?:\.\d+)*/g)].map((match) => match[0]);
}

/** Whether the text has a point (пункт / тармақ) numbered `number` (see `points`). */
export const hasPointMarker = (source: PreparedSourceText, number: string): boolean =>
  source.points.has(number);
/** Whether the text has a sub-point (подпункт / тармақша) «N)». */
export const hasItemMarker = (source: PreparedSourceText, number: string): boolean =>
  source.items.has(number);
/** Whether the text has an annex «Приложение N» / «N-қосымша». */
export const hasAnnexMarker = (source: PreparedSourceText, number: string): boolean =>
  source.annexes.has(number);
/** Whether the text has a table «Таблица N» / «N-кесте». */
export const hasTableMarker = (source: PreparedSourceText, number: string): boolean =>
  source.tables.has(number);
