"""An agenda or referat from a KL/KKR document (text, or .docx through `docx_import`): the
meeting found by organiser and day or made as a draft from the header, the items and sections
saved, a referat's decisions and attendance filled into the agenda that exists; what cannot be
placed is reported, never guessed (the reading itself is in `agenda_text`)."""

import codecs
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from klmeetings.richtext import sanitize_html
from meetings.models import Meeting, Organiser

from ..models import Agenda, Item, Section
from .agenda_parsed import ParsedDocument, text_lines
from .agenda_text import parse_agenda_text, text_to_html

__all__ = ["ImportResult", "import_agenda_text", "parse_agenda_text", "text_to_html"]


@dataclass
class ImportResult:
    agenda: Agenda
    items: int = 0
    unplaced: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    meeting_created: bool = False
    decisions: int = 0
    parsed: ParsedDocument | None = None

    @property
    def left_out(self):
        return self.parsed.left_out if self.parsed else []


def check_text(text):
    if "\x00" in text:
        # PostgreSQL cannot store the NUL character; such a file is damaged or not text.
        raise ValidationError("Teksten indeholder ugyldige tegn (NUL). Er det en tekstfil?")


# What a secretary may have at hand instead: named so the message can say what to do.
OTHER_FORMATS = {
    ".pdf": "En PDF-fil", ".doc": "Det gamle Word-format (.doc)", ".odt": "En OpenDocument-fil",
    ".rtf": "En RTF-fil", ".pages": "En Pages-fil",
}  # fmt: skip
NOT_TEXT = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf")  # PDF, zip, old Word, RTF
SAVE_AS = "Åbn dokumentet i Word, og gem det som Word-dokument (.docx) eller som tekst (.txt)."


def read_document(filename, file):
    """The lines of an uploaded or opened .txt or .docx file, each with its place. A text file
    may be UTF-8 (with or without BOM), UTF-16 with its BOM, or Windows' own Danish encoding
    (cp1252, what Notepad saved before 2019)."""
    name = filename.lower()
    if name.endswith(".docx"):
        from .docx_import import docx_to_lines

        lines = docx_to_lines(file)
        check_text("".join(line.text for line in lines))
        return lines
    if not name.endswith(".txt"):
        kind = next((v for k, v in OTHER_FORMATS.items() if name.endswith(k)), "Filtypen")
        raise ValidationError(f"{kind} kan ikke indlæses. {SAVE_AS}")
    data = file.read()
    if data.startswith(NOT_TEXT):
        raise ValidationError(f"Filen hedder .txt, men er ikke en tekstfil. {SAVE_AS}")
    text = _decoded(data)
    check_text(text)
    return text_lines(text)


def _decoded(data):
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(f"Filen kan ikke læses som tekst. {SAVE_AS}")


def find_organiser(name):
    wanted = " ".join(name.replace("’", "'").split()).casefold()
    for organiser in Organiser.objects.all():
        if " ".join(organiser.name.replace("’", "'").split()).casefold() == wanted:
            return organiser
    return None


def plan_meeting(parsed, meeting=None):
    """(meeting or None, what would be made, notes, fields of the meeting to fill): the meeting
    the document belongs to, or the fields of the draft to make; raises ValidationError when
    neither can be."""
    if meeting is not None:
        return meeting, None, *reconcile(parsed, meeting)
    organiser = find_organiser(parsed.organiser)
    if organiser is None:
        raise ValidationError(
            f"Ukendt arrangør: '{parsed.organiser}'. Opret arrangøren, eller vælg mødet."
        )
    if parsed.starts_at is None:
        raise ValidationError("Teksten har ingen dato, og intet møde er valgt.")
    starts_at = timezone.make_aware(parsed.starts_at)
    day = parsed.day
    # the organiser's meetings on that day in Danish time (USE_TZ: __date converts)
    candidates = list(Meeting.objects.filter(organiser=organiser, starts_at__date=day))
    if candidates:
        found = next((m for m in candidates if m.starts_at == starts_at), candidates[0])
        return found, None, *reconcile(parsed, found)
    ends_at = starts_at + timedelta(hours=3)
    if parsed.ends_time:
        ends_at = max(starts_at, timezone.make_aware(datetime.combine(day, parsed.ends_time)))
    venue, address = split_venue(parsed.venue)
    fields = {
        "organiser": organiser,
        "kind": Meeting.Kind.KKR
        if organiser.kind == Organiser.Kind.KKR
        else Meeting.Kind.COMMITTEE,
        "title": f"Møde i {organiser.name}",
        "starts_at": starts_at,
        "ends_at": ends_at,
        "venue_name": venue,
        "address": address,
        # as before the choice was explicit; the secretary narrows it on the meeting
        "invites_all_municipalities": True,
    }
    return None, fields, [], {}


def split_venue(venue):
    name, _, address = venue.partition(",")
    return name.strip()[:200], address.strip()[:300]


