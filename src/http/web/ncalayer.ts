import { registerScript } from './assets.js';

/**
 * The browser's NCALayer client (docs/web.md, "Signing with NCALayer"): a form marked
 * `data-ncalayer-sign` (with `data-ncalayer-url`, the socket of NCALayer — NCALAYER_URL) is
 * signed before it is sent: the value of its `[data-ncalayer-hash]` field (base64 SHA-256) is
 * signed with `createCAdESFromBase64Hash`, or the value of its `[data-ncalayer-data]` field
 * (base64 bytes) with `createCAdESFromBase64` (detached), by the signing key of the file
 * storage (PKCS12) — or the key the form's `data-ncalayer-key` names (`AUTHENTICATION` to
 * prove an IIN at registration); the base64 CMS goes into the `[data-ncalayer-cms]` field and the form is
 * submitted. Problems are written into `[data-ncalayer-status]` (a live region), with the
 * form's `data-ncalayer-error` text. Protocol: src/signing/ncalayer/protocol.ts.
 */
export const ncaLayerJs = `
(function () {
  function field(form, name) { return form.querySelector('[' + name + ']'); }
  function say(form, text) {
    var status = field(form, 'data-ncalayer-status');
    if (status) status.textContent = text;
  }
  function sign(form) {
    var hash = field(form, 'data-ncalayer-hash');
    var data = field(form, 'data-ncalayer-data');
    var target = field(form, 'data-ncalayer-cms');
    var button = form.querySelector('button[type=submit],button:not([type])');
    var failure = form.getAttribute('data-ncalayer-error') || 'NCALayer';
    var keyType = form.getAttribute('data-ncalayer-key') || 'SIGNATURE';
    if (!target || (!hash && !data)) return;
    var request = hash
      ? { module: 'kz.gov.pki.knca.commonUtils', method: 'createCAdESFromBase64Hash', args: ['PKCS12', keyType, hash.value] }
      : { module: 'kz.gov.pki.knca.commonUtils', method: 'createCAdESFromBase64', args: ['PKCS12', keyType, data.value, false] };
    var socket;
    try { socket = new WebSocket(form.getAttribute('data-ncalayer-url') || 'wss://127.0.0.1:13579'); }
    catch (error) { say(form, failure); return; }
    if (button) button.disabled = true;
    say(form, form.getAttribute('data-ncalayer-working') || '…');
    var greeted = false;
    var done = function (text) { if (button) button.disabled = false; say(form, text); try { socket.close(); } catch (e) {} };
    socket.onerror = function () { done(failure); };
    socket.onmessage = function (event) {
      var answer;
      try { answer = JSON.parse(event.data); } catch (e) { done(failure); return; }
      if (!greeted) { greeted = true; socket.send(JSON.stringify(request)); return; }
      if (answer && answer.code === '200' && typeof answer.responseObject === 'string') {
        target.value = answer.responseObject;
        socket.close();
        form.submit();
      } else {
        done(failure + (answer && answer.message ? ': ' + answer.message : ''));
      }
    };
  }
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-ncalayer-sign')) return;
    var target = field(form, 'data-ncalayer-cms');
    if (target && target.value) return;
    event.preventDefault();
    sign(form);
  });
})();
`;

/** The script's name under /assets. */
export const ncaLayerScript = 'ncalayer.js';
registerScript(ncaLayerScript, ncaLayerJs);
