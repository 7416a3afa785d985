import type { Child } from 'hono/jsx';
import type { Locale } from '../../domain/shared/locale.js';
import { formatDateTime, nameIn, nameLang } from './messages.js';

/**
 * The shared components of every workspace's pages (issue 15): one due time, one status tag,
 * one table. A workspace words its own labels; the markup is the same everywhere.
 */

/**
 * A date and time (a due, a registration): `<time>` with the ISO instant, shown on the wall
 * clock of `timeZone` (the provider organisation's zone, in which the engine counted it;
 * default Asia/Almaty), or "—" when there is none.
 */
export function DueTime(props: {
  at: Date | string | null | undefined;
  class?: string | undefined;
  timeZone?: string | undefined;
}) {
  if (!props.at) return <span>—</span>;
  const at = typeof props.at === 'string' ? new Date(props.at) : props.at;
  return (
    <time datetime={at.toISOString()} class={props.class}>
      {formatDateTime(at, undefined, props.timeZone)}
    </time>
  );
}

/**
 * A name stored in kk and ru (a regulation, a service, an organisation, a document's title) as
 * page content: `nameIn`'s text, in a `<span lang="ru">` where that is not the page's language
 * (an English page; issue 18, point 11), so screen readers and hyphenation read it as Russian.
 * Where a name is an attribute or an `<option>`'s text, put `lang={nameLang(locale)}` on the
 * element instead.
 */
export function NameIn(props: { name: { kk: string; ru: string }; locale: Locale }) {
  const lang = nameLang(props.locale);
  const text = nameIn(props.name, props.locale);
  return lang ? <span lang={lang}>{text}</span> : <>{text}</>;
}

/** The tones of a status tag (text, never colour alone, carries the meaning). */
export type TagTone = 'on-time' | 'warning' | 'overdue' | 'neutral';

/** A status tag: on time, warning, overdue, or neutral (suspended, read, a status). */
export function StatusTag(props: { tone: TagTone; label: string; indicator?: string }) {
  return (
    <span class={`tag ${props.tone}`} data-indicator={props.indicator}>
      {props.label}
    </span>
  );
}

/** A node of a rendered view as far as the table needs it (Hono's JSXNode). */
interface ElementNode {
  readonly tag: unknown;
  readonly props: Record<string, unknown>;
  readonly children: readonly unknown[];
}

function isElement(node: unknown): node is ElementNode {
  return typeof node === 'object' && node !== null && 'tag' in node && 'props' in node;
}

/** The child nodes of a node list (arrays flattened, text and empty values dropped). */
function elementsOf(nodes: unknown): ElementNode[] {
  if (Array.isArray(nodes)) return nodes.flatMap(elementsOf);
  return isElement(nodes) ? [nodes] : [];
}

/**
 * Gives every cell of the rows its column heading as `data-label` (when the heading is a
 * text): on a phone the style sheet shows each row as a card, each cell under its heading,
 * so that no table is wider than the screen (issue 18).
 */
function labelCells(rows: unknown, headings: readonly Child[]): void {
  for (const row of elementsOf(rows)) {
    if (row.tag !== 'tr') continue;
    elementsOf(row.children).forEach((cell, index) => {
      const heading = headings[index];
      if ((cell.tag === 'td' || cell.tag === 'th') && typeof heading === 'string' && heading) {
        cell.props['data-label'] ??= heading;
      }
    });
  }
}

/**
 * A table in its scrolling wrapper: the column headings, then the rows. `caption` is shown
 * (or only read out with `captionHidden`); `labelledBy` names a heading outside the table.
 * Each cell carries its column's heading (`data-label`) for the phone layout.
 */
export function Table(props: {
  id?: string;
  class?: string;
  caption?: string;
  captionHidden?: boolean;
  labelledBy?: string;
  /** Further attributes of the table (`data-*`). */
  data?: Readonly<Record<`data-${string}`, string>>;
  headings: readonly Child[];
  children?: Child;
}) {
  labelCells(props.children, props.headings);
  return (
    <div class="table-wrap">
      <table
        id={props.id}
        class={props.class}
        aria-labelledby={props.labelledBy}
        {...(props.data ?? {})}
      >
        {props.caption ? (
          <caption class={props.captionHidden ? 'visually-hidden' : undefined}>
            {props.caption}
          </caption>
        ) : null}
        <thead>
          <tr>
            {props.headings.map((heading) => (
              <th scope="col">{heading}</th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** A table of `rows`, or the sentence `empty` when there are none. */
export function RowsTable<Row>(
  props: Omit<Parameters<typeof Table>[0], 'children'> & {
    rows: readonly Row[];
    empty: string;
    row: (row: Row) => Child;
  },
) {
  if (props.rows.length === 0) return <p>{props.empty}</p>;
  const { rows, row, empty: _empty, ...table } = props;
  return <Table {...table}>{rows.map(row)}</Table>;
}
