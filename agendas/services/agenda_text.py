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
from .agenda_layout import (
    ITEM_RE,
    NUMBER_ALONE_RE,
    clean_title,
    item_number,
    page_furniture,
    toc_lines,
)
from .agenda_parsed import ParsedDocument, text_lines
from .text_html import text_to_html

__all__ = ["parse_agenda_text", "text_to_html"]

SECTION_HEADINGS = {
    "baggrund": Section.Kind.BACKGROUND,
    "indstilling": Section.Kind.RECOMMENDATION,
    "sagsfremstilling": Section.Kind.PRESENTATION,
    "beslutning": Section.Kind.DECISION,
    "beslutninger": Section.Kind.DECISION,
}
# Headings the case systems put under an item besides the four: kept as "Anden overskrift".
OTHER_HEADINGS = {
    "bilag", "økonomi", "økonomiske konsekvenser", "kommunikation", "videre proces", "proces",
    "resumé", "resume", "sammenfatning", "lovgrundlag", "tidsplan", "supplerende sagsfremstilling",
    "opfølgning", "konklusion", "handling", "indstillingen", "referat", "bemærkninger",
}  # fmt: skip
LIST_ENTRY_RE = re.compile(r"^\s*(\d{1,3})[.)]\s+\S")
MAX_GAP = 20  # a jump in the numbering further than this is text, not an item
INITIALS = r"[a-zæøå]{2,8}(?:\s*[/,&]\s*[a-zæøå]{2,8})*"
CASE_RE = re.compile(
    r"^(?:sags?\s*(?:id|nr\.?|nummer)\s*:?\s*)?(SAG-\d{4}-\d{5})"
    rf"(?:\s*[-–,;/]?\s*(?:sagsbehandler\s*:?\s*)?\(?({INITIALS})\)?)?\s*$",
    re.I,
)
# Other case systems' numbers written alone under the heading: "21/12345", "2021-012345".
BARE_CASE_RE = re.compile(
    rf"^(\d{{2,4}}/\d{{4,6}}(?:-\d{{1,3}})?|\d{{4}}-\d{{6}})(?:\s+\(?({INITIALS})\)?)?$", re.I
)
OTHER_CASE_RE = re.compile(r"^(?:sags?\s*(?:id|nr\.?|nummer)|sagsnr\.?)\s*:\s*(\S.*)$", re.I)
HANDLER_RE = re.compile(r"^(?:sagsbehandler|(?:sags)?ansvarlig)\s*:\s*(\S.*)$", re.I)
LETTERED_RE = re.compile(r"^([a-h])[.)]\s+(\S.*)$")  # "a) Nyt fra KL" under an item: a sub-item
CLOSED_LINE_RE = re.compile(
    r"^[(\[]?\s*lukket(?:\s+(?:punkt|sag|dagsordenspunkt))?\s*[)\]]?[.:]?$", re.I
)
CLOSED_TITLE_RE = re.compile(
    r"\s*(?:[(\[]\s*lukket(?:\s+punkt)?\s*[)\]]|[-–:]\s*lukket(?:\s+punkt)?)\s*$", re.I
)
CLOSED_PREFIX_RE = re.compile(r"^lukket(?:\s+punkt)?\s*[:–-]\s*", re.I)
CLOSED_GROUP_RE = re.compile(r"^lukkede\s+(sager|punkter|dagsordenspunkter)\b", re.I)
UNSURE_CLOSED_RE = re.compile(r"\b(lukket|lukkede|fortrolig\w*)\b", re.I)
TIME_LIMIT = 30  # seconds a parse may take before it is stopped with a message


def too_long():
    return (
        f"Indlæsningen tog over {TIME_LIMIT} sekunder og er stoppet; intet er gemt. "
        "Del dokumentet op og prøv igen."
    )


