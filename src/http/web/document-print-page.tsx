import type { LocalizedText } from '../../domain/shared/locale.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import {
  getPrintableDocument,
  type PrintableDocument,
} from '../../features/documents/get-printable-document.js';
import { DueTime } from './components.js';
import { Page, type PageContext } from './layout.js';
import { nameLang } from './messages.js';
import { definePage } from './page.js';
import { currentUser } from './page-context.js';

export const printTexts = {
  print: { kk: 'Басып шығару', ru: 'Распечатать', en: 'Print' },
  pdf: { kk: 'PDF жүктеу', ru: 'Скачать PDF', en: 'Download the PDF' },
  back: { kk: 'Артқа', ru: 'Назад', en: 'Back' },
  hint: {
    kk: 'Бұл бет құжаттың PDF-тегі мазмұнын басып шығаруға арналған (Ctrl+P).',
    ru: 'Эта страница печатает то же содержание, что и PDF документа (Ctrl+P).',
    en: 'This page prints what the document’s PDF holds (Ctrl+P).',
  },
  signer: { kk: 'Қол қойған', ru: 'Подписал', en: 'Signed by' },
  signedAt: { kk: 'Уақыты', ru: 'Время', en: 'Time' },
  code: { kk: 'Тексеру коды', ru: 'Код проверки', en: 'Verification code' },
  replaces: { kk: 'Ауыстырады', ru: 'Взамен', en: 'Replaces' },
  sandbox: {
    kk: 'ҚҰМ ЖӘШІК: заңды күші жоқ',
    ru: 'ПЕСОЧНИЦА: не имеет юридической силы',
    en: 'SANDBOX: not a legal document',
  },
} as const satisfies Record<string, LocalizedText>;

type Bilingual = { readonly kk: string; readonly ru: string };

/** A document's own text in its own language(s): kk, ru, or both (kk / ru). */
function Both(props: { text: Bilingual; language: PrintableDocument['language'] }) {
  const { text, language } = props;
  if (language === 'kk') return <span lang="kk">{text.kk}</span>;
  if (language === 'ru') return <span lang="ru">{text.ru}</span>;
  return (
    <>
      <span lang="kk">{text.kk}</span> / <span lang="ru">{text.ru}</span>
    </>
  );
}

function Value(props: {
  value: PrintableDocument['fields'][number]['value'];
  language: PrintableDocument['language'];
}) {
  const { value } = props;
  if (typeof value === 'string') return <>{value}</>;
  if (Array.isArray(value)) {
    return (
      <ol>
        {value.map((item) => (
          <li>{item}</li>
        ))}
      </ol>
    );
  }
  const table = value as { columns: Bilingual[]; rows: string[][] };
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">№</th>
          {table.columns.map((column) => (
            <th scope="col">
              <Both text={column} language={props.language} />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, index) => (
          <tr>
            <td>{index + 1}</td>
            {row.map((cell) => (
              <td>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PrintView({ ctx, data }: { ctx: PageContext; data: PrintableDocument }) {
  const locale = ctx.locale;
  const title = `${data.title[locale === 'kk' ? 'kk' : 'ru']} № ${data.number}`;
  return (
    <Page ctx={ctx} title={title} titleLang={nameLang(locale)}>
      <div class="actions no-print">
        <button type="button" data-print>
          {printTexts.print[locale]}
        </button>
        <a href={`/documents/${data.id}.pdf`}>{printTexts.pdf[locale]}</a>
      </div>
      <p class="hint no-print">{printTexts.hint[locale]}</p>
      <article class="printable" id="printable-document">
        {data.sandbox ? <p class="notice warn">{printTexts.sandbox[locale]}</p> : null}
        {data.organisation ? <p class="organisation">{data.organisation}</p> : null}
        <h1>
          <span lang="kk">{data.title.kk}</span>
          <br />
          <span lang="ru">{data.title.ru}</span>
        </h1>
        <p class="doc-number">№ {data.number}</p>
        {data.replacesNumber ? (
          <p class="doc-number">
            {printTexts.replaces[locale]}: № {data.replacesNumber}
          </p>
        ) : null}
        <dl class="facts">
          {data.fields.map((field) => (
            <>
              <dt>
                <Both text={field.label} language={data.language} />
              </dt>
              <dd>
                <Value value={field.value} language={data.language} />
              </dd>
            </>
          ))}
        </dl>
        {data.paragraphs.map((paragraph) => (
          <>
            {data.language !== 'ru' ? <p lang="kk">{paragraph.kk}</p> : null}
            {data.language !== 'kk' ? <p lang="ru">{paragraph.ru}</p> : null}
          </>
        ))}
        <div class="signature">
          <p>
            <strong>
              <Both text={data.signerRole} language={data.language} />
            </strong>
          </p>
          <dl class="facts">
            <dt>{printTexts.signer[locale]}</dt>
            <dd id="print-signer">{data.signerName}</dd>
            <dt>{printTexts.signedAt[locale]}</dt>
            <dd>
              <DueTime at={data.signedAt} />
            </dd>
            <dt>{printTexts.code[locale]}</dt>
            <dd id="print-code">
              <code>{data.verificationCode}</code>
            </dd>
          </dl>
        </div>
      </article>
    </Page>
  );
}

/**
 * `/documents/<id>/print`: a receipt, result or register as a printable HTML page (issue 18,
 * point 7), for whoever may download its PDF (anyone else: 404); the print style sheet hides
 * the menus and prints on A4.
 */
export const documentPrintPage = definePage({
  path: '/documents/:id{[0-9a-fA-F-]{36}}/print',
  guard: async (c) => {
    const user = await currentUser(c);
    if (!user) throw new DomainError('unauthenticated', { reason: 'login_required' });
    return user;
  },
  load: (c, user) =>
    getPrintableDocument(c.get('deps').applications, user.principal, c.req.param('id')!),
  View: PrintView,
});
