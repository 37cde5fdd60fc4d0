// Progressive enhancement: while a document is being made, fetch the page again every few seconds and replace the
// status region (announced politely to screen readers) until nothing is pending. Without scripts, the page's
// "Check again" link does the same by hand.
(function () {
  'use strict';
  var region = document.querySelector('[data-refresh]');
  if (!region || !window.fetch || !window.DOMParser) return;
  var url = region.getAttribute('data-refresh');
  var tries = 0;
  function poll() {
    if (tries++ > 60) return;
    fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (text) {
        var fresh = new DOMParser().parseFromString(text, 'text/html').getElementById(region.id);
        if (!fresh) return;
        region.innerHTML = fresh.innerHTML;
        if (fresh.hasAttribute('data-refresh')) setTimeout(poll, 2000);
        else region.removeAttribute('data-refresh');
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1500);
})();
