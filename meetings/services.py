"""Operations on meetings' data that span several rows: the people import, publishing and
cancelling a meeting, and gathering a meeting's invitation and programme for their PDFs."""

import copy as copy_module
import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.text import slugify

from klmeetings.dates import danish_date

from . import contributions, signals
from .models import (
    LetterSection,
    Meeting,
    Municipality,
    ParallelSession,
    Person,
    ProgrammeDay,
    ProgrammeSlot,
    Role,
)

# Column names in the CSV file, as the secretariat writes them in Excel.
PEOPLE_COLUMNS = {
    "navn": "name",
    "rolle": "role",
    "titel": "title",
    "kommune": "municipality",
    "organisation": "organisation",
    "parti": "party_letter",
    "e-mail": "email",
    "telefon": "phone",
}
ROLE_BY_LABEL = {label.lower(): value for value, label in Role.choices} | {
    value: value for value in Role.values
}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def _person_values(row, municipalities):
    """The Person fields of one CSV row, or raise ValueError with the reason in Danish."""
    values = {PEOPLE_COLUMNS[k]: (v or "").strip() for k, v in row.items() if k in PEOPLE_COLUMNS}
    if not values.get("name"):
        raise ValueError("navn mangler")
    if any("\x00" in value for value in values.values()):
        # PostgreSQL cannot store the NUL character.
        raise ValueError("ugyldigt tegn (NUL) i rækken")
    role = values.get("role", "").lower() or Role.OTHER
    if role not in ROLE_BY_LABEL:
        raise ValueError(f"ukendt rolle '{values['role']}'")
    values["role"] = ROLE_BY_LABEL[role]
    municipality = values.pop("municipality", "")
    municipality_key = municipality.lower().removesuffix(" kommune")
    if municipality and municipality_key not in municipalities:
        raise ValueError(f"ukendt kommune '{municipality}'")
    values["municipality"] = municipalities.get(municipality_key)
    return values


def import_people(text):
    """Import people from CSV text (semicolon or comma separated, Danish headers).

    All or nothing: a file with any bad row imports nothing, and every bad row is reported by
    its line number and reason. A person with the same e-mail as an existing one updates it.
    """
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=";,")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    result = ImportResult()
    if not reader.fieldnames or "navn" not in [name.strip().lower() for name in reader.fieldnames]:
        result.errors.append("Linje 1: kolonnen 'navn' mangler i overskriften")
        return result
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
    municipalities = {m.name.lower(): m for m in Municipality.objects.all()}
    rows = []
    for row in reader:
        try:
            values = _person_values(row, municipalities)
            Person(**values).full_clean(validate_unique=False)
        except ValueError as error:
            result.errors.append(f"Linje {reader.line_num}: {error}")
            continue
        except ValidationError as error:
            messages = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in error.message_dict.items()
            )
            result.errors.append(f"Linje {reader.line_num}: {messages}")
            continue
        rows.append(values)
    if result.errors:
        return result
    with transaction.atomic():
        for values in rows:
            if values.get("email"):
                same = Q(email__iexact=values["email"])
            else:
                same = Q(name=values["name"], municipality=values["municipality"])
            existing = Person.objects.filter(same).first()
            if existing:
                for name, value in values.items():
                    setattr(existing, name, value)
                existing.save()
                result.updated += 1
            else:
                Person.objects.create(**values)
                result.created += 1
    return result


# The PDFs of a meeting. Each gathers its data in a fixed number of queries, whatever the
# number of sections, slots and speakers, then renders through klmeetings.documents.

DOCUMENT_PREFETCHES = [
    "co_organisers",
    "letter_sections",
    "signatories",
    "preliminary_agenda",
    "attachments",
    Prefetch("sessions", queryset=ParallelSession.objects.prefetch_related("speakers")),
    Prefetch(
        "programme_days",
        queryset=ProgrammeDay.objects.prefetch_related(
            Prefetch("slots", queryset=ProgrammeSlot.objects.prefetch_related("speakers"))
        ),
    ),
]


# The meeting with its organiser, then one query per prefetched kind of row.
DOCUMENT_QUERIES = 11


def meeting_for_documents(pk, meetings=Meeting.objects):
    """The meeting with everything its invitation and programme print, in at most
    DOCUMENT_QUERIES queries; looked for among `meetings` (public pages: `public()`)."""
    return meetings.select_related("organiser").prefetch_related(*DOCUMENT_PREFETCHES).get(pk=pk)


