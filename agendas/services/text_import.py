"""A draft agenda from plain text in the shape of seed 003 (the Word document saved as text):
numbered items and sub-items, their case lines and sections, the front page's date, venue,
mission and vision; what cannot be placed is reported, never guessed."""

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from klmeetings.richtext import sanitize_html
from meetings.models import Meeting, Organiser

from ..models import Agenda, Item, Section


@dataclass
class ImportResult:
    agenda: Agenda
    items: int = 0
    unplaced: list = field(default_factory=list)


SECTION_HEADINGS = {
    "baggrund": Section.Kind.BACKGROUND,
    "indstilling": Section.Kind.RECOMMENDATION,
    "sagsfremstilling": Section.Kind.PRESENTATION,
    "beslutning": Section.Kind.DECISION,
}
HEADING_RE = re.compile(r"^(\d+)\.\s+(\S.*)$")
SUBITEM_RE = re.compile(r"^(\d+)\.(\d+)\.\s+(\S.*)$")
# A contents line ends in dot leaders or a tab and a page number.
TOC_END_RE = re.compile(r"(\.{2,}|\t\s*\d+)$")
TOC_RE = re.compile(r"^(\d+(?:\.\d+)?)\.\s+(.*?)(?:\.{2,})?\s*(?:\t\s*\d+)?$")
CASE_RE = re.compile(r"^(SAG-\d{4}-\d{5})(?:\s+(\S+))?\s*$")
DATE_RE = re.compile(r"^Dato:\s*(\d{2})-(\d{2})-(\d{4})\s+(\d{1,2})[:.](\d{2})\s*$")
BULLET_RE = re.compile(r"^(\s*)[-•]\s+(.*)$")
LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)\s]*)\)")
EMPHASIS_RE = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")


def _inline(text):
    text = html.escape(text, quote=True)
    text = LINK_RE.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', text)
    return EMPHASIS_RE.sub(r"<em>\1</em>", text)


def text_to_html(lines):
    """Paragraphs, bullet lists (indented bullets nest) and tab-separated tables as HTML."""
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if "\t" in line:
            rows = []
            while i < len(lines):
                if "\t" in lines[i]:
                    rows.append(lines[i].split("\t"))
                    i += 1
                elif not lines[i].strip() and i + 1 < len(lines) and "\t" in lines[i + 1]:
                    i += 1  # a blank line inside a table
                else:
                    break
            out.append(_table(rows))
            continue
        if BULLET_RE.match(line):
            block = []
            while i < len(lines) and (m := BULLET_RE.match(lines[i])):
                block.append((len(m.group(1)) > 0, m.group(2)))
                i += 1
                # a line after a bullet that is neither blank nor a bullet continues it
                while i < len(lines) and lines[i].strip() and not BULLET_RE.match(lines[i]):
                    if "\t" in lines[i]:
                        break
                    nested, text = block[-1]
                    block[-1] = (nested, f"{text}\n{lines[i].strip()}")
                    i += 1
                # a blank line between bullets does not end the list
                if i + 1 < len(lines) and not lines[i].strip() and BULLET_RE.match(lines[i + 1]):
                    i += 1
            out.append(_bullets(block))
            continue
        out.append(f"<p>{_inline(line.strip())}</p>")
        i += 1
    return "".join(out)


def _bullets(block):
    parts = ["<ul>"]
    open_item = False
    in_nested = False
    for nested, text in block:
        content = "<br>".join(_inline(t) for t in text.split("\n"))
        if nested and open_item:
            if not in_nested:
                parts.append("<ul>")
                in_nested = True
            parts.append(f"<li><p>{content}</p></li>")
            continue
        if in_nested:
            parts.append("</ul>")
            in_nested = False
        if open_item:
            parts.append("</li>")
        parts.append(f"<li><p>{content}</p>")
        open_item = True
    if in_nested:
        parts.append("</ul>")
    if open_item:
        parts.append("</li>")
    parts.append("</ul>")
    return "".join(parts)


def _table(rows):
    width = max(len(r) for r in rows)
    body = []
    for n, row in enumerate(rows):
        cell = "th" if n == 0 else "td"
        cells = [c.strip() for c in row] + [""] * (width - len(row))
        body.append(
            "<tr>" + "".join(f"<{cell}><p>{_inline(c)}</p></{cell}>" for c in cells) + "</tr>"
        )
    return "<table><tbody>" + "".join(body) + "</tbody></table>"


