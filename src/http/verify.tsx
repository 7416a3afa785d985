import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { maxFileBytes } from '../domain/portal/uploaded-file.js';
import type { Locale } from '../domain/shared/locale.js';
import { type LocalizedText } from '../domain/shared/locale.js';
import {
  findDocumentIdByCode,
  verifyDocument,
  type DocumentVerification,
} from '../features/documents/verify-document.js';
import { enforceRateLimit, rateLimitPolicies } from '../features/limits/rate-limit.js';
import { clientAddress } from './client-address.js';
import type { TrustStore } from '../signing/trust-store.js';
import type { AppEnv } from './app-env.js';
import { Notice, Page, type PageContext } from './web/layout.js';
import { formatDateTime } from './web/messages.js';
import { chooseLocale } from './web/web-env.js';
import { issueMessage } from './web/portal/texts.js';
import { uploadCheckScript } from './web/upload-check.js';

const SHA256 = /^[0-9a-fA-F]{64}$/;
/** A typed verification code: 12 hex digits, spaces and dashes allowed. */
const MAX_CODE_LENGTH = 40;

/**
 * The words of the page. The names of the two printed values are the same as on the
 * document's signature stamp (src/documents/render-pdf.ts, `stampText`).
 */
const text = {
  pageTitle: {
    kk: 'Құжаттың түпнұсқалығын тексеру',
    ru: 'Проверка подлинности документа',
    en: 'Document verification',
  },
  intro: {
    kk: 'Құжаттағы QR-кодты сканерлеңіз немесе оның қолтаңба белгісіндегі тексеру кодын енгізіңіз.',
    ru: 'Отсканируйте QR-код на документе или введите код проверки из штампа подписи на документе.',
    en: 'Scan the QR code on the document or enter the verification code from its signature stamp.',
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
  code: { kk: 'Тексеру коды', ru: 'Код проверки', en: 'Verification code' },
  signer: { kk: 'Қол қойған', ru: 'Подписал', en: 'Signed by' },
  signedAt: {
    kk: 'Қол қойылған уақыты (Қазақстан уақыты)',
    ru: 'Время подписания (время Казахстана)',
    en: 'Signed at (Kazakhstan time)',
  },
  hash: {
    kk: 'Қол қойылған мазмұнның SHA-256',
    ru: 'SHA-256 подписанного содержания',
    en: 'SHA-256 of the signed content',
  },
  whatSignedBody: {
    kk: 'Электрондық цифрлық қолтаңба құжаттың мазмұнына (қолтаңба белгісінсіз PDF) қойылған. Белгі — қол қойған адам, уақыты, тексеру коды, осы SHA-256 және QR-код — қолтаңба тексерілгеннен кейін қосылды.',
    ru: 'Электронная цифровая подпись поставлена под содержание документа (PDF без штампа подписи). Штамп — подписавший, время, код проверки, этот SHA-256 и QR-код — добавлен после проверки подписи.',
    en: 'The digital signature covers the content of the document (the PDF without the signature stamp). The stamp — signer, time, verification code, this SHA-256 and the QR code — was added after the signature was verified.',
  },
  whatSignedFile: {
    kk: 'Электрондық цифрлық қолтаңба PDF файлының өзіне қойылған.',
    ru: 'Электронная цифровая подпись поставлена под сам файл PDF.',
    en: 'The digital signature covers the PDF file itself.',
  },
  replacedBy: { kk: 'Орнына берілген құжат', ru: 'Заменён документом', en: 'Replaced by' },
  replaces: { kk: 'Ауыстырады', ru: 'Взамен документа', en: 'Replaces' },
  checkCopy: { kk: 'Көшірмені тексеру', ru: 'Проверить копию', en: 'Check a copy' },
  upload: { kk: 'PDF файлын жүктеу', ru: 'Загрузить файл PDF', en: 'Upload the PDF file' },
  orHash: {
    kk: 'немесе құжатта басылған «Қол қойылған мазмұнның SHA-256» мәнін енгізіңіз',
    ru: 'или введите «SHA-256 подписанного содержания», напечатанный на документе',
    en: 'or enter the “SHA-256 of the signed content” printed on the document',
  },
  hashInvalid: {
    kk: '64 он алтылық таңба енгізіңіз (0–9, a–f).',
    ru: 'Введите 64 шестнадцатеричных символа (0–9, a–f).',
    en: 'Enter 64 hexadecimal characters (0–9, a–f).',
  },
  codeHint: {
    kk: 'Мысалы: 6F1C-2D3E-9A0B',
    ru: 'Например: 6F1C-2D3E-9A0B',
    en: 'For example: 6F1C-2D3E-9A0B',
  },
  codeInvalid: {
    kk: 'Тексеру коды — 12 таңба (0–9, A–F), мысалы 6F1C-2D3E-9A0B.',
    ru: 'Код проверки — 12 символов (0–9, A–F), например 6F1C-2D3E-9A0B.',
    en: 'A verification code has 12 characters (0–9, A–F), e.g. 6F1C-2D3E-9A0B.',
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
    verificationCode: result.verificationCode,
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
    signedContentSha256: result.signedContentSha256,
    signedContentIsBody: result.signedContentIsBody,
    pdfSha256: result.pdfSha256,
    contentSha256: result.contentSha256,
    presented: result.presented ?? null,
    replaces: result.replaces ?? null,
    replacedBy: result.replacedBy ?? null,
    sandbox: result.sandbox,
  };
}

/** The page context of this public page: no session, no forms that change anything. */
function verifyContext(c: Context<AppEnv>, locale: Locale): PageContext {
  const url = new URL(c.req.url);
  url.searchParams.delete('lang');
  return {
    locale,
    csrfToken: '',
    path: `${url.pathname}${url.search}`,
    user: undefined,
    vocabulary: c.get('deps').applications.regulations.vocabulary,
    sandbox: c.get('deps').config.sandbox,
  };
}

function VerifyPage(props: { ctx: PageContext; children?: Child; scripts?: readonly string[] }) {
  return (
    <Page
      ctx={props.ctx}
      title={text.pageTitle[props.ctx.locale]}
      narrow
      {...(props.scripts ? { scripts: props.scripts } : {})}
    >
      <h1>{text.pageTitle[props.ctx.locale]}</h1>
      {props.children}
    </Page>
  );
}

/** The form that takes the verification code printed on a document. */
function CodeForm(props: { locale: Locale; value?: string; error?: string }) {
  const { locale } = props;
  return (
    <form method="get" action="/verify">
      <input type="hidden" name="lang" value={locale} />
      <div class={props.error ? 'field invalid' : 'field'}>
        <label for="code">{text.code[locale]}</label>
        <span class="hint" id="code-hint">
          {text.codeHint[locale]}
        </span>
        {props.error ? (
          <span class="error" id="code-error">
            {props.error}
          </span>
        ) : null}
        <input
          id="code"
          name="code"
          type="text"
          value={props.value ?? ''}
          maxlength={MAX_CODE_LENGTH}
          autocomplete="off"
          required
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.error ? 'code-hint code-error' : 'code-hint'}
        />
      </div>
      <button type="submit">{text.check[locale]}</button>
    </form>
  );
}

