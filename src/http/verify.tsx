import { sandboxMarkLine } from '../domain/shared/sandbox-mark.js';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Locale } from '../domain/shared/locale.js';
import { locales, type LocalizedText } from '../domain/shared/locale.js';
import {
  verifyDocument,
  type DocumentVerification,
} from '../features/documents/verify-document.js';
import { loadTrustStore } from '../signing/pki-directory.js';
import type { TrustStore } from '../signing/trust-store.js';
import type { AppEnv } from './app.js';
import { formatDateTime } from './web/messages.js';
import { chooseLocale } from './web/web-env.js';

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const SHA256 = /^[0-9a-fA-F]{64}$/;

const text = {
  pageTitle: {
    kk: 'Құжаттың түпнұсқалығын тексеру',
    ru: 'Проверка подлинности документа',
    en: 'Document verification',
  },
  genuine: { kk: 'Құжат түпнұсқа', ru: 'Документ подлинный', en: 'The document is genuine' },
  notGenuine: {
    kk: 'Құжат түпнұсқа емес',
    ru: 'Документ не подлинный',
    en: 'The document is not genuine',
  },
  copyMatches: {
    kk: 'Ұсынылған көшірме берілген құжатпен бірдей.',
    ru: 'Представленная копия совпадает с выданным документом.',
    en: 'The presented copy is identical to the issued document.',
  },
  copyDiffers: {
    kk: 'Ұсынылған көшірме берілген құжаттан өзгеше: ол өзгертілген немесе басқа құжат.',
    ru: 'Представленная копия отличается от выданного документа: она изменена или это другой документ.',
    en: 'The presented copy differs from the issued document: it was altered or is another document.',
  },
  storedAltered: {
    kk: 'Сақталған құжат бүлінген.',
    ru: 'Хранимый документ повреждён.',
    en: 'The stored document is damaged.',
  },
  number: { kk: 'Нөмірі', ru: 'Номер', en: 'Number' },
  kind: { kk: 'Құжат', ru: 'Документ', en: 'Document' },
  signer: { kk: 'Қол қойған', ru: 'Подписал', en: 'Signed by' },
  signedAt: {
    kk: 'Қол қойылған уақыты (Қазақстан уақыты)',
    ru: 'Время подписания (время Казахстана)',
    en: 'Signed at (Kazakhstan time)',
  },
  hash: { kk: 'PDF файлының SHA-256', ru: 'SHA-256 файла PDF', en: 'SHA-256 of the PDF' },
  replacedBy: { kk: 'Орнына берілген құжат', ru: 'Заменён документом', en: 'Replaced by' },
  replaces: { kk: 'Ауыстырады', ru: 'Взамен документа', en: 'Replaces' },
  checkCopy: { kk: 'Көшірмені тексеру', ru: 'Проверить копию', en: 'Check a copy' },
  upload: { kk: 'PDF файлын жүктеу', ru: 'Загрузить файл PDF', en: 'Upload the PDF file' },
  orHash: {
    kk: 'немесе оның SHA-256 мәнін енгізіңіз',
    ru: 'или введите его SHA-256',
    en: 'or enter its SHA-256',
  },
  check: { kk: 'Тексеру', ru: 'Проверить', en: 'Check' },
  sandboxRefused: {
    kk: 'Бұл құжатты құм жәшік (сынақ орнату) берген: заңдық күші жоқ және мұнда түпнұсқа деп танылмайды.',
    ru: 'Этот документ выдан песочницей (тестовой установкой): он не является юридическим актом и здесь не признаётся подлинным.',
    en: 'This document was issued by a sandbox (a test installation): it is not a legal act and is not accepted as genuine here.',
  },
  notFound: {
    kk: 'Мұндай құжат берілмеген.',
    ru: 'Такой документ не выдавался.',
    en: 'No such document was issued.',
  },
} satisfies Record<string, LocalizedText>;

function wantsJson(c: Context<AppEnv>): boolean {
  return (c.req.header('accept') ?? '').includes('application/json');
}

