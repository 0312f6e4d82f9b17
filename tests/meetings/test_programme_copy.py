"""The secretariat builds this year's conference from last year's programme."""

import datetime

import pytest

from meetings.models import Meeting, ProgrammeSlot, Speaker
from meetings.services import copy_programme
from tests import factories


@pytest.mark.django_db
def test_copying_seed_002_gives_the_same_programme_moved_to_the_new_dates():
    source = factories.meeting(seed="002")
    target = Meeting.objects.create(
        organiser=source.organiser,
        kind=source.kind,
        title="Social- og Sundhedspolitisk Forum 2027",
        starts_at=source.starts_at + datetime.timedelta(days=1694),
        ends_at=source.ends_at + datetime.timedelta(days=1694),
    )
    assert copy_programme(source, target) == 39
    assert [str(day) for day in target.programme_days.all()] == [
        "tirsdag den 12. januar 2027",
        "onsdag den 13. januar 2027",
    ]
    copied = ProgrammeSlot.objects.filter(day__meeting=target)
    original = ProgrammeSlot.objects.filter(day__meeting=source)
    assert [(s.starts_at, s.title, s.kind) for s in copied] == [
        (s.starts_at, s.title, s.kind) for s in original
    ]
    # Themes point at the copies on the new days, never back at last year's rows.
    themed = copied.filter(theme__isnull=False)
    assert themed.count() == original.filter(theme__isnull=False).count() > 0
    assert all(slot.theme.day.meeting_id == target.pk for slot in themed)
    assert [s.title for s in target.sessions.all()] == [s.title for s in source.sessions.all()]
    assert Speaker.objects.filter(session__meeting=target).count() == 12
    assert list(
        Speaker.objects.filter(slot__day__meeting=target).values_list("name", flat=True)
    ) == list(Speaker.objects.filter(slot__day__meeting=source).values_list("name", flat=True))
    # Last year's programme is untouched.
    assert original.count() == 39 and source.sessions.count() == 7
