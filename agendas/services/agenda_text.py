"""Reading a KL/KKR agenda or referat written as text (or a Word document turned into such
lines by `docx_import`) into a plain structure; never touches the database.

The family, not one example: DAGSORDEN or REFERAT with or without a year; the organiser in any
case; Dato as dd-mm-yyyy hh:mm or a Danish long date; Sted; front matter (Fraværende, Afbud,
Til stede, ...); a table of contents, skipped; items 1. and sub-items 1.1 (two digits a level);
a Sags ID with initials; the sections, and any other heading kept; closed markers. What cannot
be placed is listed, and what is closed only probably is imported closed and said."""

import re
from dataclasses import dataclass, field
from datetime import datetime, time

from ..models import Section
from .text_html import text_to_html

__all__ = ["ParsedDocument", "parse_agenda_text", "text_to_html"]

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
    "resumé", "sammenfatning", "lovgrundlag", "tidsplan", "supplerende sagsfremstilling",
    "opfølgning", "konklusion", "handling", "indstillingen", "referat", "bemærkninger",
}  # fmt: skip
ATTENDANCE_LABELS = {
    "fraværende", "afbud", "til stede", "tilstede", "deltagere", "deltagende", "fremmødte",
    "mødedeltagere", "desuden deltog", "referent", "mødeleder", "fra kl", "fra sekretariatet",
    "gæster", "suppleanter", "fraværende med afbud",
}  # fmt: skip
MONTH_NAMES = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip
MONTHS = {name: n for n, name in enumerate(MONTH_NAMES, start=1)}
MONTH = "|".join(MONTHS)

KIND_RE = re.compile(r"^(dagsorden|referat|beslutningsprotokol)(?:\s+\d{4})?\s*$", re.I)
HEADING_RE = re.compile(r"^(?:punkt\s+|pkt\.\s*)?(\d{1,2})\.\s+(\S.*)$", re.I)
SUBITEM_RE = re.compile(r"^(?:punkt\s+|pkt\.\s*)?(\d{1,2})\.(\d{1,2})\.?\s+(\S.*)$", re.I)
PAGE_TAIL_RE = re.compile(r"(?:\s*\.{2,}\s*\d*|\t\s*\d+|\s{2,}\d+)\s*$")
NOT_A_TITLE_RE = re.compile(rf"^({MONTH})\b", re.I)  # "1. september 2021 ..." is text
CASE_RE = re.compile(
    r"^(?:sags?\s*(?:id|nr\.?|nummer)\s*:?\s*)?(SAG-\d{4}-\d{5})"
    r"(?:\s*[-–,;/]?\s*(?:sagsbehandler\s*:?\s*)?\(?([a-zæøå]{2,8}(?:\s*[/,&]\s*[a-zæøå]{2,8})*)\)?)?"
    r"\s*$",
    re.I,
)
LABEL_RE = re.compile(r"^([A-Za-zÆØÅæøå .'’]{2,30}?)\s*:\s*(.*)$")
NUM_DATE_RE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")
LONG_DATE_RE = re.compile(rf"(\d{{1,2}})\.?\s*({MONTH})\s+(\d{{4}})", re.I)
TIME_RE = re.compile(
    r"(?:kl\.?\s*|\s)(\d{1,2})[:.](\d{2})(?:\s*[-–]\s*(?:kl\.?\s*)?(\d{1,2})[:.](\d{2}))?"
)
CLOSED_LINE_RE = re.compile(
    r"^[(\[]?\s*lukket(?:\s+(?:punkt|sag|dagsordenspunkt))?\s*[)\]]?[.:]?$", re.I
)
CLOSED_TITLE_RE = re.compile(
    r"\s*(?:[(\[]\s*lukket(?:\s+punkt)?\s*[)\]]|[-–:]\s*lukket(?:\s+punkt)?)\s*$", re.I
)
CLOSED_PREFIX_RE = re.compile(r"^lukket(?:\s+punkt)?\s*[:–-]\s*", re.I)
CLOSED_GROUP_RE = re.compile(r"^lukkede\s+(sager|punkter|dagsordenspunkter)\b", re.I)
UNSURE_CLOSED_RE = re.compile(r"\b(lukket|lukkede|fortrolig\w*)\b", re.I)


