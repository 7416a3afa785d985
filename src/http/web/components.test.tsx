import { describe, expect, it } from 'vitest';
import { DueTime, NameIn, RowsTable, StatusTag, Table } from './components.js';
import { nameLang } from './messages.js';

const html = async (element: { toString(): string | Promise<string> }) =>
  String(await element.toString());

describe('the shared components (due time, status tag, table)', () => {
  it('shows a due time on the wall clock of the zone, with the ISO instant', async () => {
    const at = new Date('2026-12-03T05:30:00Z');
    expect(await html(<DueTime at={at} />)).toBe(
      '<time datetime="2026-12-03T05:30:00.000Z">03.12.2026 10:30</time>',
    );
    expect(await html(<DueTime at={at.toISOString()} class="due" timeZone="UTC" />)).toBe(
      '<time datetime="2026-12-03T05:30:00.000Z" class="due">03.12.2026 05:30</time>',
    );
    expect(await html(<DueTime at={null} />)).toBe('<span>—</span>');
  });

  it('marks a kk/ru name with lang="ru" only where it is not the page\'s language', async () => {
    const name = { kk: 'Қостанай мектебі', ru: 'Школа Костаная' };
    expect(await html(<NameIn name={name} locale="en" />)).toBe(
      '<span lang="ru">Школа Костаная</span>',
    );
    expect(await html(<NameIn name={name} locale="ru" />)).toBe('Школа Костаная');
    expect(await html(<NameIn name={name} locale="kk" />)).toBe('Қостанай мектебі');
    expect([nameLang('en'), nameLang('ru'), nameLang('kk')]).toEqual(['ru', undefined, undefined]);
  });

  it('words a status tag by its tone, with the indicator only when given', async () => {
    expect(await html(<StatusTag tone="overdue" label="Просрочено" />)).toBe(
      '<span class="tag overdue">Просрочено</span>',
    );
    expect(await html(<StatusTag tone="neutral" label="—" indicator="none" />)).toBe(
      '<span class="tag neutral" data-indicator="none">—</span>',
    );
  });

  it('renders a table with its headings and caption, or the empty sentence', async () => {
    const table = await html(
      <Table id="t" caption="Inbox" captionHidden headings={['A', 'B']}>
        <tr>
          <td>1</td>
        </tr>
      </Table>,
    );
    expect(table).toBe(
      '<div class="table-wrap"><table id="t"><caption class="visually-hidden">Inbox</caption>' +
        '<thead><tr><th scope="col">A</th><th scope="col">B</th></tr></thead>' +
        '<tbody><tr><td data-label="A">1</td></tr></tbody></table></div>',
    );
    const labelled = await html(
      <RowsTable
        labelledBy="title"
        headings={['N']}
        rows={[1, 2]}
        empty="none"
        row={(n) => <tr data-n={String(n)} />}
      />,
    );
    expect(labelled).toContain('<table aria-labelledby="title"><thead>');
    expect(labelled).toContain('<tbody><tr data-n="1"></tr><tr data-n="2"></tr></tbody>');
    // Each cell carries its column's heading (the phone layout shows it above the value); a
    // heading that is markup, not text, gives none, and a label already set is kept.
    const cards = await html(
      <Table headings={['Номер', <abbr title="x">Y</abbr>, 'Срок']}>
        {[1].map(() => (
          <tr>
            <th scope="row">N-1</th>
            <td>b</td>
            <td data-label="Мерзімі">c</td>
          </tr>
        ))}
      </Table>,
    );
    expect(cards).toContain(
      '<tr><th scope="row" data-label="Номер">N-1</th><td>b</td><td data-label="Мерзімі">c</td></tr>',
    );
    const empty = <RowsTable headings={['N']} rows={[]} empty="No rows." row={() => null} />;
    expect(await html(empty)).toBe('<p>No rows.</p>');
  });
});
