/** One sample of the Prometheus text exposition format (version 0.0.4). */
export interface PrometheusSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A parsed scrape: the declared type of each metric family and every sample. */
export interface PrometheusScrape {
  readonly types: ReadonlyMap<string, string>;
  readonly samples: readonly PrometheusSample[];
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/;
const labelPair = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/;
const familyTypes = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const match = labelPair.exec(rest);
    if (!match) throw new Error(`malformed labels in: ${line}`);
    labels[match[1]!] = match[2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    rest = rest.slice(match[0].length);
  }
  return labels;
}

/**
 * A sample value as Go's `strconv.ParseFloat` reads it (the format's own definition): besides
 * decimal numbers, `NaN` and `±Inf`/`±Infinity` in any letter case — prom-client, for one,
 * writes an empty histogram's mean as `Nan`.
 */
function parseValue(text: string, line: string): number {
  if (/^[+]?inf(inity)?$/i.test(text)) return Infinity;
  if (/^-inf(inity)?$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw new Error(`malformed value in: ${line}`);
  return value;
}

/**
 * Parses the Prometheus text format strictly: every line is a `# HELP`, a `# TYPE` with a
 * known type (declared once, before its samples), or a sample of a declared family; anything
 * else throws, naming the line.
 */
export function parsePrometheusText(text: string): PrometheusScrape {
  const types = new Map<string, string>();
  const samples: PrometheusSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) {
      const name = line.slice(7).split(' ')[0]!;
      if (!metricName.test(name)) throw new Error(`malformed HELP: ${line}`);
      continue;
    }
    if (line.startsWith('# TYPE ')) {
      const [name, type, ...extra] = line.slice(7).split(' ');
      if (!name || !metricName.test(name) || !type || !familyTypes.has(type) || extra.length)
        throw new Error(`malformed TYPE: ${line}`);
      if (types.has(name)) throw new Error(`TYPE declared twice: ${line}`);
      types.set(name, type);
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`malformed sample: ${line}`);
    const name = match[1]!;
    const family = [name, name.replace(/_(bucket|sum|count|total|created)$/, '')].find((n) =>
      types.has(n),
    );
    if (!family) throw new Error(`sample of an undeclared family: ${line}`);
    samples.push({
      name,
      labels: parseLabels(match[2] ?? '', line),
      value: parseValue(match[3]!, line),
    });
  }
  return { types, samples };
}

/** The samples named `name` whose labels include `labels`. */
export function samplesOf(
  scrape: PrometheusScrape,
  name: string,
  labels: Record<string, string> = {},
): PrometheusSample[] {
  return scrape.samples.filter(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
}