/** What the document says of itself: kind, number, code, signer, time, hash, replacements. */
function DocumentFacts(props: { result: DocumentVerification; locale: Locale }) {
  const { result, locale } = props;
  return (
    <dl class="facts">
      <dt>{text.kind[locale]}</dt>
      <dd>
        <span lang="kk">{result.title.kk}</span> / <span lang="ru">{result.title.ru}</span>
      </dd>
      <dt>{text.number[locale]}</dt>
      <dd>{result.number}</dd>
      <dt>{text.code[locale]}</dt>
      <dd data-field="verification-code">{result.verificationCode}</dd>
      <dt>{text.signer[locale]}</dt>
      <dd data-field="signer">{result.signerName}</dd>
      <dt>{text.signedAt[locale]}</dt>
      <dd data-field="signed-at">
        <time datetime={result.signedAt.toISOString()}>
          {formatDateTime(result.signedAt, locale)}
        </time>
      </dd>
      <dt>{text.hash[locale]}</dt>
      <dd class="checksum" data-field="signed-content-sha256">
        {result.signedContentSha256}
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
  );
}

/**
 * Check a copy: upload the PDF, or type the SHA-256 printed on it or computed from the file.
 * A file over the platform's per-file limit (no document issued here is that large) is refused
 * in the browser before it is sent (src/http/web/upload-check.ts), and by the server.
 */
