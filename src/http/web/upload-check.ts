import { registerScript } from './assets.js';

/**
 * The browser's check of a file before it is sent (issue 18, point 11), a progressive
 * enhancement of a `multipart/form-data` form (docs/web.md, "Uploads"):
 *
 * - a file input marked `data-upload-max-bytes` (the platform's limit per file) and optionally
 *   `data-upload-remaining-bytes` / `data-upload-remaining-files` (what the application may
 *   still carry) is checked when a file is chosen and again on submit; a file over a limit is
 *   refused in the page, with the localised message of the input's `data-upload-too-large`,
 *   `data-upload-total-too-large` or `data-upload-too-many` beside the field
 *   (`.error#<id>-error`, the field marked invalid, the input focused), and nothing is sent;
 * - a file of at least `data-upload-progress-from` bytes is sent by XMLHttpRequest with a
 *   `<progress>` bar and a live percentage (`data-upload-sending`); the answer the form would
 *   have shown (the redirect's page, or a refusal) replaces the page, with its address. A
 *   failed transfer says `data-upload-failed` and the form can be sent again.
 *
 * Without JavaScript the form is sent as it is and the server refuses what is too large
 * (the same messages; the request guard's 413 above 25 MiB). Served from /assets: the content
 * security policy allows no inline script.
 */
export const uploadCheckJs = `
(function () {
  var inputSelector = 'input[type=file][data-upload-max-bytes]';
  function number(input, name) {
    var value = input.getAttribute(name);
    return value === null || value === '' ? Infinity : Number(value);
  }
  function problemOf(input) {
    var files = input.files ? Array.prototype.slice.call(input.files) : [];
    if (files.length === 0) return undefined;
    var total = 0;
    for (var i = 0; i < files.length; i++) {
      if (files[i].size > number(input, 'data-upload-max-bytes')) return 'data-upload-too-large';
      total += files[i].size;
    }
    if (files.length > number(input, 'data-upload-remaining-files')) return 'data-upload-too-many';
    if (total > number(input, 'data-upload-remaining-bytes')) return 'data-upload-total-too-large';
    return undefined;
  }
  function errorElement(input, create) {
    var id = input.id + '-error';
    var element = document.getElementById(id);
    if (element || !create) return element;
    element = document.createElement('span');
    element.className = 'error';
    element.id = id;
    input.parentNode.insertBefore(element, input);
    return element;
  }
  function describedBy(input, id, present) {
    var ids = (input.getAttribute('aria-describedby') || '').split(/\\s+/).filter(function (item) {
      return item && item !== id;
    });
    if (present) ids.push(id);
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
    else input.removeAttribute('aria-describedby');
  }
  function show(input, problem) {
    var field = input.closest('.field');
    var error = errorElement(input, Boolean(problem));
    if (problem) {
      error.textContent = input.getAttribute(problem) || '';
      error.setAttribute('data-upload-refused', problem.replace('data-upload-', ''));
      if (field) field.classList.add('invalid');
      input.setAttribute('aria-invalid', 'true');
      describedBy(input, error.id, true);
    } else if (error && error.hasAttribute('data-upload-refused')) {
      error.parentNode.removeChild(error);
      if (field) field.classList.remove('invalid');
      input.removeAttribute('aria-invalid');
      describedBy(input, error.id, false);
    }
  }
  function largestFile(input) {
    var largest = 0;
    var files = input.files || [];
    for (var i = 0; i < files.length; i++) largest = Math.max(largest, files[i].size);
    return largest;
  }
  function statusElement(form, input) {
    var status = form.querySelector('[data-upload-status]');
    if (status) return status;
    status = document.createElement('p');
    status.setAttribute('data-upload-status', '');
    status.setAttribute('role', 'status');
    status.className = 'upload-status';
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', input.getAttribute('data-upload-sending') || '');
    var text = document.createElement('span');
    text.setAttribute('data-upload-percent', '');
    status.appendChild(bar);
    status.appendChild(document.createTextNode(' '));
    status.appendChild(text);
    var actions = form.querySelector('.actions');
    form.insertBefore(status, actions || null);
    return status;
  }
  function sendWithProgress(form, input) {
    var status = statusElement(form, input);
    var bar = status.querySelector('progress');
    var text = status.querySelector('[data-upload-percent]');
    var buttons = form.querySelectorAll('button');
    var label = input.getAttribute('data-upload-sending') || '';
    function busy(on) {
      for (var i = 0; i < buttons.length; i++) buttons[i].disabled = on;
      form.setAttribute('aria-busy', on ? 'true' : 'false');
    }
    function say(percent) {
      bar.value = percent;
      text.textContent = label + ' ' + percent + '%';
    }
    busy(true);
    say(0);
    var request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.onprogress = function (event) {
      if (event.lengthComputable) say(Math.floor((event.loaded / event.total) * 100));
    };
    request.onload = function () {
      var address = request.responseURL || form.action;
      document.open();
      document.write(request.responseText);
      document.close();
      try { history.replaceState(null, '', address); } catch (error) {}
    };
    request.onerror = request.onabort = request.ontimeout = function () {
      busy(false);
      bar.value = 0;
      text.textContent = input.getAttribute('data-upload-failed') || '';
    };
    request.send(new FormData(form));
  }
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.matches(inputSelector)) show(input, problemOf(input));
  });
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    var inputs = form.querySelectorAll(inputSelector);
    for (var i = 0; i < inputs.length; i++) {
      var problem = problemOf(inputs[i]);
      show(inputs[i], problem);
      if (problem) {
        event.preventDefault();
        inputs[i].focus();
        return;
      }
    }
    for (var j = 0; j < inputs.length; j++) {
      if (largestFile(inputs[j]) >= number(inputs[j], 'data-upload-progress-from')) {
        event.preventDefault();
        sendWithProgress(form, inputs[j]);
        return;
      }
    }
  });
})();
`;

/** The script's name under /assets. */
export const uploadCheckScript = 'upload-check.js';
registerScript(uploadCheckScript, uploadCheckJs);

/** Files from this size are sent with a progress bar (smaller ones go in a moment). */
export const uploadProgressFromBytes = 1024 * 1024;
