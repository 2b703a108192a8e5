// Signpost chat: the full page, the widget's iframe and the staff console's script pane.
// Every piece of text from the user, Rasa or the directory goes in with textContent,
// never innerHTML, so typed or stored HTML is shown as text and never runs.
(function () {
  'use strict';

  var root = document.getElementById('sp-chat');
  if (!root) { return; }

  var MAX_CHARS = 2000;
  var REQUEST_TIMEOUT_MS = 15000;
  var api = root.getAttribute('data-api');
  var council = root.getAttribute('data-council') || '';
  var mode = root.getAttribute('data-mode') || 'resident';
  var fixedSender = root.getAttribute('data-sender') || '';
  var startPayload = root.getAttribute('data-start-payload') || '/greet';
  var summaryBase = root.getAttribute('data-summary-url') || '/summary/';
  var embedded = document.documentElement.classList.contains('sp-embed');
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var storeKey = 'signpost-chat:' + (fixedSender || council);

  var notice = document.getElementById('sp-notice');
  var body = document.getElementById('sp-chat-body');
  var log = document.getElementById('sp-log');
  var typing = document.getElementById('sp-typing');
  var status = document.getElementById('sp-status');
  var form = document.getElementById('sp-form');
  var formGroup = document.getElementById('sp-form-group');
  var input = document.getElementById('sp-input');
  var inputError = document.getElementById('sp-input-error');
  var count = document.getElementById('sp-count');
  var summaryLink = document.getElementById('sp-summary-link');
  var confirmBox = document.getElementById('sp-confirm');
  var busy = false;

  // ---- state (kept in this tab only) ----------------------------------------------------------
  function randomSender() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return 'w' + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function freshState() {
    return { sender: fixedSender || randomSender(), started: mode === 'staff', history: [], summary: false };
  }

  function loadState() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(storeKey) || 'null');
      if (saved && typeof saved.sender === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(saved.sender) &&
          Array.isArray(saved.history) && (!fixedSender || saved.sender === fixedSender)) {
        return saved;
      }
    } catch (e) { /* storage blocked or damaged: start afresh */ }
    return freshState();
  }

  function saveState() {
    try { window.sessionStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  var state = loadState();

  // ---- small DOM helpers ---------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function hiddenLabel(text) { return el('span', 'govuk-visually-hidden', text); }

  function safeHref(url) {
    if (typeof url !== 'string') { return null; }
    var trimmed = url.trim();
    return /^https?:\/\//i.test(trimmed) ? trimmed : null;
  }

  // Text with web addresses turned into links (built node by node, never as HTML).
  function appendLinkified(parent, text) {
    var pattern = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)])/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var link = el('a', 'govuk-link', match[0]);
      link.href = match[0];
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      parent.appendChild(link);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function scrollToLatest(node) {
    if (node && node.scrollIntoView) { node.scrollIntoView({ block: 'nearest' }); }
  }

  function announce(text) {
    status.textContent = '';
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  // ---- rendering -------------------------------------------------------------------------------
  function renderUser(text) {
    var p = el('p', 'sp-msg sp-msg--user');
    p.appendChild(hiddenLabel('You said: '));
    p.appendChild(document.createTextNode(text));
    log.appendChild(p);
    return p;
  }

  function renderError(text) {
    var p = el('p', 'sp-msg sp-msg--error');
    p.appendChild(el('strong', 'sp-msg__who', 'Sorry, there is a problem'));
    appendLinkified(p, text);
    log.appendChild(p);
    return p;
  }

  function renderButtons(buttons) {
    var group = el('div', 'sp-replies');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Suggested replies');
    buttons.forEach(function (b) {
      if (!b || typeof b.title !== 'string') { return; }
      var button = el('button', 'govuk-button govuk-button--secondary', b.title);
      button.type = 'button';
      button.addEventListener('click', function () {
        send(typeof b.payload === 'string' && b.payload ? b.payload : b.title, b.title, true);
      });
      group.appendChild(button);
    });
    log.appendChild(group);
    return group;
  }

  function line(parent, label, value) {
    if (value === undefined || value === null || value === '') { return; }
    var p = el('p');
    if (label) { p.appendChild(el('strong', null, label + ': ')); }
    p.appendChild(document.createTextNode(String(value)));
    parent.appendChild(p);
  }

  // Same words as directory.geo.distance_words: never "0.0 km".
  function distanceWords(km) {
    if (!isFinite(km) || km < 0) { return ''; }
    if (km < 1) { return 'less than 1 km away'; }
    return 'about ' + Math.round(km) + ' km away';
  }

  function renderCard(card) {
    var item = el('li', 'sp-card');
    item.appendChild(el('h3', 'sp-card__title', card.name || 'Service'));
    if (card.is_sample) { item.appendChild(el('p', 'sp-card__sample', 'Sample record: not a real service')); }
    if (card.match_note) { item.appendChild(el('p', 'sp-card__match', card.match_note)); }
    if (card.area_note) { item.appendChild(el('p', 'sp-card__match', card.area_note)); }
    line(item, null, card.organisation && card.organisation !== card.name ? card.organisation : '');
    line(item, null, card.description);
    var where = [card.address, card.town, card.postcode].filter(Boolean).join(', ');
    if (typeof card.distance_km === 'number') { where += (where ? ' – ' : '') + distanceWords(card.distance_km); }
    line(item, 'Where', where);
    if (card.phone) {
      var p = el('p');
      p.appendChild(el('strong', null, 'Phone: '));
      var tel = el('a', 'govuk-link', card.phone);
      tel.href = 'tel:' + String(card.phone).replace(/[^0-9+]/g, '');
      p.appendChild(tel);
      item.appendChild(p);
    }
    if (card.email) {
      var pe = el('p');
      pe.appendChild(el('strong', null, 'Email: '));
      var mail = el('a', 'govuk-link', card.email);
      mail.href = 'mailto:' + String(card.email).replace(/[\s<>"]/g, '');
      pe.appendChild(mail);
      item.appendChild(pe);
    }
    var href = safeHref(card.url);
    if (href) {
      var pw = el('p');
      var web = el('a', 'govuk-link', 'Website');
      web.href = href;
      web.target = '_blank';
      web.rel = 'noopener noreferrer';
      web.appendChild(hiddenLabel(' for ' + (card.name || 'this service') + ' (opens in a new tab)'));
      pw.appendChild(web);
      item.appendChild(pw);
    }
    line(item, 'Cost', card.cost);
    line(item, 'Who it is for', card.eligibility);
    line(item, 'Source', card.source);
    return item;
  }

  function renderCards(payload) {
    var cards = Array.isArray(payload.cards) ? payload.cards : (Array.isArray(payload.results) ? payload.results : []);
    if (!cards.length) { return null; }
    var list = el('ul', 'sp-cards');
    list.setAttribute('aria-label', 'Services');
    cards.forEach(function (card) { if (card && typeof card === 'object') { list.appendChild(renderCard(card)); } });
    log.appendChild(list);
    return list;
  }

  var labelFor = window.SignpostFormat.label;
  var plain = window.SignpostFormat.plain;

  function renderKeyValues(parent, data, skip) {
    Object.keys(data || {}).forEach(function (key) {
      if (skip.indexOf(key) !== -1) { return; }
      line(parent, labelFor(key), plain(data[key]));
    });
  }

  function summaryHref() {
    return summaryBase + encodeURIComponent(state.sender) + '?council=' + encodeURIComponent(council);
  }

  function showSummaryLink() {
    if (!summaryLink) { return; }
    summaryLink.href = summaryHref();
    summaryLink.hidden = false;
  }

  function renderSummary(payload) {
    var box = el('div', 'sp-summary-card');
    box.appendChild(el('h3', 'govuk-heading-s', mode === 'staff' ? 'Summary for the case note' : 'Your summary'));
    var summary = payload.summary && typeof payload.summary === 'object' ? payload.summary : {};
    if (typeof payload.summary_text === 'string' && payload.summary_text) {
      payload.summary_text.split('\n').forEach(function (text) { if (text.trim()) { box.appendChild(el('p', null, text)); } });
    } else {
      renderKeyValues(box, summary, ['type']);
    }
    if (mode !== 'staff') {
      var p = el('p');
      var link = el('a', 'govuk-link', 'Print or download my summary');
      link.href = summaryHref();
      link.target = '_blank';
      link.rel = 'noopener';
      link.appendChild(hiddenLabel(' (opens in a new tab)'));
      p.appendChild(link);
      box.appendChild(p);
    }
    state.summary = true;
    showSummaryLink();
    log.appendChild(box);
    return box;
  }

  function renderFunding(payload) {
    var data = payload.estimate && typeof payload.estimate === 'object' ? payload.estimate : payload;
    var box = el('div', 'sp-summary-card');
    box.appendChild(el('h3', 'govuk-heading-s', 'Paying for care: an estimate, not a financial assessment'));
    if (data.explanation) { line(box, null, data.explanation); }
    if (Array.isArray(data.notes) && data.notes.length) {
      var notes = el('ul', 'govuk-list govuk-list--bullet');
      data.notes.forEach(function (n) { notes.appendChild(el('li', null, plain(n))); });
      box.appendChild(notes);
    }
    if (Array.isArray(data.sources) && data.sources.length) {
      line(box, 'Sources', data.sources.map(plain).join('; '));
    }
    if (!data.explanation) { renderKeyValues(box, data, ['type', 'notes', 'sources']); }
    log.appendChild(box);
    return box;
  }

  function renderSafety() {
    var box = el('div', 'sp-msg sp-msg--safety');
    box.setAttribute('role', 'note');
    box.appendChild(el('strong', 'sp-msg__who', 'Get help now'));
    box.appendChild(el('p', null, 'If someone is in danger now, call 999.'));
    box.appendChild(el('p', null, 'Samaritans: call 116 123, free, any time.'));
    box.appendChild(el('p', null, 'NHS 111: call 111 for urgent medical help.'));
    log.appendChild(box);
    return box;
  }

  function renderCustom(payload) {
    if (!payload || typeof payload !== 'object') { return null; }
    switch (payload.type) {
      case 'service_cards': return renderCards(payload);
      case 'triage_summary': return renderSummary(payload);
      case 'funding_estimate': return renderFunding(payload);
      case 'safety': return renderSafety(payload);
      default: return null;
    }
  }

  function renderBot(message, live) {
    var last = null;
    if (typeof message.text === 'string' && message.text) {
      var p = el('p', 'sp-msg sp-msg--bot');
      p.appendChild(hiddenLabel('Signpost said: '));
      appendLinkified(p, message.text);
      log.appendChild(p);
      last = p;
    }
    if (message.custom) { last = renderCustom(message.custom) || last; }
    if (live && Array.isArray(message.buttons) && message.buttons.length) { last = renderButtons(message.buttons); }
    return last;
  }

  function renderEntry(entry, live) {
    if (entry.kind === 'user') { return renderUser(entry.text); }
    if (entry.kind === 'bot') { return renderBot(entry.message, live); }
    return null;
  }

  function clearReplies() {
    Array.prototype.forEach.call(log.querySelectorAll('.sp-replies'), function (group) { group.remove(); });
  }

  // ---- input checks ----------------------------------------------------------------------------
  function showInputError(text) {
    inputError.textContent = '';
    inputError.appendChild(hiddenLabel('Error: '));
    inputError.appendChild(document.createTextNode(text));
    inputError.hidden = false;
    formGroup.classList.add('govuk-form-group--error');
    input.classList.add('govuk-textarea--error');
    input.setAttribute('aria-describedby', 'sp-input-error sp-input-hint sp-count');
    input.focus();
  }

  function clearInputError() {
    inputError.hidden = true;
    inputError.textContent = '';
    formGroup.classList.remove('govuk-form-group--error');
    input.classList.remove('govuk-textarea--error');
    input.setAttribute('aria-describedby', 'sp-input-hint sp-count');
  }

  function updateCount() {
    var left = MAX_CHARS - input.value.length;
    if (left > 200) { count.textContent = ''; return; }
    count.textContent = left >= 0 ? 'You have ' + left + ' characters left' :
      'You have ' + (-left) + ' characters too many';
  }

  // ---- talking to the server -------------------------------------------------------------------
  function postJSON(url, method, payload) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS) : null;
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (csrfMeta) { headers['X-CSRFToken'] = csrfMeta.getAttribute('content'); }
    return window.fetch(url, {
      method: method,
      headers: headers,
      credentials: 'same-origin',
      body: payload === undefined ? undefined : JSON.stringify(payload),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    }, function () {
      return { ok: false, status: 0, data: null };
    }).then(function (result) {
      if (timer) { window.clearTimeout(timer); }
      return result;
    });
  }

  function problemText(result) {
    if (result.data && typeof result.data.message === 'string') { return result.data.message; }
    if (result.status === 0) {
      return 'We could not reach Signpost. Check your internet connection and try again. If someone is in danger now, call 999.';
    }
    return 'Sorry, something went wrong. Please try again. If someone is in danger now, call 999.';
  }

  function setBusy(on) {
    busy = on;
    typing.hidden = !on;
    root.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  // text: what Rasa gets; shown: what the person sees (a button's title); silent: do not show it.
  function send(text, shown, fromButton, silent) {
    if (busy) { return; }
    var message = String(text || '').trim();
    if (!message) { showInputError('Enter a message'); return; }
    if (message.length > MAX_CHARS) {
      showInputError('Your message is ' + message.length + ' characters long. Keep it under ' + MAX_CHARS +
        ' characters, or send it in shorter parts.');
      return;
    }
    clearInputError();
    clearReplies();
    var typed = !fromButton && !silent;
    var bubble = null;
    var entry = null;
    if (!silent) {
      entry = { kind: 'user', text: shown || message };
      bubble = renderUser(entry.text);
      scrollToLatest(bubble);
    }
    if (typed) { input.value = ''; updateCount(); }
    setBusy(true);
    postJSON(api, 'POST', { sender: state.sender, message: message, metadata: { council: council, mode: mode } })
      .then(function (result) {
        setBusy(false);
        if (!result.ok || !Array.isArray(result.data)) {
          // Lose nothing: take the message back out of the log and put typed text back in the box.
          if (bubble) { bubble.remove(); }
          if (typed && !input.value) { input.value = message; updateCount(); }
          scrollToLatest(renderError(problemText(result)));
          if (result.status === 400 && result.data && result.data.error !== 'invalid_sender') {
            showInputError(problemText(result));
          }
          return;
        }
        if (entry) { state.history.push(entry); }
        var last = null;
        result.data.forEach(function (m, i) {
          state.history.push({ kind: 'bot', message: m });
          last = renderBot(m, i === result.data.length - 1 || (Array.isArray(m.buttons) && m.buttons.length)) || last;
        });
        saveState();
        scrollToLatest(last);
        if (fromButton) { input.focus(); }
      });
  }

  // ---- conversation controls -------------------------------------------------------------------
  function showChat(focusInput) {
    if (notice) { notice.hidden = true; }
    body.hidden = false;
    if (focusInput) { input.focus(); }
  }

  function start() {
    state.started = true;
    saveState();
    showChat(true);
    if (!state.history.length) { send(startPayload, null, false, true); }
  }

  function resetTo(newState) {
    state = newState;
    log.textContent = '';
    if (summaryLink) { summaryLink.hidden = true; }
    if (confirmBox) { confirmBox.hidden = true; }
    clearInputError();
    saveState();
  }

  function restart() {
    resetTo(freshState());
    state.started = true;
    saveState();
    announce('The conversation has started again.');
    input.focus();
    send(startPayload, null, false, true);
  }

  function deleteConversation() {
    var sender = state.sender;
    postJSON(api + '/' + encodeURIComponent(sender) + '?council=' + encodeURIComponent(council), 'DELETE')
      .then(function (result) {
        if (!result.ok) {
          confirmBox.hidden = true;
          scrollToLatest(renderError(problemText(result)));
          return;
        }
        try { window.sessionStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
        resetTo(freshState());
        if (mode === 'staff') {
          announce('The conversation has been deleted.');
          send(startPayload, null, false, true);
          input.focus();
          return;
        }
        body.hidden = true;
        if (notice) {
          notice.hidden = false;
          var done = notice.querySelector('.sp-deleted');
          if (!done) {
            done = el('p', 'govuk-body govuk-!-font-weight-bold sp-deleted', 'Your conversation has been deleted.');
            done.tabIndex = -1;
            notice.insertBefore(done, notice.firstChild);
          }
          done.focus();
        }
      });
  }

  root.addEventListener('click', function (event) {
    var target = event.target.closest ? event.target.closest('[data-action]') : null;
    if (!target) { return; }
    var action = target.getAttribute('data-action');
    if (action === 'start') { start(); }
    else if (action === 'restart') { restart(); }
    else if (action === 'delete') {
      confirmBox.hidden = false;
      confirmBox.querySelector('[data-action="confirm-delete"]').focus();
    }
    else if (action === 'cancel-delete') {
      confirmBox.hidden = true;
      root.querySelector('[data-action="delete"]').focus();
    }
    else if (action === 'confirm-delete') { deleteConversation(); }
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    send(input.value);
  });

  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send(input.value);
    }
  });
  input.addEventListener('input', updateCount);

  // ---- inside the widget's iframe ----------------------------------------------------------------
  function closeWidget() {
    if (window.parent && window.parent !== window) { window.parent.postMessage({ type: 'signpost:close' }, '*'); }
  }

  if (embedded) {
    var closeButton = document.querySelector('[data-action="close-widget"]');
    if (closeButton) { closeButton.addEventListener('click', closeWidget); }
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') { closeWidget(); }
    });
    window.addEventListener('message', function (event) {
      if (event.source !== window.parent || !event.data || event.data.type !== 'signpost:focus') { return; }
      var first = body.hidden ? notice.querySelector('[data-action="start"]') : input;
      if (first) { first.focus(); }
    });
  }

  // ---- first paint ----------------------------------------------------------------------------------
  state.history.forEach(function (entry, i) { renderEntry(entry, i === state.history.length - 1); });
  if (state.summary) { showSummaryLink(); }
  if (state.started) {
    showChat(false);
    if (!state.history.length) { send(startPayload, null, false, true); }
  }
  saveState();
})();
