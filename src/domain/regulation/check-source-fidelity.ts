import type { Citation } from './Citation.js';
import { formatCitation } from './Citation.js';
import type { Finding, LoadedRegulation } from './finding.js';
import { readDurations, unitMatches, type ReadDuration } from './read-durations.js';
import {
  citedNumbers,
  findMissingFragment,
  hasAnnexMarker,
  hasItemMarker,
  hasPointMarker,
  hasTableMarker,
  prepareSourceText,
  type PreparedSourceText,
} from './source-text.js';
import type { Step } from './Step.js';

/** The full texts of the declared sources, by source id (read by the storage layer). */
export type SourceTexts = ReadonlyMap<string, string>;

/** What could and could not be verified against the sources in one definition file. */
export interface FileFidelity {
  file: string;
  regulationId: string;
  quotes: { total: number; verified: number };
  durations: { total: number; verified: number };
  citations: { total: number; resolved: number };
  /**
   * Total terms: a stated term is verified when its quote is in the source and states its
   * duration, a sum_of_steps term when it equals every path to the result (check-terms.ts); an
   * assumed term is never verified (it names the defect that records why).
   */
  terms: { total: number; verified: number };
  /** What could not be verified, one line each ("channels[0].steps[2]: quote not found"). */
  unverified: string[];
}

interface QuoteSite {
  at: string;
  quote: string;
  citation: Citation | undefined;
  channel?: string;
  step?: string;
}

const isCitation = (value: unknown): value is Citation =>
  value !== null &&
  typeof value === 'object' &&
  typeof (value as Record<string, unknown>).source === 'string';

/** Every `quote` of a definition with the citation beside it (`source` or `citation`). */
function collectQuotes(node: unknown, at: string, found: QuoteSite[]): void {
  if (Array.isArray(node)) {
    node.forEach((element, index) => collectQuotes(element, `${at}[${index}]`, found));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.quote === 'string') {
    const citation = [record.source, record.citation].find(isCitation);
    found.push({ at: at ? `${at}.quote` : 'quote', quote: record.quote, citation });
  }
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'quote') collectQuotes(value, at ? `${at}.${key}` : key, found);
  }
}

/** Every citation of a definition, wherever it is (`source: {source: …}` or `citation: {…}`). */
function collectAllCitations(
  node: unknown,
  at: string,
  found: { at: string; citation: Citation }[],
): void {
  if (Array.isArray(node)) {
    node.forEach((element, index) => collectAllCitations(element, `${at}[${index}]`, found));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = at ? `${at}.${key}` : key;
    if ((key === 'source' || key === 'citation') && isCitation(value)) {
      found.push({ at: path, citation: value });
    } else {
      collectAllCitations(value, path, found);
    }
  }
}

function describe(duration: { amount: number; unit: string }): string {
  return `${duration.amount} ${duration.unit}`;
}

function sameDuration(read: ReadDuration, amount: number, unit: Step['duration']['unit']): boolean {
  return unit !== undefined && read.amount === amount && unitMatches(read.unit, unit);
}

/**
 * The citation's point, item, annex and table must be in its source. The rule: an annex is
 * found as «Приложение N» / «N-қосымша», a table as «Таблица N» / «N-кесте», a point as a line
 * starting «N.» or «N)» (or «N-тармақ»), an item as a line starting «N)» (or «N-тармақша»).
 * Words instead of numbers («annex: extern») and the `action` of a table are not checked.
 */
function missingParts(text: PreparedSourceText, citation: Citation): string[] {
  const missing: string[] = [];
  const checks = [
    ['annex', citation.annex, hasAnnexMarker],
    ['table', citation.table, hasTableMarker],
    ['point', citation.point, hasPointMarker],
    ['item', citation.item, hasItemMarker],
  ] as const;
  for (const [name, value, has] of checks) {
    if (value === undefined) continue;
    for (const number of citedNumbers(value)) {
      if (!has(text, number)) missing.push(`${name} ${number}`);
    }
  }
  return missing;
}