def reconcile(parsed, meeting):
    """(notes, fields to fill): the meeting's empty fields (a time of 00:00, no place, no
    address) are filled from the document; where they disagree it is said, never overwritten."""
    notes, fill = [], {}
    if parsed.organiser and find_organiser(parsed.organiser) != meeting.organiser:
        notes.append(
            f"Arrangøren i teksten ('{parsed.organiser}') er ikke mødets ({meeting.organiser})."
        )
    local = timezone.localtime(meeting.starts_at)
    if parsed.day and parsed.day != local.date():
        form = "%d-%m-%Y %H:%M" if parsed.start_time else "%d-%m-%Y"
        notes.append(f"Teksten siger {parsed.starts_at:{form}}, mødet er {local:{form}}.")
    elif parsed.start_time and local.time() == time(0, 0):
        starts_at = timezone.make_aware(datetime.combine(local.date(), parsed.start_time))
        fill["starts_at"] = starts_at
        ends = parsed.ends_time
        fill["ends_at"] = max(
            starts_at,
            timezone.make_aware(datetime.combine(local.date(), ends)) if ends else meeting.ends_at,
        )
    elif parsed.start_time and parsed.start_time != local.time().replace(second=0):
        notes.append(f"Teksten siger kl. {parsed.start_time:%H:%M}, mødet er kl. {local:%H:%M}.")
    if parsed.venue:
        name, address = split_venue(parsed.venue)
        if not meeting.venue_name and not meeting.address:
            fill.update(venue_name=name, address=address)
        elif not meeting.address and address and _plain(name) == _plain(meeting.venue_name):
            fill["address"] = address
        elif _plain(parsed.venue) != _plain(meeting.place):
            notes.append(f"Teksten siger sted '{parsed.venue}', mødet har '{meeting.place}'.")
    said = {"starts_at": "mødetid", "venue_name": "sted", "address": "adresse"}
    for name, value in fill.items():
        if name in said:
            shown = f"{timezone.localtime(value):%H:%M}" if name == "starts_at" else value
            notes.append(f"Mødets {said[name]} var tom og udfyldes fra dokumentet: {shown}.")
    return notes, fill


def _plain(text):
    return " ".join(text.replace(",", " ").split()).casefold()


@transaction.atomic
def import_agenda_text(source, meeting=None):
    """Import a dagsorden or referat (text, or the Lines of `read_document`); see the module.
    Raises ValidationError (in Danish) and saves nothing when the document cannot be placed."""
    check_text(source if isinstance(source, str) else "".join(line.text for line in source))
    return import_parsed(parse_agenda_text(source), meeting)


@transaction.atomic
def import_parsed(parsed: ParsedDocument, meeting=None):
    if not parsed.items:
        raise ValidationError("Teksten indeholder ingen nummererede punkter (1., 1.1., ...).")
    meeting, new_fields, notes, fill = plan_meeting(parsed, meeting)
    created = meeting is None
    if created:
        meeting = Meeting.objects.create(**new_fields)
    elif fill:
        for name, value in fill.items():
            setattr(meeting, name, value)
        meeting.save(update_fields=list(fill))
    agenda, _ = Agenda.objects.get_or_create(meeting=meeting)
    if parsed.attendance:
        agenda.attendance = parsed.attendance_text
    result = ImportResult(
        agenda=agenda,
        unplaced=list(parsed.unplaced),
        notes=notes + parsed.notes,
        meeting_created=created,
        parsed=parsed,
    )
    if agenda.items.exists():
        if parsed.kind != "referat":
            raise ValidationError(f"{meeting} har allerede en dagsorden med punkter.")
        agenda.save()
        _fill_decisions(agenda, parsed, result)
        return result
    agenda.mission = parsed.mission or agenda.mission
    agenda.vision = parsed.vision or agenda.vision
    agenda.save()
    if created:
        result.notes.insert(0, f"Mødet '{meeting}' er oprettet som kladde ud fra teksten.")
    for position, entry in enumerate(parsed.items):
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
        title=entry["title"][:400],
        case_number=entry["case_number"],
        case_initials=entry["case_initials"][:40],
        closed=entry["closed"],
    )
    Section.objects.bulk_create(
        _section(item, section, n) for n, section in enumerate(entry["sections"])
    )
    return item


def _section(item, section, position):
    return Section(
        item=item,
        kind=section["kind"],
        title=section["title"][:200],
        body=sanitize_html(text_to_html(section["lines"])),
        position=position,
    )


def _fill_decisions(agenda, parsed, result):
    """A referat over an agenda that exists: each item's Beslutning by its number (or by its
    title where the numbers differ, after a gap or a third level); an item the
    referat closes is closed (never opened)."""
    numbered = list(agenda.numbered_items())
    items = {number: item for item, number in numbered}
    by_title = {item.title.casefold(): item for item, _ in numbered}
    entries = [e for top in parsed.items for e in [top, *top["children"]]]
    for entry in entries:
        item = items.get(entry["number"])
        if item is None or item.title.casefold() != entry["title"].casefold():
            item = by_title.get(entry["title"].casefold(), item)  # numbered otherwise here
        decisions = [s for s in entry["sections"] if s["kind"] == Section.Kind.DECISION]
        if item is None:
            if decisions:
                result.unplaced.append(
                    f"Punkt {entry['number']} '{entry['title']}' findes ikke i dagsordenen; "
                    "dets beslutning er ikke indlæst."
                )
            continue
        if entry["title"].casefold() != item.title.casefold():
            result.notes.append(
                f"Punkt {entry['number']} hedder '{item.title}' i dagsordenen, "
                f"'{entry['title']}' i referatet."
            )
        if entry["closed"] and not item.closed:
            item.closed = True
            item.save(update_fields=["closed"])
        if not decisions:
            continue
        lines = [line for s in decisions for line in s["lines"]]
        body = sanitize_html(text_to_html(lines))
        existing = item.sections.filter(kind=Section.Kind.DECISION).first()
        if existing:
            existing.body = body
            existing.save()
        else:
            last = item.sections.order_by("-position").first()
            Section.objects.create(
                item=item,
                kind=Section.Kind.DECISION,
                body=body,
                position=(last.position + 1) if last else 0,
            )
        result.decisions += 1
