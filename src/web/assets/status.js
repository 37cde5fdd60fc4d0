// Progressive enhancement: while a document is being made, fetch the page again every few seconds and replace the
// status region (announced politely to screen readers) until nothing is pending. Without scripts, the server's
// Refresh header reloads the page instead, and its "Check again" link does the same by hand.
(function () {
  'use strict';
  // Tells the server this browser runs scripts, so that it leaves out the Refresh header that reloads a page without
  // them while its formats are being made (a reload would otherwise also come here, losing what is being typed).
  document.cookie = 'scripts=1; path=/; SameSite=Lax' + (window.location.protocol === 'https:' ? '; Secure' : '');
  var region = document.querySelector('[data-refresh]');
  if (!region || !window.fetch || !window.DOMParser) return;
  var url = region.getAttribute('data-refresh');
  var tries = 0;
  function poll() {
    if (tries++ > 60) return;
    fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (r) {
        return r.ok ? r.text() : Promise.reject(r.status);
      })
      .then(function (text) {
        var fresh = new DOMParser().parseFromString(text, 'text/html').getElementById(region.id);
        if (!fresh) return;
        region.innerHTML = fresh.innerHTML;
        if (fresh.hasAttribute('data-refresh')) setTimeout(poll, 2000);
        else region.removeAttribute('data-refresh');
      })
      .catch(function () {
        setTimeout(poll, 5000);
      });
  }
  setTimeout(poll, 1500);
})();