/**
 * Reads a definition against its sources' full texts (issue 17, part 1). Errors:
 * `quoteNotFound` — a quote is not in its source after normalisation (see source-text.ts);
 * `citationNotInSource` — a cited annex, table, point or item has no marker in the text;
 * `durationWithoutQuote` — a step has a duration and no quote to show where it comes from;
 * `durationNotInQuote` — the quote states no duration; `durationDiffersFromQuote` — the quote
 * states a duration and the encoded one is not it (value and unit; calendar days are not
 * working days); a step citing several actions («action: 3-4») may encode the sum of the
 * durations its quote gives. A source declared without a text cannot be read: its quotes are reported as
 * unverified in the fidelity report, not as errors.
 */
export function checkSourceFidelity(
  loaded: LoadedRegulation,
  texts: ReadonlyMap<string, PreparedSourceText>,
): { findings: Finding[]; fidelity: FileFidelity } {
  const { regulation, file } = loaded;
  const base = { severity: 'error' as const, file, regulationId: regulation.id };
  const findings: Finding[] = [];
  const fidelity: FileFidelity = {
    file,
    regulationId: regulation.id,
    quotes: { total: 0, verified: 0 },
    durations: { total: 0, verified: 0 },
    citations: { total: 0, resolved: 0 },
    terms: { total: 0, verified: 0 },
    unverified: [],
  };
  const stepAt = new Map<string, { channel: string; step: Step }>();
  regulation.channels.forEach((flow, flowIndex) =>
    flow.steps.forEach((step, stepIndex) =>
      stepAt.set(`channels[${flowIndex}].steps[${stepIndex}]`, { channel: flow.channel, step }),
    ),
  );
  const where = (at: string) => {
    const owner = stepAt.get(at.replace(/\.(quote|source)$/, ''));
    return owner ? { channel: owner.channel, step: owner.step.id } : {};
  };

  const quotes: QuoteSite[] = [];
  collectQuotes(regulation, '', quotes);
  const quoteFound = new Set<string>();
  for (const site of quotes) {
    fidelity.quotes.total += 1;
    const text = site.citation ? texts.get(site.citation.source) : undefined;
    if (!site.citation || !text) {
      fidelity.unverified.push(
        `${site.at}: ${site.citation ? `source ${site.citation.source} has no text` : 'no citation beside the quote'}`,
      );
      continue;
    }
    const missing = findMissingFragment(text, site.quote);
    if (missing === undefined) {
      fidelity.quotes.verified += 1;
      quoteFound.add(site.at);
      continue;
    }
    fidelity.unverified.push(`${site.at}: quote not found in ${site.citation.source}`);
    findings.push({
      ...base,
      ...where(site.at),
      path: site.at,
      rule: 'quoteNotFound',
      message: `the quote is not in the text of ${site.citation.source}: «${missing}» not found (quote: «${site.quote}»)`,
      citation: formatCitation(site.citation),
    });
  }

  for (const [at, { channel, step }] of stepAt) {
    const { amount, unit } = step.duration;
    if (amount === undefined || unit === undefined) continue;
    fidelity.durations.total += 1;
    const encoded = describe({ amount, unit });
    const stepBase = { ...base, channel, step: step.id, path: `${at}.duration` };
    const citation = formatCitation(step.source);
    if (!step.quote) {
      fidelity.unverified.push(`${channel}/${step.id}: ${encoded} with no quote`);
      findings.push({
        ...stepBase,
        rule: 'durationWithoutQuote',
        message: `step "${step.id}" has a duration of ${encoded} but no quote of the words that give it`,
        citation,
      });
      continue;
    }
    if (!quoteFound.has(`${at}.quote`)) {
      fidelity.unverified.push(`${channel}/${step.id}: ${encoded}, its quote was not verified`);
      continue;
    }
    const read = readDurations(step.quote);
    if (read.length === 0) {
      fidelity.unverified.push(`${channel}/${step.id}: ${encoded}, no duration in its quote`);
      findings.push({
        ...stepBase,
        rule: 'durationNotInQuote',
        message: `step "${step.id}" has a duration of ${encoded}, but its quote states none («${step.quote}»)`,
        citation,
      });
      continue;
    }
    const wanted: { amount: number; unit: NonNullable<typeof unit> }[] = [{ amount, unit }];
    if (step.duration.minimum !== undefined) wanted.push({ amount: step.duration.minimum, unit });
    if (step.duration.extendableTo) wanted.push(step.duration.extendableTo);
    // A step that encodes several actions of the text («action: 3-4») takes their sum.
    const spansActions = /\d\s*[-–,]\s*\d/.test(step.source.action ?? step.source.item ?? '');
    const sum = read
      .filter((candidate) => unitMatches(candidate.unit, unit))
      .reduce((total, candidate) => total + candidate.amount, 0);
    const absent = wanted.filter(
      (duration) =>
        !read.some((candidate) => sameDuration(candidate, duration.amount, duration.unit)) &&
        !(spansActions && duration.amount === amount && sum === amount),
    );
    if (absent.length === 0) {
      fidelity.durations.verified += 1;
      continue;
    }
    fidelity.unverified.push(`${channel}/${step.id}: ${encoded} differs from its quote`);
    findings.push({
      ...stepBase,
      rule: 'durationDiffersFromQuote',
      message: `step "${step.id}" encodes ${absent.map(describe).join(', ')}, but its quote says ${read
        .map((duration) => `«${duration.text}» (${describe(duration)})`)
        .join(', ')}`,
      citation,
    });
  }

  regulation.terms.forEach((term, index) => {
    if (term.basis !== 'stated' || !term.quote) return;
    const at = `terms[${index}]`;
    const encoded = describe(term.duration);
    const termBase = { ...base, path: `${at}.duration`, citation: formatCitation(term.source) };
    if (!quoteFound.has(`${at}.quote`)) {
      fidelity.unverified.push(`${at}: ${encoded}, its quote was not verified`);
      return;
    }
    const read = readDurations(term.quote);
    if (read.some((candidate) => sameDuration(candidate, term.duration.amount, term.duration.unit)))
      return;
    fidelity.unverified.push(`${at}: ${encoded} differs from its quote`);
    findings.push({
      ...termBase,
      rule: read.length === 0 ? 'durationNotInQuote' : 'durationDiffersFromQuote',
      message:
        read.length === 0
          ? `the stated term of ${term.channels.join(', ')} is ${encoded}, but its quote states no duration («${term.quote}»)`
          : `the stated term of ${term.channels.join(', ')} is ${encoded}, but its quote says ${read
              .map((duration) => `«${duration.text}» (${describe(duration)})`)
              .join(', ')}`,
    });
  });

  const citations: { at: string; citation: Citation }[] = [];
  collectAllCitations(regulation, '', citations);
  const reported = new Set<string>();
  for (const { at, citation } of citations) {
    fidelity.citations.total += 1;
    const text = texts.get(citation.source);
    if (!text) {
      fidelity.unverified.push(`${at}: source ${citation.source} has no text`);
      continue;
    }
    const missing = missingParts(text, citation);
    if (missing.length === 0) {
      fidelity.citations.resolved += 1;
      continue;
    }
    const key = `${citation.source}/${missing.join(',')}`;
    fidelity.unverified.push(`${at}: ${missing.join(', ')} not in ${citation.source}`);
    if (reported.has(key)) continue;
    reported.add(key);
    findings.push({
      ...base,
      ...where(at),
      path: at,
      rule: 'citationNotInSource',
      message: `the citation names ${missing.join(', ')}, which the text of ${citation.source} does not have (a point is a line starting «N.» or «N)», an item a line starting «N)»)`,
      citation: formatCitation(citation),
    });
  }
  return { findings, fidelity };
}

/** Normalises every source text once for a whole check. */
export function prepareSourceTexts(texts: SourceTexts): Map<string, PreparedSourceText> {
  return new Map([...texts].map(([id, text]) => [id, prepareSourceText(text)]));
}