def invitation_context(meeting):
    sections = list(meeting.letter_sections.all())
    signatories = list(meeting.signatories.all())
    kinds = {section.kind for section in sections}
    return {
        "meeting": meeting,
        "letterhead": meeting.letterhead,
        "sections": sections,
        # The meeting's facts the sections do not print yet: the letter prints them anyway, so
        # a letter with no prose typed is still a whole invitation.
        "add_time_place": LetterSection.Kind.TIME_AND_PLACE not in kinds,
        "add_registration": LetterSection.Kind.REGISTRATION not in kinds
        and bool(meeting.registration_url or meeting.registration_email),
        "add_contact": LetterSection.Kind.CONTACT not in kinds and bool(meeting.contact_name),
        "themes": [s for s in sections if s.kind == LetterSection.Kind.THEME],
        "signatories": signatories,
        # Three signatures a row, as KL prints a KKR's many signatories.
        "signatory_rows": [signatories[i : i + 3] for i in range(0, len(signatories), 3)],
        "preliminary_agenda": list(meeting.preliminary_agenda.all()),
        "attachments": list(meeting.attachments.all()),
    }


def programme_context(meeting):
    days = list(meeting.programme_days.all())
    sessions_slot = next(
        (
            slot
            for day in days
            for slot in day.slots.all()
            if slot.kind == ProgrammeSlot.Kind.SESSIONS
        ),
        None,
    )
    return {
        "meeting": meeting,
        "letterhead": meeting.letterhead,
        "days": days,
        "sessions": list(meeting.sessions.all()),
        "sessions_slot": sessions_slot,
    }


def has_letter(meeting):
    return bool(meeting.letter_sections.all())


def has_programme(meeting):
    return bool(meeting.programme_days.all())


def render_pdf(template_name, context):
    # Imported here: loading WeasyPrint takes half a second and logs its user-agent stylesheet,
    # which every manage.py command and web worker importing this module would otherwise pay.
    from klmeetings.documents import render_pdf

    return render_pdf(template_name, context)


def invitation_pdf(meeting):
    """The invitation letter as PDF bytes; `meeting` from meeting_for_documents()."""
    return render_pdf("pdf/invitation.html", invitation_context(meeting))


def programme_pdf(meeting):
    """The programme as PDF bytes; `meeting` from meeting_for_documents()."""
    return render_pdf("pdf/programme.html", programme_context(meeting))


def document_filename(meeting, document):
    """'invitation-2020-08-13-politisk-moede-....pdf'."""
    local = timezone.localtime(meeting.starts_at)
    return f"{document}-{local:%Y-%m-%d}-{danish_slug(meeting.title)[:60]}.pdf"


def danish_slug(text):
    for letter, spelled in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(letter, spelled).replace(letter.upper(), spelled.capitalize())
    return slugify(text)


def meeting_documents(meeting):
    """(filename, bytes) of each PDF the meeting has: its invitation letter, its programme."""
    documents = []
    if has_letter(meeting):
        documents.append((document_filename(meeting, "invitation"), invitation_pdf(meeting)))
    if has_programme(meeting):
        documents.append((document_filename(meeting, "program"), programme_pdf(meeting)))
    return documents


def write_documents(meeting, directory):
    """Write the meeting's PDFs, and those the apps contribute, into `directory`; the paths
    written."""
    paths = []
    for filename, pdf in meeting_documents(meeting) + contributions.documents(meeting):
        path = directory / filename
        path.write_bytes(pdf)
        paths.append(path)
    return paths


@transaction.atomic
def copy_programme(source, target):
    """Copy the programme of `source` (days, slots with their themes and speakers, parallel
    sessions with theirs) into `target`, its days moved by the distance between the two
    meetings' first days: "this year's conference, like last year's". Returns the number of
    slots copied. The target must not have a programme of its own yet."""
    offset = (
        timezone.localtime(target.starts_at).date() - timezone.localtime(source.starts_at).date()
    )
    slot_copies = {}
    for day in source.programme_days.prefetch_related("slots__speakers"):
        new_day = ProgrammeDay.objects.create(meeting=target, date=day.date + offset)
        for slot in day.slots.all():
            slot_copies[slot.pk] = (slot, _copy_row(slot, day=new_day, theme=None))
    for slot, copy in slot_copies.values():
        if slot.theme_id:
            copy.theme = slot_copies[slot.theme_id][1]
            copy.save(update_fields=["theme"])
        _copy_speakers(slot.speakers.all(), slot=copy)
    for session in source.sessions.prefetch_related("speakers"):
        _copy_speakers(session.speakers.all(), session=_copy_row(session, meeting=target))
    return len(slot_copies)


