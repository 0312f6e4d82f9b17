"""Reading a KL/KKR agenda or referat, written as text or turned into lines by `docx_import`,
into a plain structure; never touches the database.

The family, not one example: DAGSORDEN or REFERAT with or without a year, or a title line
naming the organiser and the date ("Dagsorden for møde i KKR X den ..."); the organiser in any
case; the date as dd-mm-yyyy hh:mm or a Danish long date under any label, the time on its own
line (Mødetid); Sted over one or two lines; front matter as lines or as a Word table
(Deltagere, Afbud, Referent, ...); a table of contents, skipped; items numbered 1. to 9999.,
"1)", "Punkt 1:", "Pkt. 1", "Ad 1.", "3 Title" where the agenda numbers so, or a number alone
above its title; sub-items 1.1 or "a)" and a third level 1.1.1 (imported as sub-items, since
the portal has two levels); gaps in the numbering (imported in order and reported); a Sags ID
with initials or a case number in another format, a Sagsbehandler or Ansvarlig line; the
sections, and any other heading kept (in a referat, text under an item with no heading is its
Beslutning); numbered lists and bilag lists under an item, never taken for items, nor an item
taken for them; closed markers.

Every non-empty line is accounted for (`ParsedDocument.account`): placed (where), left out
(header, footer, the table of contents, the export's edition note: said so), or not placed
(listed with its place). "Alt blev placeret" is true only when the last list is empty."""

import re
import time as clock

from django.core.exceptions import ValidationError

from ..models import Section
from .agenda_front import FrontReader, heading_text
from .agenda_items import LIST_ENTRY_RE, UNSURE_CLOSED_RE, ItemReader
from .agenda_layout import (
    BARE_CASE_RE,
    CASE_RE,
    CLOSED_LINE_RE,
    HANDLER_RE,
    INITIALS,
    OTHER_CASE_RE,
    OTHER_HEADINGS,
    SECTION_HEADINGS,
    clean_title,
    item_number,
    page_furniture,
    toc_lines,
)
from .agenda_parsed import ParsedDocument, text_lines
from .text_html import text_to_html

__all__ = ["parse_agenda_text", "text_to_html"]

TIME_LIMIT = 30  # seconds a parse may take before it is stopped with a message


def too_long():
    return (
        f"Indlæsningen tog over {TIME_LIMIT} sekunder og er stoppet; intet er gemt. "
        "Del dokumentet op og prøv igen."
    )


