import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { WebEnv } from './web-env.js';

/**
 * The site's style sheet. Colours meet WCAG 2.1 AA contrast (text ≥ 4.5:1 on its background,
 * focus outlines ≥ 3:1); layout is one column on a phone and widens from 48rem.
 */
export const siteCss = `
:root{--ink:#1b1f24;--muted:#4a5560;--line:#b7c0c8;--paper:#fff;--tint:#f2f5f8;--brand:#00557f;
--brand-ink:#fff;--ok:#13632f;--ok-bg:#e6f4ea;--warn:#7a4a00;--warn-bg:#fff4d6;--bad:#a01414;--bad-bg:#fdecea;--focus:#ffbf47}
*{box-sizing:border-box}
html{font-size:100%}
body{margin:0;font-family:"DejaVu Sans",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:var(--paper);line-height:1.5}
a{color:#004a70}a:hover{color:#002d44}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px var(--ink)}
.skip{position:absolute;left:-999px;top:0;background:var(--focus);color:var(--ink);padding:.5rem 1rem;z-index:10}
.skip:focus{left:0}
header.site{background:var(--brand);color:var(--brand-ink)}
header.site .bar{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between;max-width:72rem;margin:0 auto;padding:.75rem 1rem}
header.site a{color:var(--brand-ink)}
header.site .brand{font-weight:bold;font-size:1.25rem;text-decoration:none}
header.site nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
header.site nav a[aria-current]{font-weight:bold;text-decoration-thickness:3px}
header.site form{display:inline;margin:0}
header.site .link-button{background:none;border:0;color:var(--brand-ink);text-decoration:underline;font:inherit;cursor:pointer;padding:0}
.who{font-size:.9rem}
main{max-width:72rem;margin:0 auto;padding:1rem 1rem 3rem}
main.narrow{max-width:42rem}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
footer.site div{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.35rem;margin:1.5rem 0 .5rem}
h3{font-size:1.1rem;margin:1rem 0 .25rem}
.lead{font-size:1.1rem;color:var(--muted)}
.field{margin:0 0 1.25rem}
.field label,.field legend{display:block;font-weight:bold;margin-bottom:.25rem}
.field .hint{display:block;color:var(--muted);font-size:.95rem;margin-bottom:.25rem}
.field .error{display:block;color:var(--bad);font-weight:bold;margin-bottom:.25rem}
.field.invalid input,.field.invalid select,.field.invalid textarea{border-color:var(--bad);border-width:3px}
input[type=text],input[type=password],input[type=tel],input[type=email],input[type=date],input[type=number],input[type=search],input:not([type]),select,textarea{
font:inherit;width:100%;max-width:32rem;padding:.5rem;border:2px solid var(--ink);border-radius:0;background:#fff;color:var(--ink)}
textarea{min-height:6rem}
input[type=file]{font:inherit}
fieldset{border:0;padding:0;margin:0 0 1.25rem}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.25rem 0}
.choice input{width:1.25rem;height:1.25rem;margin-top:.15rem}
button,.button{display:inline-block;font:inherit;font-weight:bold;background:var(--brand);color:var(--brand-ink);border:2px solid var(--brand);padding:.55rem 1.1rem;cursor:pointer;text-decoration:none;border-radius:0}
button.secondary,.button.secondary{background:#fff;color:var(--brand)}
button.danger{background:var(--bad);border-color:var(--bad)}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1.5rem 0}
.error-summary{border:4px solid var(--bad);padding:1rem;margin:0 0 1.5rem;background:var(--bad-bg)}
.error-summary h2{margin-top:0;color:var(--bad)}
.error-summary a{color:var(--bad);font-weight:bold}
.notice{border-left:6px solid var(--brand);background:var(--tint);padding:.75rem 1rem;margin:1rem 0}
.notice.ok{border-color:var(--ok);background:var(--ok-bg)}
.notice.warn{border-color:var(--warn);background:var(--warn-bg)}
.notice.bad{border-color:var(--bad);background:var(--bad-bg)}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{text-align:left;vertical-align:top;border-bottom:1px solid var(--line);padding:.5rem .5rem .5rem 0}
th{font-weight:bold}
caption{text-align:left;font-weight:bold;padding-bottom:.5rem}
.table-wrap{overflow-x:auto}
dl.facts{display:grid;grid-template-columns:minmax(10rem,16rem) 1fr;gap:.25rem 1rem}
dl.facts dt{font-weight:bold}dl.facts dd{margin:0}
.tag{display:inline-block;padding:.1rem .5rem;font-size:.9rem;font-weight:bold;border:2px solid currentColor}
.tag.on-time{color:var(--ok);background:var(--ok-bg)}
.tag.warning{color:var(--warn);background:var(--warn-bg)}
.tag.overdue{color:var(--bad);background:var(--bad-bg)}
.tag.neutral{color:var(--muted)}
.cards{list-style:none;padding:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr))}
.cards li{border:1px solid var(--line);padding:1rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.unread{font-weight:bold}
figure.chart{margin:1rem 0}
figure.chart svg{display:block;max-width:48rem;overflow:hidden}
/* A wide table of numbers (the monitoring breakdown) fits the column without scrolling: smaller
   type, headings wrap, a name breaks a word longer than its column. */
@media (min-width:40.0625rem){table.compact{font-size:.8125rem}
table.compact th,table.compact td{padding:.35rem .3rem .35rem 0}
table.compact thead th{font-size:.75rem;hyphens:auto}
table.compact tbody th{min-width:10rem;hyphens:auto;overflow-wrap:anywhere}}
@media (max-width:40rem){dl.facts{grid-template-columns:1fr}h1{font-size:1.5rem}
.table-wrap table,.table-wrap tbody,.table-wrap tr,.table-wrap th,.table-wrap td{display:block;width:auto}
.table-wrap thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.table-wrap tr{border-bottom:1px solid var(--line);padding:.5rem 0}
.table-wrap th,.table-wrap td{border:0;padding:.1rem 0}
.table-wrap [data-label]::before{content:attr(data-label);display:block;font-size:.9rem;font-weight:bold;color:var(--muted)}
dl.facts dd,td,th{overflow-wrap:anywhere}}
@media print{header.site,footer.site,.actions,.skip{display:none}}
/* portal: public pages and the application journey (issue 8) */
.apply-steps{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:0;margin:0 0 1rem;counter-reset:step}
.apply-steps li{counter-increment:step;color:var(--muted)}
.apply-steps li::before{content:counter(step) ". "}
.apply-steps li[aria-current]{color:var(--ink);font-weight:bold;text-decoration:underline;text-decoration-thickness:3px}
.checksum{font-family:"DejaVu Sans Mono",monospace;overflow-wrap:anywhere;word-break:break-all}
ul.plain{list-style:none;padding:0;margin:0}
.region-chooser,.catalogue-search{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}
.region-chooser .field,.catalogue-search .field{flex:1 1 16rem}
.cards li .choice,.cards li h2{margin-top:0}
.upload-status progress{width:100%;max-width:20rem;height:1.25rem;vertical-align:middle}
/* back office (issue 9) */
form.filters fieldset{display:flex;flex-wrap:wrap;gap:0 1.5rem;align-items:flex-end}
form.filters .field{margin-bottom:.5rem}
.action-forms form{border:1px solid var(--line);padding:1rem;margin:0 0 1rem}
.action-forms h3{margin-top:0}
code{word-break:break-all}
/* personal cabinet and administration (issues 8, 9) */
.inline-form{display:inline-flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.25rem 0}
.inline-form label{font-weight:bold}
.notifications{list-style:none;padding:0;margin:1rem 0}
.notification{border-bottom:1px solid var(--line);padding:.5rem 0}
.notification .actions{margin:.5rem 0}
.notification.unread .message{font-weight:bold}
/* a document's print view (issue 18, point 7) */
.printable{max-width:48rem;margin:0 auto}
.printable h1{font-size:1.2rem;text-align:center;margin:.25rem 0}
.printable .organisation,.printable .doc-number{text-align:center}
.printable table{width:100%;border-collapse:collapse}
.printable th,.printable td{border:1px solid var(--line);padding:.2rem .4rem;text-align:left}
.printable .signature{margin-top:2rem}
@media print{nav,.no-print{display:none}body{font-size:11pt}main{padding:0}.printable{max-width:none}a{color:inherit;text-decoration:none}@page{size:A4;margin:15mm}}
`;