def _copy_row(row, **changes):
    copy = copy_module.copy(row)
    copy.pk = None
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def _copy_speakers(speakers, **owner):
    for speaker in speakers:
        _copy_row(speaker, **{"slot": None, "session": None, **owner})


@transaction.atomic
def copy_meeting(source, starts_at, title=None):
    """A new draft like `source` ("Kopiér møde": a KKR meets five or six times a year in the
    same shape): its fields, invited, letter with sections, signatories, preliminary agenda and
    attachments, its programme, and what the apps add (registration settings and mailings),
    every time moved by the distance between the two starts. Not the people signed up, the
    agenda or the letter date. A title left as it was gets the new date and year. Returns the
    copy."""
    delta = starts_at - source.starts_at
    copy = _copy_row(
        source,
        status=Meeting.Status.DRAFT,
        title=_moved_title(source, starts_at) if title in (None, source.title) else title,
        starts_at=source.starts_at + delta,
        ends_at=source.ends_at + delta,
        registration_deadline=source.registration_deadline and source.registration_deadline + delta,
        registration_slug=_free_slug(source.registration_slug, starts_at),
        letter_date=None,
        document_number="",
    )
    copy.invited_municipalities.set(source.invited_municipalities.all())
    copy.co_organisers.set(source.co_organisers.all())
    for rows in (
        source.letter_sections.all(),
        source.signatories.all(),
        source.preliminary_agenda.all(),
        source.attachments.all(),
    ):
        for row in rows:
            _copy_row(row, meeting=copy)
    copy_programme(source, copy)
    signals.meeting_copied.send(Meeting, source=source, copy=copy, delta=delta)
    return copy


def _moved_title(source, starts_at):
    """`source`'s title with its date and year moved to `starts_at`: "Forum 2022" becomes
    "Forum 2023", "Møde den 30. august 2021" becomes "Møde den 29. august 2022"."""
    title = source.title.replace(danish_date(source.starts_at), danish_date(starts_at))
    old_year, new_year = (
        timezone.localtime(moment).year for moment in (source.starts_at, starts_at)
    )
    return re.sub(rf"\b{old_year}\b", str(new_year), title)


def _free_slug(slug, starts_at):
    """'kkr-midt' or 'kkr-midt-2026-11-02' -> 'kkr-midt-2027-03-01' (the new date, once), or
    None when taken or when there was none."""
    if not slug:
        return None
    slug = SLUG_DATE.sub("", slug)
    new = f"{slug[:68]}-{timezone.localtime(starts_at):%Y-%m-%d}"
    return None if Meeting.objects.filter(registration_slug=new).exists() else new


SLUG_DATE = re.compile(r"-\d{4}-\d{2}-\d{2}$")


class StateError(ValidationError):
    """A meeting cannot go to the state asked for (a cancelled meeting is not published)."""


def publish_meeting(meeting):
    """A draft becomes public: its page, feeds and .ics, and its tilmeld link opens."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status == Meeting.Status.CANCELLED:
            raise StateError("Mødet er aflyst og kan ikke offentliggøres.")
        if meeting.status == Meeting.Status.DRAFT:
            meeting.status = Meeting.Status.PUBLISHED
            meeting.save(update_fields=["status", "updated_at"])
    return meeting


def cancel_meeting(meeting):
    """Cancel the meeting: its page says "Aflyst", its tilmeld link closes and the apps built on
    meetings act on it in the same transaction (the people signed up are told by e-mail
    through the outbox). Returns their sentences for the secretary."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status == Meeting.Status.CANCELLED:
            raise StateError("Mødet er allerede aflyst.")
        meeting.status = Meeting.Status.CANCELLED
        meeting.save(update_fields=["status", "updated_at"])
        replies = signals.meeting_cancelled.send(Meeting, meeting=meeting)
    return [sentence for _receiver, sentence in replies if sentence]