class _Parser(FrontReader, ItemReader):
    def __init__(self, lines):
        self.lines = lines
        self.doc = ParsedDocument()
        self.item = None  # the current item
        self.heading = None  # the current top-level item
        self.sub = None  # the current second-level item
        self.section = None
        self.list_next = None  # the number a numbered list in the current section goes on with
        self.list_at = []  # the lines of that list's entries
        self.front_field = None
        self.venue_lines = 0
        self.bare_numbers = None  # whether items are numbered "3 Title": the first item says
        self.taken = set()  # lines read as part of an earlier one (a title under its number)
        self.toc = toc_lines(lines)
        self.furniture = page_furniture(lines)
        self.deadline = clock.monotonic() + TIME_LIMIT

    def place(self, n, where):
        line = self.lines[n]
        self.doc.account.append((line.place, line.text.strip(), where))

    def unplaced(self, n, message):
        self.doc.unplaced.append(f"{self.lines[n].place.capitalize()}: {message}")
        self.place(n, "ikke placeret")

    def note(self, n, message):
        self.doc.notes.append(f"{self.lines[n].place.capitalize()}: {message}" if n else message)

    def run(self):
        for n, line in enumerate(self.lines):
            if n % 256 == 0 and clock.monotonic() > self.deadline:
                raise ValidationError(too_long())
            text = line.text.rstrip(" ")
            if not text.strip():
                if self.section is not None:
                    self.section["lines"].append("")  # ends a paragraph or a list
                continue
            if n in self.taken:
                continue
            if n in self.furniture:
                self.place(n, "sidehoved/sidefod – udeladt")
            elif n in self.toc:
                self.place(n, "indholdsfortegnelse – udeladt")
            elif line.kind == "table-head":
                self.place(n, "tabelhoved – udeladt")
            elif not self._item_line(n, text):
                if self.item is None:
                    self.front_line(n, text)
                else:
                    self._body_line(n, text)
        self._check_toc()
        self.finish_front()
        return self.doc

    def _check_toc(self):
        numbers = {e["number"] for top in self.doc.items for e in [top, *top["children"]]}
        for n in sorted(self.toc):
            text, _ = heading_text(self.lines[n].text)
            if (parts := item_number(text)) and ".".join(map(str, parts)) not in numbers:
                self.doc.unplaced.append(
                    f"{self.lines[n].place.capitalize()}: indholdsfortegnelsen nævner "
                    f"{clean_title(text)}, som ikke findes i teksten"
                )

    # -- an item's lines --------------------------------------------------------------------
    def _body_line(self, n, line):
        item = self.item
        text, marked = heading_text(line)
        where = f"punkt {item['number']}"
        if not item["sections"] and self._case_line(n, item, text):
            return
        if CLOSED_LINE_RE.match(text):
            self._close(item)
            self.place(n, f"{where}: lukket")
            return
        key = text.rstrip(":").strip().casefold()
        inline = ""
        if (m := re.match(r"^([A-Za-zÆØÅæøå ]{4,30}):\s+(\S.*)$", text)) and (
            m.group(1).casefold() in SECTION_HEADINGS or m.group(1).casefold() in OTHER_HEADINGS
        ):
            key, inline = m.group(1).casefold(), m.group(2)
        kind = SECTION_HEADINGS.get(key)
        if kind or key in OTHER_HEADINGS or (marked and text and len(text) <= 120):
            title = "" if kind else text.rstrip(":").strip()
            if kind is None and inline:
                title = key.capitalize()
            self.section = {"kind": kind or Section.Kind.OTHER, "title": title, "lines": []}
            self.list_next = None
            item["sections"].append(self.section)
            self.place(n, f"{where}: {title or kind.label}")
            if inline:
                self.section["lines"].append(inline)
            return
        if self.section is None and self._lettered_sub_item(n, text):
            return
        if self.section is None and self.doc.kind == "referat":
            # a referat's text right under its item ("Ad 1. ...") is what was decided, unless
            # a Beslutning heading follows it: then it tells the case
            kind = Section.Kind.PRESENTATION if self._decision_follows(n) else Section.Kind.DECISION
            self.section = {"kind": kind, "title": "", "lines": []}
            item["sections"].append(self.section)
        if self.section is None:
            if len(text) <= 80 and UNSURE_CLOSED_RE.search(text):
                self._close(item)
                self.note(n, f"punkt {item['number']} er indlæst som lukket: '{text}'")
                self.place(n, f"{where}: lukket")
            else:
                self.unplaced(
                    n,
                    f"tekst under punkt {item['number']} før Baggrund/Indstilling/"
                    f"Sagsfremstilling: '{text[:60]}'",
                )
            return
        if (m := LIST_ENTRY_RE.match(line)) and int(m.group(1)) in (1, self.list_next):
            self.list_at = ([] if m.group(1) == "1" else self.list_at) + [n]
            self.list_next = int(m.group(1)) + 1
        self.section["lines"].append(line)
        self.place(n, f"{where}: {self.section['title'] or self.section['kind'].label}")

    def _decision_follows(self, n):
        """Whether a Beslutning heading comes after line n before the next numbered line."""
        for line in self.lines[n + 1 :]:
            text = heading_text(line.text)[0]
            if item_number(text):
                return False
            if SECTION_HEADINGS.get(text.rstrip(":").strip().casefold()) == Section.Kind.DECISION:
                return True
        return False

    def _case_line(self, n, item, text):
        """A Sags ID (with initials), a case number in another format, or a Sagsbehandler
        line, before the item's first section."""
        where = f"punkt {item['number']}"
        if (m := CASE_RE.match(text) or BARE_CASE_RE.match(text)) and not item["case_number"]:
            item["case_number"] = m.group(1).upper()
            if m.group(2):
                item["case_initials"] = _initials(m.group(2))
            self.place(n, f"{where}: Sags ID")
            return True
        if (m := OTHER_CASE_RE.match(text)) and not item["case_number"]:
            value = m.group(1).strip()
            if len(value) > 20:
                self.unplaced(n, f"sagsnummeret '{value[:60]}' er for langt (højst 20 tegn)")
            else:
                item["case_number"] = value
                self.place(n, f"{where}: Sags ID")
            return True
        if (m := HANDLER_RE.match(text)) and not item["case_initials"]:
            value = m.group(1).strip()
            if re.fullmatch(INITIALS, value, re.I):
                value = _initials(value)
            if len(value) > 40:
                self.unplaced(n, f"sagsbehandleren '{value[:60]}' er for lang (højst 40 tegn)")
            else:
                item["case_initials"] = value
                self.place(n, f"{where}: sagsbehandler")
            return True
        return False

    def _close(self, item):
        item["closed"] = True
        for child in item.get("children", []):
            child["closed"] = True


def _initials(text):
    return re.sub(r"\s*([/,&])\s*", r"\1", text).replace(",", "/")


def parse_agenda_text(source):
    """The document in `source` (text, or the Lines of a Word document) as a ParsedDocument."""
    lines = text_lines(source) if isinstance(source, str) else source
    return _Parser(lines).run()
