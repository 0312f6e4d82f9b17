"""The front matter of an imported agenda or referat (everything before item 1): the kind of
document, the organiser, date and time (also on separate lines, Mødedato and Mødetid, in
either order), the place over one or two lines, mission and vision, attendance (Deltagere,
Afbud, Referent, ...); page numbers and the portal's own edition note recognised as such."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from klmeetings.dates import MONTHS as MONTH_NAMES

MONTHS = {name: n for n, name in enumerate(MONTH_NAMES, start=1)}
MONTH = "|".join(MONTHS)
# "REFERAT", "Dagsorden 2026", "Dagsorden for møde i KKR Syddanmark" (the organiser named)
KIND_RE = re.compile(
    r"^(?:rettet\s+)?(dagsorden|referat|beslutningsprotokol)(?:\s+\d{4})?"
    r"(?:\s+(?:for|af|fra|til)\s+(?:det\s+)?møde[t]?\s+i\s+(?P<organiser>\S.*?))?\s*$",
    re.I,
)
EDITION_RE = re.compile(r"^(?:fuld|offentlig)\s+udgave\b", re.I)
# "Side 2 af 9", "2/9", "- 2 -", and a number alone on its line, as text taken out of a PDF has
PAGE_RE = re.compile(
    r"^(?:side\s+\d+(?:\s*(?:af|/)\s*\d+)?|\d{1,3}\s*/\s*\d{1,3}|-\s*\d+\s*-|\d{1,3})$", re.I
)
LABEL_RE = re.compile(r"^([A-Za-zÆØÅæøå .'’]{2,30}?)\s*:\s*(.*)$")
NUM_DATE_RE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")
LONG_DATE_RE = re.compile(rf"(\d{{1,2}})\.?\s*({MONTH})\s+(\d{{4}})", re.I)
TIME_RE = re.compile(
    r"(?:kl\.?\s*|\s|^)(\d{1,2})[:.](\d{2})(?:\s*[-–]\s*(?:kl\.?\s*)?(\d{1,2})[:.](\d{2}))?"
)
DATE_LABELS = {"dato", "mødedato", "dato og tid", "tid og sted"}
TIME_LABELS = {"tid", "tidspunkt", "mødetid", "mødetidspunkt", "klokkeslæt"}
PLACE_LABELS = {"sted", "mødested", "adresse", "mødeadresse", "mødelokale", "lokale", "lokation"}
ATTENDANCE_LABELS = {
    "fraværende", "afbud", "til stede", "tilstede", "deltagere", "deltagende", "fremmødte",
    "mødedeltagere", "desuden deltog", "referent", "mødeleder", "fra kl", "fra sekretariatet",
    "gæster", "suppleanter", "fraværende med afbud",
}  # fmt: skip


def is_page_line(text):
    return bool(PAGE_RE.match(" ".join(text.split())))


def heading_text(line):
    """A line without markdown's "#" marks and "**" bold, and whether it had them."""
    stripped = line.strip()
    marked = stripped.startswith("#") or (stripped.startswith("**") and stripped.endswith("**"))
    return stripped.lstrip("#").strip().strip("*").strip(), marked


def parse_date(text):
    """(date, start time or None, end time or None) from "30-08-2021 10:00" or "mandag den 30.
    august 2021 kl. 10.00-13.00"; (None, None, None) without a date; ValueError if impossible."""
    if m := NUM_DATE_RE.search(text):
        day = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    elif m := LONG_DATE_RE.search(text):
        day = date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    else:
        return None, None, None
    start, end = parse_time(text[m.end() :])
    return day, start, end


def parse_time(text):
    """(start, end or None) of "kl. 10.00-13.00" or "10:00"; (None, None) without one."""
    if not (t := TIME_RE.search(text.strip())):
        return None, None
    start = time(int(t.group(1)), int(t.group(2)))
    return start, time(int(t.group(3)), int(t.group(4))) if t.group(3) else None


@dataclass
class FrontMatter:
    kind: str = "dagsorden"  # or "referat"
    organiser: str = ""
    day: date | None = None
    start_time: time | None = None
    ends_time: time | None = None
    venue: str = ""
    mission: str = ""
    vision: str = ""
    attendance: list = field(default_factory=list)  # [(label, text)]

    @property
    def starts_at(self):
        if self.day is None:
            return None
        return datetime.combine(self.day, self.start_time or time(0, 0))

    @property
    def attendance_text(self):
        return "\n".join(f"{label}: {text}" for label, text in self.attendance)