/** The JSON variant: the same facts as the page, nothing more. */
function toJson(result: DocumentVerification, locale: Locale) {
  return {
    id: result.id,
    number: result.number,
    kind: result.kind,
    title: result.title,
    genuine: result.genuine,
    intact: result.intact,
    signature: result.signature.valid
      ? { valid: true }
      : {
          valid: false,
          reason: result.signature.failure,
          message: result.signature.message[locale],
        },
    signerName: result.signerName,
    signedAt: result.signedAt.toISOString(),
    pdfSha256: result.pdfSha256,
    contentSha256: result.contentSha256,
    presented: result.presented ?? null,
    replaces: result.replaces ?? null,
    replacedBy: result.replacedBy ?? null,
    sandbox: result.sandbox,
  };
}

function Layout(props: {
  locale: Locale;
  path: string;
  children: unknown;
  /** A sandbox installation or a sandbox document: the mark above everything. */
  sandbox?: boolean;
}) {
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{text.pageTitle[props.locale]}</title>
        <style>{`body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
.ok{background:#e6f4ea;border:2px solid #137333;padding:1rem}.bad{background:#fce8e6;border:2px solid #a50e0e;padding:1rem}
dt{font-weight:bold}dd{margin:0 0 .5rem 0;word-break:break-all}nav a{margin-right:1rem}`}</style>
      </head>
      <body>
        {props.sandbox ? (
          <p class="bad sandbox-mark" role="note" data-sandbox="true">
            <strong>{sandboxMarkLine}</strong>
          </p>
        ) : null}
        <nav aria-label="Language / Тіл / Язык">
          {locales.map((locale) => (
            <a
              href={`${props.path}?lang=${locale}`}
              lang={locale}
              aria-current={locale === props.locale ? 'true' : undefined}
            >
              {locale === 'kk' ? 'Қазақша' : locale === 'ru' ? 'Русский' : 'English'}
            </a>
          ))}
        </nav>
        <main>
          <h1>{text.pageTitle[props.locale]}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

function VerificationPage(props: {
  result: DocumentVerification;
  locale: Locale;
  path: string;
  sandbox: boolean;
}) {
  const { result, locale } = props;
  const reason = result.refusedAsSandbox
    ? text.sandboxRefused[locale]
    : !result.intact
      ? text.storedAltered[locale]
      : !result.signature.valid
        ? result.signature.message[locale]
        : result.presented && !result.presented.matches
          ? text.copyDiffers[locale]
          : undefined;
  return (
    <Layout locale={locale} path={props.path} sandbox={props.sandbox || result.sandbox}>
      <div
        class={result.genuine ? 'ok' : 'bad'}
        role="status"
        data-genuine={String(result.genuine)}
      >
        <strong>{result.genuine ? text.genuine[locale] : text.notGenuine[locale]}</strong>
        {reason ? <p>{reason}</p> : null}
        {result.genuine && result.presented ? <p>{text.copyMatches[locale]}</p> : null}
      </div>
      <dl>
        <dt>{text.kind[locale]}</dt>
        <dd>
          <span lang="kk">{result.title.kk}</span> / <span lang="ru">{result.title.ru}</span>
        </dd>
        <dt>{text.number[locale]}</dt>
        <dd>{result.number}</dd>
        <dt>{text.signer[locale]}</dt>
        <dd>{result.signerName}</dd>
        <dt>{text.signedAt[locale]}</dt>
        <dd>
          <time datetime={result.signedAt.toISOString()}>
            {formatDateTime(result.signedAt, locale)}
          </time>
        </dd>
        <dt>{text.hash[locale]}</dt>
        <dd>
          <code>{result.pdfSha256}</code>
        </dd>
        {result.replaces ? (
          <>
            <dt>{text.replaces[locale]}</dt>
            <dd>
              <a href={`/verify/${result.replaces.id}?lang=${locale}`}>{result.replaces.number}</a>
            </dd>
          </>
        ) : null}
        {result.replacedBy ? (
          <>
            <dt>{text.replacedBy[locale]}</dt>
            <dd>
              <a href={`/verify/${result.replacedBy.id}?lang=${locale}`}>
                {result.replacedBy.number}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{text.checkCopy[locale]}</h2>
      <form method="post" action={`${props.path}?lang=${locale}`} enctype="multipart/form-data">
        <label>
          {text.upload[locale]} <input type="file" name="file" accept="application/pdf" required />
        </label>
        <button type="submit">{text.check[locale]}</button>
      </form>
      <form method="get" action={props.path}>
        <input type="hidden" name="lang" value={locale} />
        <label>
          {text.orHash[locale]}{' '}
          <input type="text" name="sha256" pattern="[0-9a-fA-F]{64}" size={66} required />
        </label>
        <button type="submit">{text.check[locale]}</button>
      </form>
    </Layout>
  );
}

/**
 * The public verification page `/verify/:id` (no login): whether the document is genuine,
 * who signed it and when, its number and kind — and nothing personal beyond what the
 * document itself shows. `?sha256=` or a POSTed copy (raw PDF body or a multipart `file`)
 * is compared with the issued file. JSON with `Accept: application/json`.
 */
export function verifyRoutes(trustStoreOverride?: TrustStore) {
  const routes = new Hono<AppEnv>();
  let trustStore = trustStoreOverride;
  const store = (c: Context<AppEnv>): TrustStore => {
    const deps = c.get('deps');
    trustStore ??= deps.trustStore ?? loadTrustStore(deps.config.pki.directory).store;
    return trustStore;
  };

  const respond = async (
    c: Context<AppEnv>,
    presented: { sha256?: string; bytes?: Uint8Array },
  ) => {
    const locale = chooseLocale(c);
    c.header('content-language', locale);
    const deps = c.get('deps');
    const id = c.req.param('id') ?? '';
    c.header('cache-control', 'no-store');
    const result = await verifyDocument(
      deps.database.db,
      store(c),
      {
        id,
        ...(presented.sha256 ? { presentedSha256: presented.sha256 } : {}),
        ...(presented.bytes ? { presentedBytes: presented.bytes } : {}),
      },
      deps.now(),
      { refuseSandbox: deps.config.env === 'production' },
    );
    if (!result) {
      if (wantsJson(c))
        return c.json({ error: { code: 'not_found', message: text.notFound[locale] } }, 404);
      return c.html(
        <Layout
          locale={locale}
          path={`/verify/${encodeURIComponent(id)}`}
          sandbox={deps.config.sandbox}
        >
          <p role="status">{text.notFound[locale]}</p>
        </Layout>,
        404,
      );
    }
    if (wantsJson(c)) return c.json(toJson(result, locale));
    return c.html(
      <VerificationPage
        result={result}
        locale={locale}
        path={`/verify/${result.id}`}
        sandbox={deps.config.sandbox}
      />,
    );
  };

  routes.get('/verify/:id', async (c) => {
    const sha256 = c.req.query('sha256');
    if (sha256 !== undefined && !SHA256.test(sha256)) {
      return c.json(
        { error: { code: 'validation_failed', issues: [{ path: 'sha256', rule: 'sha256_hex' }] } },
        422,
      );
    }
    return respond(c, sha256 ? { sha256 } : {});
  });

  routes.post('/verify/:id', bodyLimit({ maxSize: MAX_UPLOAD_BYTES }), async (c) => {
    const type = c.req.header('content-type') ?? '';
    let bytes: Uint8Array;
    if (type.startsWith('multipart/form-data')) {
      const form = await c.req.parseBody();
      const file = form['file'];
      if (!(file instanceof File)) {
        return c.json(
          { error: { code: 'validation_failed', issues: [{ path: 'file', rule: 'required' }] } },
          422,
        );
      }
      bytes = new Uint8Array(await file.arrayBuffer());
    } else {
      bytes = new Uint8Array(await c.req.arrayBuffer());
    }
    return respond(c, { bytes });
  });

  return routes;
}
