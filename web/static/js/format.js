// Shared by chat.js and console.js: turn structured data into plain words.
(function () {
  'use strict';

  function label(key) {
    var text = String(key).replace(/_/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function plain(value) {
    if (value === null || value === undefined) { return ''; }
    if (Array.isArray(value)) { return value.map(plain).filter(Boolean).join(', '); }
    if (typeof value === 'object') {
      return Object.keys(value).map(function (k) {
        var v = plain(value[k]);
        return v ? label(k) + ': ' + v : '';
      }).filter(Boolean).join('; ');
    }
    if (typeof value === 'boolean') { return value ? 'yes' : 'no'; }
    return String(value);
  }

  window.SignpostFormat = { label: label, plain: plain };
})();
