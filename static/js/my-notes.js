// Saves each note on "Dagsorden med mine noter" as it is typed (a second after the last key,
// and when the field is left); without this script the form's button saves them all.
(function () {
  "use strict";
  function init() {
    var form = document.querySelector("form[data-notes]");
    if (!form) return;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    form.querySelectorAll("[data-note-url]").forEach(function (box) {
      var field = box.querySelector("textarea");
      var status = box.querySelector("[data-note-status]");
      var timer = null;
      var saved = field.value;
      function save() {
        clearTimeout(timer);
        if (field.value === saved) return;
        var text = field.value;
        var body = new FormData();
        body.append("csrfmiddlewaretoken", token);
        body.append("text", text);
        status.textContent = "Gemmer …";
        fetch(box.dataset.noteUrl, { method: "POST", body: body, credentials: "same-origin" })
          .then(function (response) {
            return response.json().then(function (answer) {
              if (!response.ok) throw new Error(answer.error || "Noten er ikke gemt.");
              saved = text;
              status.textContent = answer.saved;
            });
          })
          .catch(function (error) {
            status.textContent = error.message.indexOf("Noten") === 0 ? error.message
              : "Noten er ikke gemt. Prøv igen, eller brug knappen 'Gem mine noter'.";
          });
      }
      field.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(save, 1000);
      });
      field.addEventListener("blur", save);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
