/* Drag-and-drop reordering of the items on an agenda's admin page.
   Each item is dragged by its header bar; on drop the items' "rækkefølge" fields are
   renumbered in page order, and the server derives the numbers (1., 1.1., ...) when saved.
   "Op" and "Ned" buttons in the bar do the same from the keyboard, and the "rækkefølge" field
   is hidden; without JavaScript it can be typed in. */
(function () {
  "use strict";

  function group() {
    return document.querySelector(".agenda-items");
  }

  function forms() {
    return Array.from(group().querySelectorAll(".inline-related:not(.empty-form)"));
  }

  function renumber() {
    forms().forEach(function (form, index) {
      var input = form.querySelector("input.agenda-position");
      if (input) {
        input.value = index;
      }
    });
  }

  function move(form, delta) {
    var all = forms();
    var target = all[all.indexOf(form) + delta];
    if (!target) {
      return;
    }
    form.parentNode.insertBefore(form, delta < 0 ? target : target.nextSibling);
    renumber();
  }

  function moveButton(form, label, delta) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button agenda-move";
    button.textContent = label;
    button.setAttribute("aria-label", "Flyt punktet " + label.toLowerCase());
    button.addEventListener("click", function () {
      move(form, delta);
      button.focus();
    });
    return button;
  }

  function prepare(form) {
    var handle = form.querySelector(":scope > h3");
    if (!handle || handle.dataset.dragReady) {
      return;
    }
    handle.dataset.dragReady = "1";
    handle.setAttribute("draggable", "true");
    handle.classList.add("agenda-drag-handle");
    handle.title = "Træk for at flytte punktet";
    // the change link in the bar would otherwise be dragged instead of the item
    handle.querySelectorAll("a").forEach(function (link) {
      link.draggable = false;
    });
    handle.append(moveButton(form, "Op", -1), moveButton(form, "Ned", 1));
    // Only the position's own box: its line also holds Sags ID, initials and Lukket, and the
    // line carries every field's class.
    var position = form.querySelector("input.agenda-position");
    if (position) {
      position.closest(".fieldBox, .form-row").style.display = "none";
    }
    handle.addEventListener("dragstart", function (event) {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", form.id);
      form.classList.add("agenda-dragging");
    });
    handle.addEventListener("dragend", function () {
      form.classList.remove("agenda-dragging");
    });
    form.addEventListener("dragover", function (event) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
    });
    form.addEventListener("drop", function (event) {
      event.preventDefault();
      var dragged = document.getElementById(event.dataTransfer.getData("text/plain"));
      if (!dragged || dragged === form) {
        return;
      }
      var all = forms();
      var downwards = all.indexOf(dragged) < all.indexOf(form);
      form.parentNode.insertBefore(dragged, downwards ? form.nextSibling : form);
      renumber();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!group()) {
      return;
    }
    forms().forEach(prepare);
    document.addEventListener("formset:added", function (event) {
      var form = event.target;
      prepare(form);
      var input = form.querySelector("input.agenda-position");
      if (input) {
        input.value = forms().length;
      }
    });
  });
})();
