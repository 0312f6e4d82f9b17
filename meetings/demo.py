"""Demo data of the meetings app: the people named in the seed documents, and the meetings of
seeds 000, 001, 002 and 004 with their letters and programme (data in data/seeds/*.toml, read
by demo_seeds.py)."""

from pathlib import Path

from klmeetings import demo

from .demo_seeds import SEEDS
from .models import (
    Attachment,
    LetterSection,
    Meeting,
    Municipality,
    Organiser,
    ParallelSession,
    Person,
    PreliminaryAgendaItem,
    ProgrammeDay,
    ProgrammeSlot,
    Signatory,
    Speaker,
)
from .services import import_people

PEOPLE_CSV = Path(__file__).resolve().parent / "data" / "demo_people.csv"


@demo.loader
def load():
    result = import_people(PEOPLE_CSV.read_text(encoding="utf-8"))
    if result.errors:
        raise ValueError("; ".join(result.errors))
    created = [key for key, seed in SEEDS.items() if create_seed_meeting(seed)]
    return (
        f"{result.created} personer oprettet, {result.updated} opdateret; "
        f"{len(created)} møder oprettet fra eksempeldokumenterne"
    )


def create_seed_meeting(seed):
    """The meeting of one seed with all its rows, published; None (and nothing changed) if it
    exists."""
    values = dict(seed["meeting"])
    organiser = Organiser.objects.get(name=values.pop("organiser"))
    if Meeting.objects.filter(
        organiser=organiser, title=values["title"], starts_at=values["starts_at"]
    ).exists():
        return None
    # a seed that names nobody invites every municipality
    everyone = not (seed.get("invited_municipalities") or seed.get("invited_region"))
    meeting = Meeting(
        organiser=organiser,
        status=Meeting.Status.PUBLISHED,
        invites_all_municipalities=everyone,
        **values,
    )
    meeting.full_clean()
    meeting.save()
    if names := seed.get("invited_municipalities"):
        meeting.invited_municipalities.set(Municipality.objects.filter(name__in=names))
    if region := seed.get("invited_region"):
        meeting.invited_municipalities.set(Municipality.objects.filter(region__name=region))
    if names := seed.get("co_organisers"):
        meeting.co_organisers.set(Organiser.objects.filter(name__in=names))
    LetterSection.objects.bulk_create(
        LetterSection(meeting=meeting, position=position, **section)
        for position, section in enumerate(seed.get("sections", []))
    )
    # Signatories are linked to the demo people of the same name (demo_people.csv).
    people = {person.name: person for person in Person.objects.all()}
    Signatory.objects.bulk_create(
        Signatory(
            meeting=meeting, position=position, person=people.get(signatory["name"]), **signatory
        )
        for position, signatory in enumerate(seed.get("signatories", []))
    )
    PreliminaryAgendaItem.objects.bulk_create(
        PreliminaryAgendaItem(meeting=meeting, position=position, text=text)
        for position, text in enumerate(seed.get("preliminary_agenda", []))
    )
    Attachment.objects.bulk_create(
        Attachment(meeting=meeting, position=position, title=title)
        for position, title in enumerate(seed.get("attachments", []))
    )
    for date, slots in seed.get("days", []):
        day = ProgrammeDay.objects.create(meeting=meeting, date=date)
        for position, slot in enumerate(slots):
            _create_slot(day, slot, position * 10)
    for session in seed.get("sessions", []):
        values = dict(session)
        speakers = values.pop("speakers")
        row = ParallelSession.objects.create(meeting=meeting, **values)
        Speaker.objects.bulk_create(
            Speaker(session=row, position=position, **speaker)
            for position, speaker in enumerate(speakers)
        )
    return meeting


def _create_slot(day, slot, position, theme=None):
    values = dict(slot)
    speakers = values.pop("speakers")
    children = values.pop("slots", [])
    row = ProgrammeSlot.objects.create(day=day, theme=theme, position=position, **values)
    Speaker.objects.bulk_create(
        Speaker(slot=row, position=number, **speaker) for number, speaker in enumerate(speakers)
    )
    for number, child in enumerate(children, start=1):
        _create_slot(day, child, position + number, theme=row)
