// Palaute paper entry: the keyboard starts where it should. After a
// problem that is the first field with one, its text selected, so typing
// replaces it; otherwise the form's first field.
(function () {
  'use strict';
  var form = document.getElementById('entry');
  if (!form) return;
  var field = form.querySelector('[autofocus]') || form.querySelector('input:not([type="hidden"])');
  if (!field) return;
  field.focus();
  if (field.select) field.select();
})();