function CopyForms(props: {
  path: string;
  locale: Locale;
  hashError: string | undefined;
  fileError: string | undefined;
}) {
  const { path, locale } = props;
  return (
    <>
      <h2>{text.checkCopy[locale]}</h2>
      <form method="post" action={`${path}?lang=${locale}`} enctype="multipart/form-data">
        <div class={props.fileError ? 'field invalid' : 'field'}>
          <label for="file">{text.upload[locale]}</label>
          {props.fileError ? (
            <span class="error" id="file-error">
              {props.fileError}
            </span>
          ) : null}
          <input
            id="file"
            type="file"
            name="file"
            accept="application/pdf"
            required
            data-upload-max-bytes={String(maxFileBytes)}
            data-upload-too-large={tooLargeMessage(locale)}
            aria-invalid={props.fileError ? 'true' : undefined}
            aria-describedby={props.fileError ? 'file-error' : undefined}
          />
        </div>
        <button type="submit">{text.check[locale]}</button>
      </form>
      <form method="get" action={path}>
        <input type="hidden" name="lang" value={locale} />
        <div class={props.hashError ? 'field invalid' : 'field'}>
          <label for="sha256">{text.orHash[locale]}</label>
          {props.hashError ? (
            <span class="error" id="sha256-error">
              {props.hashError}
            </span>
          ) : null}
          <input
            id="sha256"
            type="text"
            name="sha256"
            class="checksum"
            maxlength={80}
            autocomplete="off"
            required
            aria-invalid={props.hashError ? 'true' : undefined}
            aria-describedby={props.hashError ? 'sha256-error' : undefined}
          />
        </div>
        <button type="submit">{text.check[locale]}</button>
      </form>
    </>
  );
}

const tooLargeMessage = (locale: Locale) =>
  issueMessage({ path: 'file', rule: 'file_too_large' }, locale);

function VerificationPage(props: {
  ctx: PageContext;
  result: DocumentVerification;
  hashError?: string;
  fileError?: string;
}) {
  const { result } = props;
  const locale = props.ctx.locale;
  const path = `/verify/${result.id}`;
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
    <VerifyPage ctx={props.ctx} scripts={[uploadCheckScript]}>
      <Notice tone={result.genuine ? 'ok' : 'bad'} role="status">
        <div data-genuine={String(result.genuine)}>
          <strong>{result.genuine ? text.genuine[locale] : text.notGenuine[locale]}</strong>
          {reason ? <p>{reason}</p> : null}
          {result.genuine && result.presented ? <p>{text.copyMatches[locale]}</p> : null}
        </div>
      </Notice>
      <DocumentFacts result={result} locale={locale} />
      <p>
        {result.signedContentIsBody ? text.whatSignedBody[locale] : text.whatSignedFile[locale]}
      </p>
      <CopyForms
        path={path}
        locale={locale}
        hashError={props.hashError}
        fileError={props.fileError}
      />
    </VerifyPage>
  );
}

const html = async (c: Context<AppEnv>, page: Child, status: 200 | 404 | 422 = 200) =>
  c.html(`<!doctype html>${String(await (page as { toString(): unknown }).toString())}`, status);

/** Every lookup (page, JSON, uploaded copy) is limited per client address, in the database. */
async function limitLookups(c: Context<AppEnv>, next: () => Promise<void>) {
  const { database, now } = c.get('deps');
  await enforceRateLimit(
    database.db,
    `verify:${clientAddress(c)}`,
    rateLimitPolicies.publicLookup,
    now(),
  );
  await next();
}

const store = (c: Context<AppEnv>): TrustStore => c.get('deps').trustStore();

/** The answer for the document of the path, with the presented copy (hash or bytes) compared. */
async function respond(
  c: Context<AppEnv>,
  presented: { sha256?: string; bytes?: Uint8Array },
  refusal?: { hashError: string } | { fileError: string },
) {
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
  const context = verifyContext(c, locale);
  // A sandbox document carries the mark wherever it is shown (docs/sandbox.md).
  const ctx = result?.sandbox ? { ...context, sandbox: true } : context;
  if (!result) {
    if (wantsJson(c))
      return c.json({ error: { code: 'not_found', message: text.notFound[locale] } }, 404);
    return html(
      c,
      <VerifyPage ctx={ctx}>
        <Notice tone="bad" role="status">
          {text.notFound[locale]}
        </Notice>
        <CodeForm locale={locale} />
      </VerifyPage>,
      404,
    );
  }
  if (wantsJson(c)) return c.json(toJson(result, locale));
  return html(c, <VerificationPage ctx={ctx} result={result} {...refusal} />, refusal ? 422 : 200);
}