class FrontReader:
    """The part of the parser that reads the lines before item 1 (mixed into `_Parser`)."""

    def front_line(self, n, line):
        stripped, _ = heading_text(line)
        doc = self.doc
        if m := KIND_RE.match(stripped):
            doc.kind = "referat" if m.group(1).lower() != "dagsorden" else "dagsorden"
            # "... i KKR Syddanmark den 4. maj 2026 kl. 9.00", "... i KKR Midtjylland, 2. februar"
            named = re.split(r",|\s+(?:den|d\.)\s|\s\d", m["organiser"] or "")[0]
            doc.organiser = doc.organiser or " ".join(named.split())
            if doc.day is None and (LONG_DATE_RE.search(stripped) or NUM_DATE_RE.search(stripped)):
                self._date_line(n, stripped, stripped)  # places the line as its date
            else:
                self.place(n, f"forside: {doc.kind}")
            return
        if EDITION_RE.match(stripped):
            self.place(n, "udgavens note – udeladt")
            return
        label, value = None, stripped
        if m := LABEL_RE.match(stripped):
            label, value = m.group(1).strip().casefold(), m.group(2).strip()
        elif stripped.rstrip(":").casefold() in ATTENDANCE_LABELS | {"mission", "vision"}:
            label, value = stripped.rstrip(":").casefold(), ""
        dated = doc.day is None and (LONG_DATE_RE.search(value) or NUM_DATE_RE.search(value))
        # "Tidspunkt: torsdag den 10. september 2026 kl. 10.00", "Møde: 3. november 2026 ..."
        if label in DATE_LABELS or (
            dated and label not in PLACE_LABELS | ATTENDANCE_LABELS | {"mission", "vision"}
        ):
            self.front_field = None
            self._date_line(n, value, stripped)
        elif label in TIME_LABELS:
            self.front_field = None
            self._time_line(n, value, stripped)
        elif label in PLACE_LABELS:
            doc.venue = f"{doc.venue}, {value}" if doc.venue and value else (value or doc.venue)
            self.front_field = "venue"
            self.venue_lines = 0
            self.place(n, "forside: sted")
        elif label in ("mission", "vision"):
            self.front_field = label
            if value:
                setattr(doc, label, value)
            self.place(n, f"forside: {label}")
        elif label in ATTENDANCE_LABELS:
            doc.attendance.append([stripped.split(":")[0].strip(), value])
            self.front_field = "attendance"
            self.place(n, f"forside: {doc.attendance[-1][0]}")
        elif self.front_field == "venue" and self.venue_lines < 2 and doc.organiser:
            doc.venue = f"{doc.venue}, {stripped}" if doc.venue else stripped
            self.venue_lines += 1
            self.place(n, "forside: sted")
        elif self.front_field == "attendance":
            last = doc.attendance[-1]
            last[1] = f"{last[1]}, {stripped}" if last[1] else stripped
            self.place(n, f"forside: {last[0]}")
        elif self.front_field in ("mission", "vision"):
            field_text = (getattr(doc, self.front_field) + "\n\n" + stripped).strip()
            setattr(doc, self.front_field, field_text)
            self.place(n, f"forside: {self.front_field}")
        elif not doc.organiser:
            doc.organiser = " ".join(stripped.split())
            self.place(n, "forside: arrangør")
        else:
            self.unplaced(n, f"forsiden: '{stripped[:60]}' blev ikke brugt")

    def _date_line(self, n, value, stripped):
        doc = self.doc
        try:
            day, start, end = parse_date(value)
        except ValueError:
            self.unplaced(n, f"'{stripped}' er ikke en gyldig dato og tid")
            return
        if day is None:
            self.unplaced(n, f"'{stripped}' er ikke en dato, der kan læses")
            return
        doc.day = day
        if start:
            doc.start_time, doc.ends_time = start, end
        self.place(n, "forside: dato")

    def _time_line(self, n, value, stripped):
        try:
            start, end = parse_time(value)
        except ValueError:
            start = None
        if start is None:
            self.unplaced(n, f"'{stripped}' er ikke et klokkeslæt, der kan læses")
            return
        self.doc.start_time, self.doc.ends_time = start, end
        self.place(n, "forside: mødetid")

    def finish_front(self):
        if self.doc.day is None:
            self.note(None, "Dokumentet har ingen dato (fx 'Dato: 30-08-2021 10:00').")
        elif self.doc.start_time is None:
            self.note(
                None,
                "Dokumentet angiver ingen mødetid (fx 'Mødetid: 10.00-12.00'); et nyt møde "
                "oprettes kl. 00:00, så ret tiden.",
            )
