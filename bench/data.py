"""The data multiplier of the benchmarks and the query-count tests: the demo data grown N-fold,
so that a page whose number of SQL queries grows with its rows (an N+1) shows it.

`multiply(factor)` makes, for every meeting there is:
- N - 1 copies of it as it is, with all its rows, in the weeks after today, so that the list
  of coming meetings has N times as many rows to show;
- then its own rows N-fold, so that its pages have N times as many rows to show: letter
  sections, signatories, preliminary agenda, attachments, the programme slots of each day
  with their speakers, parallel sessions with their speakers;
and the people N-fold. In all about 2N - 1 times the rows of a meeting. Bulk inserts
throughout: seconds, not minutes, for N = 10.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from meetings.models import (
    Attachment,
    LetterSection,
    Meeting,
    ParallelSession,
    Person,
    PreliminaryAgendaItem,
    ProgrammeDay,
    ProgrammeSlot,
    Signatory,
    Speaker,
)

# The rows that belong to one meeting directly, copied field by field.
MEETING_ROWS = [LetterSection, Signatory, PreliminaryAgendaItem, Attachment]


def _values(row, *exclude):
    """The concrete field values of `row`, without its primary key and `exclude`."""
    skip = {"id", *exclude}
    return {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if field.attname not in skip
    }


@transaction.atomic
def multiply(factor):
    """Grow the data `factor`-fold as the module docstring says; a summary string."""
    meetings = list(Meeting.objects.order_by("pk"))
    first_monday = timezone.localdate() + datetime.timedelta(
        days=7 - timezone.localdate().weekday()
    )
    copies = [meeting for meeting in meetings for _ in range(1, factor)]
    for number, meeting in enumerate(copies):
        _copy_meeting(meeting, first_monday + datetime.timedelta(weeks=number))
    for meeting in meetings:
        _grow_meeting(meeting, factor)
    people = list(Person.objects.all())
    Person.objects.bulk_create(
        Person(
            **_values(person, "email") | {"email": person.email and f"kopi{copy}.{person.email}"}
        )
        for copy in range(1, factor)
        for person in people
    )
    return (
        f"{Meeting.objects.count()} møder, {ProgrammeSlot.objects.count()} programpunkter, "
        f"{ParallelSession.objects.count()} sessioner, {Speaker.objects.count()} oplægsholdere, "
        f"{Person.objects.count()} personer"
    )


def _grow_meeting(meeting, factor):
    """The meeting's own rows `factor`-fold, each copy after the originals."""
    for model in MEETING_ROWS:
        rows = list(model.objects.filter(meeting=meeting))
        model.objects.bulk_create(
            model(**_values(row, "position") | {"position": row.position + copy * len(rows)})
            for copy in range(1, factor)
            for row in rows
        )
    for day in meeting.programme_days.all():
        slots = list(day.slots.order_by("pk"))
        for copy in range(1, factor):
            _copy_slots(slots, day, position_offset=copy * 1000)
    sessions = list(meeting.sessions.order_by("number"))
    last = max((session.number for session in sessions), default=0)
    for copy in range(1, factor):
        for session in sessions:
            _copy_session(session, meeting, number=session.number + copy * last)


def _copy_meeting(meeting, date):
    """A copy of `meeting` with all its rows, held on `date` at the same time of day."""
    shift = date - timezone.localtime(meeting.starts_at).date()
    copy = Meeting.objects.create(
        **_values(meeting, "registration_slug", "created_at", "updated_at")
        | {"starts_at": meeting.starts_at + shift, "ends_at": meeting.ends_at + shift}
    )
    copy.invited_municipalities.set(meeting.invited_municipalities.all())
    copy.co_organisers.set(meeting.co_organisers.all())
    for model in MEETING_ROWS:
        model.objects.bulk_create(
            model(**_values(row, "meeting_id") | {"meeting_id": copy.pk})
            for row in model.objects.filter(meeting=meeting)
        )
    for day in meeting.programme_days.all():
        new_day = ProgrammeDay.objects.create(meeting=copy, date=day.date + shift)
        _copy_slots(list(day.slots.order_by("pk")), new_day, position_offset=0)
    for session in meeting.sessions.all():
        _copy_session(session, copy, number=session.number)


def _copy_slots(slots, day, position_offset):
    """Copies of `slots` (with speakers) on `day`; themes map to their copies."""
    themes = {}
    for slot in sorted(slots, key=lambda slot: slot.theme_id is not None):
        new = ProgrammeSlot.objects.create(
            **_values(slot, "day_id", "theme_id", "position")
            | {
                "day_id": day.pk,
                "theme_id": themes.get(slot.theme_id),
                "position": slot.position + position_offset,
            }
        )
        themes[slot.pk] = new.pk
        Speaker.objects.bulk_create(
            Speaker(**_values(speaker, "slot_id") | {"slot_id": new.pk})
            for speaker in slot.speakers.all()
        )


def _copy_session(session, meeting, number):
    new = ParallelSession.objects.create(
        **_values(session, "meeting_id", "number") | {"meeting_id": meeting.pk, "number": number}
    )
    Speaker.objects.bulk_create(
        Speaker(**_values(speaker, "session_id") | {"session_id": new.pk})
        for speaker in session.speakers.all()
    )