class _Parser(FrontReader):
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
        self.furniture = page_furniture(lines, _is_structure)
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

    # -- items ------------------------------------------------------------------------------
    def _new_item(self, n, number, title):
        title, closed, unsure = self._closed_title(title)
        entry = {
            "number": number,
            "title": title,
            "case_number": "",
            "case_initials": "",
            "closed": closed or bool(self.heading and "." in number and self.heading["closed"]),
            "sections": [],
            "children": [],
            "place": self.lines[n].place,
        }
        if unsure:
            self.note(n, f"punkt {number} '{title}' er indlæst som lukket: titlen tyder på det")
        self.item, self.section, self.list_next = entry, None, None
        self.place(n, f"punkt {number}: titel")
        return entry

    def _closed_title(self, title):
        if CLOSED_GROUP_RE.match(title):
            return title, True, False
        if CLOSED_TITLE_RE.search(title) or CLOSED_PREFIX_RE.match(title):
            title = CLOSED_PREFIX_RE.sub("", CLOSED_TITLE_RE.sub("", title)).strip()
            return title, True, False
        if UNSURE_CLOSED_RE.search(title):
            return title, True, True
        return title, False, False

    def _item_line(self, n, line):
        text, _ = heading_text(line)
        title_at = self._title_below(n, text)
        if title_at is not None:
            text = f"{text} {heading_text(self.lines[title_at].text)[0]}"
        if len(text) > 300 or not self._item(n, text, alone=title_at is not None):
            return False
        if title_at is not None:
            self.taken.add(title_at)
            self.place(title_at, f"punkt {self.item['number']}: titel")
        elif (more := self._title_goes_on(n)) is not None:
            self.item["title"] = f"{self.item['title']} {self.lines[more].text.strip()}"
            self.taken.add(more)
            self.place(more, f"punkt {self.item['number']}: titel")
        return True

    def _title_goes_on(self, n):
        """The line right under a title that carries it on (a long title wrapped in a text
        file: no blank line between, and it starts in lower case), or None."""
        following = self.lines[n + 1].text.strip() if n + 1 < len(self.lines) else ""
        title = self.item["title"]
        if following[:1].islower() and title[-1:].isalnum() and not LETTERED_RE.match(following):
            return n + 1
        return None

    def _title_below(self, n, text):
        """The line holding the title of a number that stands alone on line n, or None."""
        if not NUMBER_ALONE_RE.match(text) or (k := self._next_index(n)) is None:
            return None
        title = heading_text(self.lines[k].text)[0]
        if (
            not title[0].isupper()
            or len(title) > 200
            or item_number(title)
            or _is_structure(title.casefold())
        ):
            return None
        return k

    def _number(self, text):
        """The item number of a line; "3 Title" only as the next item of an agenda that numbers
        its items so from the first (a line of text may start with a number too)."""
        if parts := item_number(text):
            return parts, False
        if self.bare_numbers is False or not (parts := item_number(text, bare=True)):
            return None, False
        last = int(self.heading["number"]) if self.heading else 0
        return (parts, True) if parts == [last + 1] else (None, False)

    def _item(self, n, text, alone):
        """An item from line n; `alone`: its number stands on a line of its own, as no list
        entry does."""
        parts, bare = self._number(text)
        if not parts:
            return False
        title = clean_title(ITEM_RE.match(text)["title"])
        if len(parts) == 1:
            last = int(self.heading["number"]) if self.heading else 0
            if parts[0] > last + MAX_GAP and self.item is not None and len(title) > 2:
                self.note(
                    n,
                    f"'{text[:60]}' er læst som tekst under punkt {self.item['number']}: "
                    f"nummeret springer mere end {MAX_GAP} frem fra {last}",
                )
            in_range = last < parts[0] <= last + MAX_GAP
            if not in_range or (not alone and self._in_list(n, parts[0], last)):
                return False
            self._gap(n, str(last) if last else "begyndelsen", last + 1, parts[0], "")
            entry = self._new_item(n, str(parts[0]), title)
            self.doc.items.append(entry)
            self.heading, self.sub = entry, None
            if self.bare_numbers is None:
                self.bare_numbers = bare
            return True
        parent = self.heading
        if parent is None or parts[0] != int(parent["number"]):
            return False
        if len(parts) == 2:
            last = int(self.sub["number"].split(".")[1]) if self.sub else 0
            if not last < parts[1] <= last + MAX_GAP:
                return False
            self._gap(n, f"{parts[0]}.{last}" if last else parent["number"], last + 1, parts[1],
                      f"{parts[0]}.")  # fmt: skip
            entry = self._new_item(n, f"{parts[0]}.{parts[1]}", title)
            self.sub = entry
        else:
            if self.sub is None or self.sub["number"] != f"{parts[0]}.{parts[1]}":
                return False
            prefix = self.sub["number"] + "."
            third = [c for c in parent["children"] if c["number"].startswith(prefix)]
            last = int(third[-1]["number"].split(".")[2]) if third else 0
            if not last < parts[2] <= last + MAX_GAP:
                return False
            entry = self._new_item(n, ".".join(map(str, parts)), title)
            entry["closed"] = entry["closed"] or self.sub["closed"]
            self.note(
                n,
                f"punkt {entry['number']} '{entry['title']}' er indlæst som underpunkt under "
                f"{parent['number']}, efter {self.sub['number']}: portalen har to niveauer",
            )
        del entry["children"]
        parent["children"].append(entry)
        return True

    def _gap(self, n, after, expected, got, prefix):
        if got != expected:
            missing = f"{prefix}{expected}" + (f"-{prefix}{got - 1}" if got - 1 > expected else "")
            self.note(
                n,
                f"nummereringen springer fra {after} til {prefix}{got}: punkt {missing} findes "
                "ikke i dokumentet. Punkterne nummereres i rækkefølge i portalen.",
            )

    def _in_list(self, n, number, last):
        """Whether a numbered line goes on with a numbered list (a bilag list "1. Referat ...")
        in the current section rather than starting an item. Said when it could be either."""
        if self.section is None or self.list_next != number or self.lines[n].kind == "heading":
            return False  # a Word heading is never an entry of a list
        if self._leaves_the_list(n) or self._item_follows(n, number):
            return False
        following = self._next_text(n)
        if number == last + 1 and not (
            following and (m := LIST_ENTRY_RE.match(following)) and int(m.group(1)) == number + 1
        ):
            self.note(
                n,
                f"'{self.lines[n].text.strip()[:60]}' er læst som det næste punkt i listen under "
                f"punkt {self.item['number']}, ikke som punkt {number}: intet Sags ID eller afsnit "
                "følger det",
            )
        return True

    def _leaves_the_list(self, n):
        """Whether line n stands apart from the list before it: a typed line after entries Word
        numbered itself, or a line after a blank one where the entries stood line after line."""
        lines, first, last = self.lines, self.list_at[0], self.list_at[-1]
        if lines[last].kind == "list" and lines[n].kind != "list":
            return True
        tight = first < last and all(lines[k].text.strip() for k in range(first, last))
        return tight and any(not lines[k].text.strip() for k in range(last, n))

    def _next_text(self, n):
        """The next line with text after line n, page furniture skipped."""
        k = self._next_index(n)
        return "" if k is None else heading_text(self.lines[k].text)[0]

    def _next_index(self, n):
        for k in range(n + 1, len(self.lines)):
            if self.lines[k].text.strip() and k not in self.furniture:
                return k
        return None

    def _item_follows(self, n, number):
        """A case line, a closed marker or a sub-item of it right after; or a section heading
        the current item already has (a heading it has not would go on with the item)."""
        text = self._next_text(n)
        key = text.rstrip(":").strip().casefold()
        had = {(s["title"] or s["kind"].label).casefold() for s in self.item["sections"]}
        return bool(
            CASE_RE.match(text)
            or BARE_CASE_RE.match(text)
            or OTHER_CASE_RE.match(text)
            or HANDLER_RE.match(text)
            or ((key in SECTION_HEADINGS or key in OTHER_HEADINGS) and key in had)
            or CLOSED_LINE_RE.match(text)
            or (len(parts := item_number(text) or []) == 2 and parts[0] == number)
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
            # a referat's text right under its item ("Ad 1. ...") is what was decided
            self.section = {"kind": Section.Kind.DECISION, "title": "", "lines": []}
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

    def _lettered_sub_item(self, n, text):
        """ "a) Nyt fra KL", "b) ..." right under an agenda's item, before any section: its
        sub-items, numbered on by the portal (said)."""
        m = LETTERED_RE.match(text)
        heading = self.heading
        if not m or self.doc.kind != "dagsorden" or heading is None or heading["sections"]:
            return False
        letters = [c["letter"] for c in heading["children"] if "letter" in c]
        if ord(m.group(1)) - ord("a") != len(letters) or len(letters) != len(heading["children"]):
            return False
        number = f"{heading['number']}.{len(letters) + 1}"
        if not self._item(n, f"{number} {m.group(2)}", alone=False):
            return False
        self.item["letter"] = m.group(1)
        self.note(n, f"'{text[:60]}' er indlæst som underpunkt {number}")
        return True

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


def _is_structure(key):
    """Whether a line (casefolded) is a heading, a case line or a closed marker: never taken
    for a letterhead, however often it stands beside a page number."""
    heading = key.rstrip(":").strip()
    return bool(
        heading in SECTION_HEADINGS
        or heading in OTHER_HEADINGS
        or CASE_RE.match(key)
        or BARE_CASE_RE.match(key)
        or OTHER_CASE_RE.match(key)
        or HANDLER_RE.match(key)
        or CLOSED_LINE_RE.match(key)
    )


def _initials(text):
    return re.sub(r"\s*([/,&])\s*", r"\1", text).replace(",", "/")


def parse_agenda_text(source):
    """The document in `source` (text, or the Lines of a Word document) as a ParsedDocument."""
    lines = text_lines(source) if isinstance(source, str) else source
    return _Parser(lines).run()
