// Progressive enhancement of upload forms (form.upload-form): the upload is sent with XMLHttpRequest so its
// progress can be shown, a failed connection leaves the form as it was (files still chosen, text still typed) with
// a message to try again, and what was typed is kept in this tab's session storage so that signing in again after
// an expired session finds it. A file larger than its input's limit (data-max-bytes) is refused before anything is
// sent, with the server's message (data-too-large) beside its field. Without this script the form posts normally,
// the server keeps the draft, and a file over the limit comes back with the same message.
(function () {
  'use strict';
  var forms = document.querySelectorAll('form.upload-form');
  if (!forms.length || !window.XMLHttpRequest || !window.FormData) return;

  // The form's address without its query, which carries the form's one-time CSRF token.
  function storageKey(form) {
    return 'rostrum:' + form.getAttribute('action').split('?')[0];
  }

  function remember(form) {
    var data = {};
    var fields = form.querySelectorAll('input[type=text], textarea, select');
    for (var i = 0; i < fields.length; i++) data[fields[i].name] = fields[i].value;
    try {
      window.sessionStorage.setItem(storageKey(form), JSON.stringify(data));
    } catch {
      /* storage full or off: nothing to keep */
    }
  }

  function restore(form) {
    var text;
    try {
      text = window.sessionStorage.getItem(storageKey(form));
    } catch {
      return;
    }
    if (!text) return;
    var data = JSON.parse(text);
    for (var name in data) {
      var field = form.elements.namedItem(name);
      // Only fill what the page left empty: what the server shows (a saved draft) wins.
      if (field && 'value' in field && !field.value && data[name]) field.value = data[name];
    }
  }

  function message(form, text) {
    var box = form.querySelector('.upload-message');
    if (!box) {
      box = document.createElement('p');
      box.className = 'upload-message error-message';
      box.setAttribute('role', 'alert');
      form.insertBefore(box, form.firstChild);
    }
    box.textContent = text;
  }

  // The message beside a file input whose chosen file is over its limit; cleared once a smaller one is chosen.
  function checkSize(input) {
    var id = input.id + '-size-error';
    var box = document.getElementById(id);
    var file = input.files && input.files[0];
    var max = Number(input.getAttribute('data-max-bytes'));
    var over = !!file && max > 0 && file.size > max;
    var described = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (t) {
      return t && t !== id;
    });
    if (!over) {
      if (box) box.parentNode.removeChild(box);
      input.setAttribute('aria-describedby', described.join(' '));
      if (!input.parentNode.querySelector('.error-message')) input.removeAttribute('aria-invalid');
      return false;
    }
    if (!box) {
      box = document.createElement('p');
      box.id = id;
      box.className = 'error-message';
      box.setAttribute('role', 'alert');
      input.parentNode.insertBefore(box, input);
    }
    box.textContent = (input.getAttribute('data-too-large') || '').replace('{name}', file.name);
    input.setAttribute('aria-describedby', described.concat(id).join(' '));
    input.setAttribute('aria-invalid', 'true');
    return true;
  }

  function filesTooLarge(form) {
    var inputs = form.querySelectorAll('input[type=file][data-max-bytes]');
    var first = null;
    for (var i = 0; i < inputs.length; i++) if (checkSize(inputs[i]) && !first) first = inputs[i];
    if (first) first.focus();
    return !!first;
  }

  Array.prototype.forEach.call(forms, function (form) {
    restore(form);
    form.addEventListener('input', function () {
      remember(form);
    });
    form.addEventListener('change', function (event) {
      if (event.target.matches && event.target.matches('input[type=file][data-max-bytes]')) checkSize(event.target);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      remember(form);
      if (filesTooLarge(form)) return;
      var progress = form.querySelector('progress.upload-progress');
      var button = form.querySelector('button[type=submit]');
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.getAttribute('action'));
      // Says this request is a form sent by this script: its answer is a page, whatever its status.
      xhr.setRequestHeader('X-Rostrum-Form', '1');
      xhr.upload.addEventListener('progress', function (e) {
        if (!progress || !e.lengthComputable) return;
        progress.hidden = false;
        progress.value = Math.round((e.loaded / e.total) * 100);
        progress.textContent = progress.value + '%';
      });
      xhr.addEventListener('load', function () {
        if (button) button.disabled = false;
        // Followed a redirect (the preview): go there. Otherwise the server answered with the form and its problems.
        if (xhr.responseURL && xhr.responseURL.split('#')[0] !== window.location.href.split('#')[0] && xhr.status < 400) {
          window.location.assign(xhr.responseURL);
          return;
        }
        document.open();
        document.write(xhr.responseText);
        document.close();
      });
      xhr.addEventListener('error', function () {
        if (button) button.disabled = false;
        if (progress) progress.hidden = true;
        message(
          form,
          'The upload did not reach the server (the connection was lost). Nothing you entered was lost: check your connection and ' +
            'choose “Upload and preview” again.',
        );
      });
      if (button) button.disabled = true;
      xhr.send(new FormData(form));
    });
  });
})();
