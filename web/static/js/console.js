// Staff console: shows what the caller has said so far (polled from the server, which reads
// Rasa's tracker), the case note, and copies the note. All text goes in with textContent.
(function () {
  'use strict';
  var box = document.getElementById('sp-call-state');
  if (!box) { return; }
  var url = box.getAttribute('data-url');
  var statusEl = document.getElementById('sp-call-status');
  var slotsEl = document.getElementById('sp-call-slots');
  var summaryEl = document.getElementById('sp-call-summary');
  var note = document.getElementById('sp-case-note');
  var copyStatus = document.getElementById('sp-copy-status');
  var safetyEl = document.getElementById('sp-call-safety');
  var lastSafety = '';
  var POLL_MS = 3000;
  var lastJson = '';
  var stopped = false;

  var label = window.SignpostFormat.label;
  var plain = window.SignpostFormat.plain;

  function row(key, value) {
    var wrap = document.createElement('div');
    wrap.className = 'govuk-summary-list__row';
    var dt = document.createElement('dt');
    dt.className = 'govuk-summary-list__key';
    dt.textContent = label(key);
    var dd = document.createElement('dd');
    dd.className = 'govuk-summary-list__value';
    dd.textContent = plain(value);
    wrap.appendChild(dt);
    wrap.appendChild(dd);
    return wrap;
  }

  // A safety concern raised in the call (999, Samaritans or the safeguarding route given), as a
  // GOV.UK warning. Redrawn only when it changes, so a screen reader announces it once.
  function renderSafety(items) {
    if (!safetyEl) { return; }
    items = Array.isArray(items) ? items : [];
    var key = JSON.stringify(items);
    if (key === lastSafety) { return; }
    lastSafety = key;
    safetyEl.textContent = '';
    items.forEach(function (item) {
      if (!item || typeof item.text !== 'string' || !item.text) { return; }
      var wrap = document.createElement('div');
      wrap.className = 'govuk-warning-text';
      var icon = document.createElement('span');
      icon.className = 'govuk-warning-text__icon';
      icon.setAttribute('aria-hidden', 'true');
      icon.textContent = '!';
      var text = document.createElement('strong');
      text.className = 'govuk-warning-text__text';
      var hidden = document.createElement('span');
      hidden.className = 'govuk-visually-hidden';
      hidden.textContent = 'Warning: ';
      text.appendChild(hidden);
      text.appendChild(document.createTextNode(item.text));
      wrap.appendChild(icon);
      wrap.appendChild(text);
      safetyEl.appendChild(wrap);
    });
  }

  function render(data) {
    renderSafety(data.safety);
    slotsEl.textContent = '';
    var slots = data.slots || {};
    Object.keys(slots).forEach(function (key) { slotsEl.appendChild(row(key, slots[key])); });
    summaryEl.textContent = '';
    if (data.summary_text) {
      var heading = document.createElement('h3');
      heading.className = 'govuk-heading-s';
      heading.textContent = 'Summary';
      summaryEl.appendChild(heading);
      data.summary_text.split('\n').forEach(function (line) {
        if (!line.trim()) { return; }
        var p = document.createElement('p');
        p.className = 'govuk-body';
        p.textContent = line;
        summaryEl.appendChild(p);
      });
    }
    var count = Object.keys(slots).length;
    statusEl.textContent = data.summary ? 'The summary is ready. Check it with the caller.' :
      (count ? count + ' answer' + (count === 1 ? '' : 's') + ' so far.' : 'Answers will appear here as the call goes on.');
    if (document.activeElement !== note) { note.value = data.case_note || ''; }
  }

  function poll() {
    if (stopped) { return; }
    if (document.hidden) { window.setTimeout(poll, POLL_MS); return; }
    window.fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (data) {
          if (response.status === 401) {
            stopped = true;
            statusEl.textContent = (data && data.message) || 'Your session has ended. Sign in again.';
            return;
          }
          if (!response.ok || !data) {
            statusEl.textContent = (data && data.message) || 'Could not update the answers. Trying again.';
            return;
          }
          var json = JSON.stringify(data);
          if (json !== lastJson) { lastJson = json; render(data); }
        });
      }, function () { statusEl.textContent = 'Could not reach the server. Trying again.'; })
      .then(function () { if (!stopped) { window.setTimeout(poll, POLL_MS); } });
  }

  document.querySelector('[data-action="copy-note"]').addEventListener('click', function () {
    var text = note.value;
    function done(ok) {
      copyStatus.textContent = ok ? 'Case note copied.' : 'Could not copy. Select the case note and copy it yourself.';
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () {
        note.select();
        done(document.execCommand && document.execCommand('copy'));
      });
    } else {
      note.select();
      done(document.execCommand && document.execCommand('copy'));
    }
  });

  poll();
})();
