/** The byte-order mark that makes Excel read a CSV file as UTF-8. */
const byteOrderMark = '\uFEFF';

/** At most this many data rows in one CSV download. */
export const csvRowLimit = 10_000;

/** One field, quoted when it holds a separator, a quote or a line break (RFC 4180). */
export function csvField(value: string | number | undefined | null): string {
  const text = value === undefined || value === null ? '' : String(value);
  // A leading =, +, - or @ would be a formula in a spreadsheet: prefix it with a quote mark.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",;\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A CSV document: a BOM, the header, at most {@link csvRowLimit} rows, CRLF line ends, comma
 * separated.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | undefined | null)[])[],
): string {
  const lines = [header, ...rows.slice(0, csvRowLimit)].map((row) => row.map(csvField).join(','));
  return byteOrderMark + lines.join('\r\n') + '\r\n';
}
