// Progressive enhancement: a button marked data-print prints the page (the print stylesheet leaves out the menu and
// the page's own buttons). Without scripts the button stays hidden and the browser's own Print does the same.
(function () {
  'use strict';
  var buttons = document.querySelectorAll('button[data-print]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function () {
      window.print();
    });
  }
})();
