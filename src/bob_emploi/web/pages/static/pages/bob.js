/* Bob's pages: the only script of its own, optional like every script of the site.
 * After a form post with errors, the focus goes to the list of errors, so that a screen
 * reader announces it and the keyboard starts from it (each item links to its field). */
(function () {
  "use strict";
  var summary = document.getElementById("erreurs");
  if (summary) summary.focus();
})();
