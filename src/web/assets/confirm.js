// Asks before an action that cannot be undone (form.confirm-form, web/confirm.ts): a modal dialog with the
// question, what it does, the button that does it and Cancel. Confirming adds `confirmed=yes` and sends the form;
// without this script the server asks on a page of its own instead.
(function () {
  'use strict';
  var forms = document.querySelectorAll('form.confirm-form');
  if (!forms.length || typeof HTMLDialogElement !== 'function') return;

  var dialog = document.createElement('dialog');
  dialog.className = 'confirm-dialog';
  dialog.setAttribute('aria-labelledby', 'confirm-dialog-title');
  dialog.setAttribute('aria-describedby', 'confirm-dialog-detail');
  var title = document.createElement('h2');
  title.id = 'confirm-dialog-title';
  var detail = document.createElement('p');
  detail.id = 'confirm-dialog-detail';
  var actions = document.createElement('div');
  actions.className = 'actions';
  var yes = document.createElement('button');
  yes.type = 'button';
  yes.className = 'button danger';
  var no = document.createElement('button');
  no.type = 'button';
  no.className = 'button secondary';
  no.textContent = 'Cancel';
  actions.appendChild(yes);
  actions.appendChild(document.createTextNode(' '));
  actions.appendChild(no);
  dialog.appendChild(title);
  dialog.appendChild(detail);
  dialog.appendChild(actions);
  document.body.appendChild(dialog);

  var pending = null;
  var opener = null;
  no.addEventListener('click', function () {
    dialog.close();
  });
  dialog.addEventListener('close', function () {
    pending = null;
    if (opener) opener.focus();
  });
  yes.addEventListener('click', function () {
    var form = pending;
    if (!form) return;
    var field = document.createElement('input');
    field.type = 'hidden';
    field.name = 'confirmed';
    field.value = 'yes';
    form.appendChild(field);
    yes.disabled = true;
    opener = null;
    dialog.close();
    form.submit();
  });

  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener('submit', function (event) {
      if (form.querySelector('input[name=confirmed]')) return;
      event.preventDefault();
      pending = form;
      opener = form.querySelector('button[type=submit]');
      title.textContent = form.getAttribute('data-confirm');
      detail.textContent = form.getAttribute('data-confirm-detail');
      yes.textContent = form.getAttribute('data-confirm-label');
      yes.disabled = false;
      dialog.showModal();
      // Cancel first: Enter on an opened dialog must not do what cannot be undone.
      no.focus();
    });
  });
})();