/** The site's script: progressive enhancements only; every journey works without it. */
export const siteJs = `
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || form.dataset.confirm === undefined) return;
  if (!window.confirm(form.dataset.confirm)) event.preventDefault();
});
var summary = document.querySelector('.error-summary');
if (summary) summary.focus();
document.addEventListener('click', function (event) {
  var target = event.target;
  if (target instanceof Element && target.closest('[data-print]')) window.print();
});
`;

function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** Extra scripts registered by the workspaces (path under /assets → source). */
const scripts = new Map<string, string>([['site.js', siteJs]]);

/** Registers a script served at /assets/<name>; returns its cache-busting URL. */
export function registerScript(name: string, source: string): string {
  scripts.set(name, source);
  return assetUrl(name);
}

/**
 * The site's icon (issue 18, point 11): the letter Q on the portal's blue, as SVG (a few hundred
 * bytes, sharp at every size). Linked from every page's head; `/favicon.ico`, which browsers ask
 * for on their own, redirects to it.
 */
export const faviconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b4f8a"/><circle cx="15" cy="15" r="8.5" fill="none" stroke="#fff" stroke-width="3.5"/><path d="M18.5 18.5 25 25" stroke="#fff" stroke-width="3.5" stroke-linecap="round"/></svg>`;

function sourceOf(name: string): string | undefined {
  if (name === 'site.css') return siteCss;
  if (name === 'favicon.svg') return faviconSvg;
  return scripts.get(name);
}

function contentTypeOf(name: string): string {
  if (name.endsWith('.css')) return 'text/css; charset=utf-8';
  if (name.endsWith('.svg')) return 'image/svg+xml';
  return 'text/javascript; charset=utf-8';
}

/** The URL of an asset with a content fingerprint, so browsers may cache it for a year. */
export function assetUrl(name: string): string {
  return `/assets/${name}?v=${fingerprint(sourceOf(name) ?? '')}`;
}

/** Serves the style sheet, the icon and scripts; `/favicon.ico` points to the icon. */
export function assetRoutes(): Hono<WebEnv> {
  const routes = new Hono<WebEnv>();
  routes.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const source = sourceOf(name);
    if (source === undefined) return c.notFound();
    c.header('cache-control', 'public, max-age=31536000, immutable');
    c.header('content-type', contentTypeOf(name));
    return c.body(source);
  });
  // Browsers ask for /favicon.ico by themselves (for a PDF, or before reading the page's head):
  // a fixed answer, cached for a day, no body.
  routes.get('/favicon.ico', (c) => {
    c.header('cache-control', 'public, max-age=86400');
    return c.redirect(assetUrl('favicon.svg'), 301);
  });
  return routes;
}