def parse_agenda_text(text):
    """Read an agenda in the shape of seed 003 into a plain structure; never touches the
    database. Returns (front, items, unplaced)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front = {"organiser": "", "starts_at": None, "venue": "", "mission": "", "vision": ""}
    items = []
    unplaced = []
    toc = []
    current_item = None
    current_section = None
    front_field = None
    expected_heading = 1

    def note(n, message):
        unplaced.append(f"Linje {n}: {message}" if n else message)

    for n, raw in enumerate(lines, start=1):
        line = raw.rstrip(" ")
        stripped = line.strip()
        heading = HEADING_RE.match(stripped)
        sub = SUBITEM_RE.match(stripped)
        if current_item is None and (heading or sub) and TOC_END_RE.search(line):
            m = TOC_RE.match(stripped)
            toc.append((m.group(1), m.group(2).strip()))
            continue
        if heading and not sub and int(heading.group(1)) == expected_heading:
            current_item = {
                "number": heading.group(1),
                "title": heading.group(2).strip(),
                "case_number": "",
                "case_initials": "",
                "sections": [],
                "children": [],
                "line": n,
            }
            items.append(current_item)
            current_section = None
            expected_heading += 1
            continue
        if sub and items and sub.group(1) == items[-1]["number"]:
            parent = items[-1]
            if int(sub.group(2)) == len(parent["children"]) + 1:
                current_item = {
                    "number": f"{sub.group(1)}.{sub.group(2)}",
                    "title": sub.group(3).strip(),
                    "case_number": "",
                    "case_initials": "",
                    "sections": [],
                    "line": n,
                }
                parent["children"].append(current_item)
                current_section = None
                continue
        if current_item is None:
            if not stripped:
                continue
            if m := DATE_RE.match(stripped):
                day, month, year, hour, minute = (int(g) for g in m.groups())
                try:
                    front["starts_at"] = timezone.make_aware(
                        datetime(year, month, day, hour, minute)
                    )
                except ValueError:
                    note(n, f"'{stripped}' er ikke en gyldig dato og tid")
                front_field = None
            elif stripped.startswith("Sted:"):
                front["venue"] = stripped.removeprefix("Sted:").strip()
                front_field = None
            elif stripped in ("Mission", "Vision"):
                front_field = stripped.lower()
            elif front_field:
                front[front_field] = (front[front_field] + "\n\n" + stripped).strip()
            elif re.match(r"^DAGSORDEN\b", stripped, re.I):
                continue
            elif not front["organiser"]:
                front["organiser"] = stripped
            else:
                note(n, f"forsiden: '{stripped[:60]}' blev ikke brugt")
            continue
        if (m := CASE_RE.match(stripped)) and not current_item["sections"]:
            current_item["case_number"] = m.group(1)
            current_item["case_initials"] = m.group(2) or ""
            continue
        kind = SECTION_HEADINGS.get(stripped.casefold())
        if kind:
            current_section = {"kind": kind, "lines": []}
            current_item["sections"].append(current_section)
            continue
        if current_section is None:
            if stripped:
                note(
                    n,
                    f"tekst under punkt {current_item['number']} før Baggrund/Indstilling/"
                    f"Sagsfremstilling: '{stripped[:60]}'",
                )
            continue
        current_section["lines"].append(line)

    numbers = set()
    for item in items:
        numbers.add(item["number"])
        numbers.update(c["number"] for c in item["children"])
    for number, title in toc:
        if number not in numbers:
            note(None, f"indholdsfortegnelsen nævner {number}. {title}, som ikke findes i teksten")
    if front["starts_at"] is None:
        note(None, "ingen linje 'Dato: DD-MM-ÅÅÅÅ TT:MM' fundet")
    return front, items, unplaced


@transaction.atomic
def import_agenda_text(text, meeting=None):
    """Make a draft agenda from text in the shape of seed 003.

    Without `meeting`, the meeting is found from the organiser's name and the date and time in
    the text. Raises ValidationError (in Danish) when there is no such meeting or it already
    has an agenda with items; nothing is saved then."""
    if "\x00" in text:
        # PostgreSQL cannot store the NUL character; such a file is damaged or not text.
        raise ValidationError("Teksten indeholder ugyldige tegn (NUL). Er det en tekstfil?")
    front, parsed, unplaced = parse_agenda_text(text)
    if not parsed:
        raise ValidationError("Teksten indeholder ingen nummererede punkter (1., 1.1., ...).")
    if meeting is None:
        organiser = Organiser.objects.filter(name__iexact=front["organiser"]).first()
        if organiser is None:
            raise ValidationError(f"Ukendt arrangør: '{front['organiser']}'.")
        meeting = Meeting.objects.filter(organiser=organiser, starts_at=front["starts_at"]).first()
        if meeting is None:
            raise ValidationError(
                f"{organiser} har intet møde den {front['starts_at']:%d-%m-%Y %H:%M}."
                if front["starts_at"]
                else "Teksten har ingen dato, og intet møde er valgt."
            )
    agenda, _ = Agenda.objects.get_or_create(meeting=meeting)
    if agenda.items.exists():
        raise ValidationError(f"{meeting} har allerede en dagsorden med punkter.")
    agenda.mission = front["mission"]
    agenda.vision = front["vision"]
    agenda.save()
    result = ImportResult(agenda=agenda, unplaced=unplaced)
    for position, entry in enumerate(parsed):
        heading = _create_item(agenda, None, position, entry)
        result.items += 1
        for child_position, child in enumerate(entry["children"]):
            _create_item(agenda, heading, child_position, child)
            result.items += 1
    return result


def _create_item(agenda, parent, position, entry):
    item = Item.objects.create(
        agenda=agenda,
        parent=parent,
        position=position,
        title=entry["title"],
        case_number=entry["case_number"],
        case_initials=entry["case_initials"],
    )
    Section.objects.bulk_create(
        Section(
            item=item,
            kind=section["kind"],
            body=sanitize_html(text_to_html(section["lines"])),
            position=n,
        )
        for n, section in enumerate(entry["sections"])
    )
    return item