/** `/verify`: the code form, or the document of the code typed (`?code=`). */
async function verifyByCode(c: Context<AppEnv>) {
  const locale = chooseLocale(c);
  c.header('content-language', locale);
  c.header('cache-control', 'no-store');
  const ctx = verifyContext(c, locale);
  const typed = c.req.query('code');
  if (typed === undefined) {
    return html(
      c,
      <VerifyPage ctx={ctx}>
        <p>{text.intro[locale]}</p>
        <CodeForm locale={locale} />
      </VerifyPage>,
    );
  }
  const value = typed.slice(0, MAX_CODE_LENGTH);
  const id =
    typed.length <= MAX_CODE_LENGTH
      ? await findDocumentIdByCode(c.get('deps').database.db, value)
      : undefined;
  if (id) return c.redirect(`/verify/${id}?lang=${locale}`, 303);
  const valid =
    /^[\s0-9a-fA-F\-–—]+$/.test(value) && value.replace(/[^0-9a-fA-F]/g, '').length === 12;
  if (wantsJson(c)) {
    return valid
      ? c.json({ error: { code: 'not_found', message: text.notFound[locale] } }, 404)
      : c.json(
          { error: { code: 'validation_failed', issues: [{ path: 'code', rule: 'code' }] } },
          422,
        );
  }
  return html(
    c,
    <VerifyPage ctx={ctx}>
      {valid ? (
        <Notice tone="bad" role="status">
          {text.notFound[locale]}
        </Notice>
      ) : null}
      <CodeForm
        locale={locale}
        value={value}
        {...(valid ? {} : { error: text.codeInvalid[locale] })}
      />
    </VerifyPage>,
    valid ? 404 : 422,
  );
}

/** `/verify/:id` (the QR code's address), with `?sha256=` compared when given. */
async function verifyById(c: Context<AppEnv>) {
  const typed = c.req.query('sha256');
  const sha256 = typed?.trim();
  if (sha256 !== undefined && !SHA256.test(sha256)) {
    if (wantsJson(c)) {
      return c.json(
        {
          error: { code: 'validation_failed', issues: [{ path: 'sha256', rule: 'sha256_hex' }] },
        },
        422,
      );
    }
    return respond(c, {}, { hashError: text.hashInvalid[chooseLocale(c)] });
  }
  return respond(c, sha256 ? { sha256 } : {});
}

/**
 * POST `/verify/:id`: a copy (raw PDF body or a multipart `file`) compared with the issued
 * document. The body is bounded by the request guard (src/http/request-guard.ts), which reads
 * it first.
 */
async function verifyCopy(c: Context<AppEnv>) {
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
    if (file.size > maxFileBytes) {
      const issues = [{ path: 'file', rule: 'file_too_large', params: { maxBytes: maxFileBytes } }];
      if (wantsJson(c)) return c.json({ error: { code: 'validation_failed', issues } }, 422);
      return respond(c, {}, { fileError: tooLargeMessage(chooseLocale(c)) });
    }
    bytes = new Uint8Array(await file.arrayBuffer());
  } else {
    bytes = new Uint8Array(await c.req.arrayBuffer());
  }
  return respond(c, { bytes });
}

/**
 * The public verification pages (no login), in the web layout: `/verify` takes the
 * verification code printed on a document (`?code=`) and leads to `/verify/:id` (the QR
 * code's address): whether the document is genuine, who signed it and when, its number, kind,
 * code and the SHA-256 of the signed content — the values printed on the document, under the
 * same names — and nothing personal beyond what the document itself shows. `?sha256=` (the
 * printed value or the file's) or a POSTed copy (raw PDF body or a multipart `file`) is
 * compared with the issued document. JSON with `Accept: application/json`.
 */
export function verifyRoutes() {
  const routes = new Hono<AppEnv>();
  // Every lookup (page, JSON, uploaded copy) is limited per client address, in the database.
  routes.use('/verify', limitLookups);
  routes.use('/verify/*', limitLookups);
  routes.get('/verify', verifyByCode);
  routes.get('/verify/:id', verifyById);
  routes.post('/verify/:id', verifyCopy);
  return routes;
}
