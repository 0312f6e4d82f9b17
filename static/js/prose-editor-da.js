// The rich-text editor in Danish: django-prose-editor writes its toolbar and menus in English
// (hard-coded), and its dialogs through window.gettext. Loaded with `defer` on every admin page,
// after Django's JavaScript catalogue and before the editor's module, so the editor's dialogs
// ask this gettext, and the toolbar's titles and menus are translated as they appear.
(function () {
  "use strict";
  const DA = {
    // toolbar and menus
    bold: "Fed", italic: "Kursiv", underline: "Understreget", strike: "Gennemstreget",
    paragraph: "Afsnit", Paragraph: "Afsnit", "unordered list": "Punktopstilling",
    "ordered list": "Nummereret liste", "insert link": "Indsæt link", "remove link": "Fjern link",
    "Insert table": "Indsæt tabel", undo: "Fortryd", redo: "Gentag", "Merge cells": "Flet celler",
    "Split cell": "Del celle", "Add column": "Tilføj kolonne", "Add row": "Tilføj række",
    "Delete column": "Slet kolonne", "Delete row": "Slet række", "Delete table": "Slet tabel",
    "Toggle header cell": "Overskriftscelle til/fra", "horizontal rule": "Vandret linje",
    blockquote: "Citat", "edit HTML": "Redigér HTML", subscript: "Sænket skrift",
    superscript: "Hævet skrift", Code: "Kode", "Code block": "Kodeblok",
    // dialogs (window.gettext)
    "Insert Table": "Indsæt tabel", Rows: "Rækker", Columns: "Kolonner",
    "Include header row": "Med overskriftsrække", Insert: "Indsæt", Cancel: "Annullér",
    Update: "Opdatér", URL: "Adresse", Title: "Titel", "Open in new window": "Åbn i nyt vindue",
    "Edit Link": "Redigér link", "Table Properties": "Tabelegenskaber",
    "Toggle fullscreen": "Fuld skærm til/fra", "List properties": "Listeegenskaber",
    "List type": "Listetype", "Start at": "Begynd ved", Bullets: "Punkter",
    "Decimal numbers": "Tal", "Lowercase letters": "Små bogstaver",
    "Uppercase letters": "Store bogstaver", "Lowercase Roman numerals": "Små romertal",
    "Uppercase Roman numerals": "Store romertal", "Edit HTML": "Redigér HTML",
    Prettify: "Ryd op",
  };
  const HEADING = /^heading (\d)$/i;

  function danish(text) {
    if (Object.hasOwn(DA, text)) return DA[text];
    const heading = HEADING.exec(text);
    return heading ? `Overskrift ${heading[1]}` : null;
  }

  const base = window.gettext;
  window.gettext = (text) => danish(text) || (base ? base(text) : text);

  function translate(root) {
    for (const element of root.querySelectorAll(".prose-menubar *")) {
      for (const name of ["title", "aria-label"]) {
        const value = element.getAttribute(name);
        const da = value && danish(value);
        if (da) element.setAttribute(name, da);
      }
      // Icons are ligatures named by their text ("format_bold"): leave those.
      if (element.children.length === 0 && !element.classList.contains("material-icons")) {
        const da = danish(element.textContent);
        if (da) element.textContent = da;
      }
    }
  }

  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && node.closest(".prose-editor, .prose-menubar")) {
          translate(node.closest(".prose-editor") || node);
        } else if (node.nodeType === Node.ELEMENT_NODE && node.querySelector(".prose-menubar")) {
          translate(node);
        }
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => translate(document));
})();
