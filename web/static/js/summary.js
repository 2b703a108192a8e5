// The printable summary page: a real button that opens the browser's print dialogue.
(function () {
  'use strict';
  var button = document.querySelector('[data-action="print"]');
  if (button) {
    button.addEventListener('click', function () { window.print(); });
  }
})();
