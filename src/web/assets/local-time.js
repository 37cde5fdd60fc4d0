// Progressive enhancement: beside each time stated in the duty station's zone, show the reader's own
// local time; keep countdowns to deadlines current. The page is complete without this script.
(function () {
  'use strict';
  // English pages write dates day-first, as United Nations documents do.
  var lang = document.documentElement.lang === 'en' ? 'en-GB' : document.documentElement.lang || 'en-GB';
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';

  function localText(date) {
    var f = new Intl.DateTimeFormat(lang, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    return f.format(date);
  }

  function addLocalTimes() {
    var nodes = document.querySelectorAll('time[data-local]');
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var date = new Date(node.getAttribute('datetime'));
      if (isNaN(date.getTime())) continue;
      var target = node.getAttribute('data-local') ? document.getElementById(node.getAttribute('data-local')) : null;
      var span = target || document.createElement('span');
      span.className = 'local-time';
      span.textContent = 'Your time' + (zone ? ' (' + zone.replace(/_/g, ' ') + ')' : '') + ': ' + localText(date);
      if (!target) node.insertAdjacentElement('afterend', span);
    }
  }

  function plural(n, word) {
    return n + ' ' + word + (n === 1 ? '' : 's');
  }

  function updateCountdowns() {
    var nodes = document.querySelectorAll('[data-countdown]');
    var now = Date.now();
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var end = new Date(node.getAttribute('data-countdown')).getTime();
      if (isNaN(end)) continue;
      var left = end - now;
      if (left <= 0) {
        node.textContent = node.getAttribute('data-closed-text') || 'The deadline has passed.';
        continue;
      }
      var minutes = Math.floor(left / 60000);
      var days = Math.floor(minutes / 1440);
      var hours = Math.floor((minutes % 1440) / 60);
      var mins = minutes % 60;
      var text =
        days > 0
          ? plural(days, 'day') + ' ' + plural(hours, 'hour')
          : hours > 0
            ? plural(hours, 'hour') + ' ' + plural(mins, 'minute')
            : plural(mins, 'minute');
      node.textContent = 'Time left: ' + text + '.';
    }
  }

  function start() {
    addLocalTimes();
    updateCountdowns();
    if (document.querySelector('[data-countdown]')) setInterval(updateCountdowns, 30000);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