@dataclass
class ParsedDocument:
    kind: str = "dagsorden"  # or "referat"
    organiser: str = ""
    starts_at: datetime | None = None
    ends_time: time | None = None
    venue: str = ""
    mission: str = ""
    vision: str = ""
    attendance: list = field(default_factory=list)  # [(label, text)]
    items: list = field(default_factory=list)
    unplaced: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # placed, but said: closed only probably

    @property
    def attendance_text(self):
        return "\n".join(f"{label}: {text}" for label, text in self.attendance)


def _heading_text(line):
    """A line without markdown's "#" marks and "**" bold, and whether it had them."""
    stripped = line.strip()
    marked = stripped.startswith("#") or (stripped.startswith("**") and stripped.endswith("**"))
    return stripped.lstrip("#").strip().strip("*").strip(), marked


def _clean_title(title):
    return PAGE_TAIL_RE.sub("", title).strip().rstrip(".").strip() or title.strip()


def parse_date(text):
    """(datetime, end time) from "30-08-2021 10:00" or "mandag den 30. august 2021 kl. 10.00-13.00";
    (None, None) when there is no date; raises ValueError for an impossible one."""
    day = month = year = None
    if m := NUM_DATE_RE.search(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        rest = text[m.end() :]
    elif m := LONG_DATE_RE.search(text):
        day, month, year = int(m.group(1)), MONTHS[m.group(2).lower()], int(m.group(3))
        rest = text[m.end() :]
    else:
        return None, None
    hour = minute = 0
    end = None
    if t := TIME_RE.search(" " + rest):
        hour, minute = int(t.group(1)), int(t.group(2))
        if t.group(3):
            end = time(int(t.group(3)), int(t.group(4)))
    return datetime(year, month, day, hour, minute), end


def _toc_lines(lines):
    """The indices of a table of contents: numbered lines with page numbers or dot leaders
    before the items, or the run of numbered lines whose first entry is repeated later."""
    skip = set()
    numbered = []
    for n, line in enumerate(lines):
        text, _ = _heading_text(line)
        if text.casefold() in ("indholdsfortegnelse", "indhold"):
            skip.add(n)
        elif SUBITEM_RE.match(text) or HEADING_RE.match(text):
            numbered.append((n, _clean_title(text).casefold()))
    if not numbered:
        return skip
    first_n, first_text = numbered[0]
    again = next((n for n, t in numbered[1:] if t == first_text), None)
    if again is not None:
        listed = {n for n, _ in numbered if n < again}
        if all(n in listed or not lines[n].strip() for n in range(first_n, again)):
            return skip | listed | set(range(first_n, again))
    for n, _title in numbered:
        if PAGE_TAIL_RE.search(lines[n].rstrip(" ")):
            skip.add(n)
        else:
            break
    return skip


class _Parser:
    def __init__(self, text):
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.doc = ParsedDocument()
        self.item = None  # the current item
        self.heading = None  # the current top-level item
        self.section = None
        self.front_field = None
        self.toc = _toc_lines(self.lines)

    def note(self, n, message, *, unplaced=True):
        text = f"Linje {n}: {message}" if n else message
        (self.doc.unplaced if unplaced else self.doc.notes).append(text)

    def run(self):
        for n, raw in enumerate(self.lines, start=1):
            if n - 1 in self.toc:
                continue
            line = raw.rstrip(" ")
            if self._item_line(n, line):
                continue
            if self.item is None:
                self._front_line(n, line)
            else:
                self._body_line(n, line)
        numbers = {e["number"] for top in self.doc.items for e in [top, *top["children"]]}
        for n in sorted(self.toc):
            text, _ = _heading_text(self.lines[n])
            m = SUBITEM_RE.match(text) or HEADING_RE.match(text)
            if m and ".".join(str(int(g)) for g in m.groups()[:-1]) not in numbers:
                self.note(
                    None,
                    f"indholdsfortegnelsen nævner {_clean_title(text)}, som ikke findes i teksten",
                )
        if self.doc.starts_at is None:
            self.note(None, "ingen dato fundet (fx 'Dato: 30-08-2021 10:00')")
        return self.doc

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
            "line": n,
        }
        if unsure:
            self.note(n, f"punkt {number} '{title}' er indlæst som lukket: titlen tyder på det",
                      unplaced=False)  # fmt: skip
        self.item, self.section = entry, None
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
        text, _ = _heading_text(line)
        if len(text) > 300:
            return False
        items = self.doc.items
        if m := SUBITEM_RE.match(text):
            parent = self.heading
            if (
                parent
                and m.group(1) == parent["number"]
                and int(m.group(2)) == len(parent["children"]) + 1
                and not NOT_A_TITLE_RE.match(m.group(3))
            ):
                entry = self._new_item(
                    n, f"{m.group(1)}.{int(m.group(2))}", _clean_title(m.group(3))
                )
                del entry["children"]
                parent["children"].append(entry)
                return True
            return False
        if (m := HEADING_RE.match(text)) and int(m.group(1)) == len(items) + 1:
            if NOT_A_TITLE_RE.match(m.group(2)):
                return False
            self.heading = None
            entry = self._new_item(n, str(int(m.group(1))), _clean_title(m.group(2)))
            items.append(entry)
            self.heading = entry
            return True
        return False

    def _front_line(self, n, line):
        stripped, _ = _heading_text(line)
        doc = self.doc
        if not stripped:
            return
        if m := KIND_RE.match(stripped):
            doc.kind = "referat" if m.group(1).lower() != "dagsorden" else "dagsorden"
            return
        label, value = None, stripped
        if m := LABEL_RE.match(stripped):
            label, value = m.group(1).strip().casefold(), m.group(2).strip()
        elif stripped.casefold() in ATTENDANCE_LABELS | {"mission", "vision"}:
            label, value = stripped.casefold(), ""
        if label in ("dato", "tid", "tidspunkt", "mødedato", "mødetidspunkt") or (
            label is None and doc.starts_at is None and LONG_DATE_RE.search(stripped)
        ):
            self.front_field = None
            self._date_line(n, label, value, stripped)
        elif label in ("sted", "mødested", "adresse"):
            doc.venue = value
            self.front_field = None
        elif label in ("mission", "vision"):
            self.front_field = label
            if value:
                setattr(doc, label, value)
        elif label in ATTENDANCE_LABELS:
            doc.attendance.append([stripped.split(":")[0].strip(), value])
            self.front_field = "attendance"
        elif self.front_field == "attendance":
            last = doc.attendance[-1]
            last[1] = f"{last[1]}, {stripped}" if last[1] else stripped
        elif self.front_field:
            setattr(
                doc, self.front_field, (getattr(doc, self.front_field) + "\n\n" + stripped).strip()
            )
        elif not doc.organiser:
            doc.organiser = " ".join(stripped.split())
        else:
            self.note(n, f"forsiden: '{stripped[:60]}' blev ikke brugt")

    def _date_line(self, n, label, value, stripped):
        doc = self.doc
        try:
            starts_at, end = parse_date(value)
        except ValueError:
            self.note(n, f"'{stripped}' er ikke en gyldig dato og tid")
            return
        t = TIME_RE.search(" " + value)
        if starts_at is None and label in ("tid", "tidspunkt") and doc.starts_at and t:
            doc.starts_at = doc.starts_at.replace(hour=int(t.group(1)), minute=int(t.group(2)))
            if t.group(3):
                doc.ends_time = time(int(t.group(3)), int(t.group(4)))
        elif starts_at is None:
            self.note(n, f"'{stripped}' er ikke en dato, der kan læses")
        else:
            doc.starts_at, doc.ends_time = starts_at, end

    def _body_line(self, n, line):
        item = self.item
        text, marked = _heading_text(line)
        if (m := CASE_RE.match(text)) and not item["sections"] and not item["case_number"]:
            item["case_number"] = m.group(1).upper()
            item["case_initials"] = re.sub(r"\s*([/,&])\s*", r"\1", m.group(2) or "").replace(
                ",", "/"
            )
            return
        if CLOSED_LINE_RE.match(text):
            self._close(item)
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
            item["sections"].append(self.section)
            if inline:
                self.section["lines"].append(inline)
            return
        if self.section is None:
            if text and len(text) <= 80 and UNSURE_CLOSED_RE.search(text):
                self._close(item)
                self.note(
                    n, f"punkt {item['number']} er indlæst som lukket: '{text}'", unplaced=False
                )
            elif text:
                self.note(
                    n,
                    f"tekst under punkt {item['number']} før Baggrund/Indstilling/"
                    f"Sagsfremstilling: '{text[:60]}'",
                )
            return
        self.section["lines"].append(line)

    def _close(self, item):
        item["closed"] = True
        for child in item.get("children", []):
            child["closed"] = True


def parse_agenda_text(text):
    """The document in `text` as a ParsedDocument."""
    return _Parser(text).run()
