/*
 * Signpost chat widget. Add to any page:
 *   <script src="https://signpost.example/static/widget.js" data-council="lancashire" defer></script>
 * It adds a "Chat with Signpost" button. The chat opens in an iframe inside a
 * shadow root, so the host page's CSS cannot reach it (and ours cannot leak out).
 * The host page's CSP must allow this origin in script-src, style-src and frame-src.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__signpostWidget) { return; }
  window.__signpostWidget = true;

  var origin = new URL(script.src, window.location.href).origin;
  var council = (script.getAttribute('data-council') || '').replace(/[^a-z0-9-]/g, '');
  var label = script.getAttribute('data-label') || 'Chat with Signpost';

  function build() {
    var host = document.createElement('div');
    host.setAttribute('data-signpost-widget', '');
    var shadow = host.attachShadow({ mode: 'open' });

    var sheet = document.createElement('link');
    sheet.rel = 'stylesheet';
    sheet.href = origin + '/static/css/widget.css';
    shadow.appendChild(sheet);

    var wrapper = document.createElement('div');
    wrapper.className = 'sp-w';
    wrapper.hidden = true; // until our stylesheet has loaded
    shadow.appendChild(wrapper);

    var panel = document.createElement('div');
    panel.className = 'sp-w__panel';
    panel.id = 'signpost-panel';
    panel.hidden = true;
    wrapper.appendChild(panel);

    var launcher = document.createElement('button');
    launcher.type = 'button';
    launcher.className = 'sp-w__launcher';
    launcher.textContent = label;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', 'signpost-panel');
    wrapper.appendChild(launcher);

    var frame = null;

    function chatUrl() {
      return origin + '/?embed=1' + (council ? '&council=' + encodeURIComponent(council) : '');
    }

    function focusChat() {
      frame.focus();
      frame.contentWindow.postMessage({ type: 'signpost:focus' }, origin);
    }

    function open() {
      if (!frame) {
        frame = document.createElement('iframe');
        frame.className = 'sp-w__frame';
        frame.title = 'Signpost chat about adult social care';
        frame.src = chatUrl();
        frame.setAttribute('allow', 'clipboard-write');
        frame.addEventListener('load', focusChat);
        panel.appendChild(frame);
      } else {
        window.setTimeout(focusChat, 0);
      }
      panel.hidden = false;
      wrapper.classList.add('sp-w--open');
      launcher.setAttribute('aria-expanded', 'true');
      launcher.textContent = 'Close chat';
    }

    function close() {
      panel.hidden = true;
      wrapper.classList.remove('sp-w--open');
      launcher.setAttribute('aria-expanded', 'false');
      launcher.textContent = label;
      launcher.focus();
    }

    launcher.addEventListener('click', function () {
      if (panel.hidden) { open(); } else { close(); }
    });

    window.addEventListener('message', function (event) {
      if (event.origin !== origin || !frame || event.source !== frame.contentWindow) { return; }
      if (event.data && event.data.type === 'signpost:close') { close(); }
    });

    sheet.addEventListener('load', function () { wrapper.hidden = false; });
    sheet.addEventListener('error', function () { wrapper.hidden = false; });
    document.body.appendChild(host);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', build);
  } else {
    build();
  }
})();
