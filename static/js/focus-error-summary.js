/* A form sent back with errors: move focus to its error summary (includes/form_errors.html),
   so a screen reader reads the errors at once and a keyboard user starts from them; a link in
   the summary puts focus in the field it names, not only scrolls to it. Loaded with defer on
   every page (no inline script: the Content Security Policy allows only our own files). */
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    event.preventDefault();
    // The field's label (or legend) comes into view above it, then the field takes focus.
    var label = document.querySelector("label[for='" + field.id + "']") || field.closest("fieldset") || field;
    label.scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
