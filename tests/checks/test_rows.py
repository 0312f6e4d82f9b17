"""The rows written and read by klmeetings.rows, not by the ORM, are the rows the ORM would
write and read: the outbox's e-mails and the settings the seat lock reads."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from meetings.models import Meeting
from outbox import services as outbox
from outbox.models import Message
from registrations.models import FieldMode, RegistrationSettings
from registrations.services import registration as services
from tests import factories

pytestmark = pytest.mark.django_db


def _fields(row, leave_out=()):
    return {
        field.attname: getattr(row, field.attname)
        for field in type(row)._meta.concrete_fields
        if field.attname not in leave_out
    }


def test_an_enqueued_email_is_the_row_the_orm_would_write():
    texts = ("Bekræftelse: Kommunalpolitisk Topmøde", "Kære Ærø\n", "<p>Kære Ærø</p>")
    calendar = [("moede.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")]
    with transaction.atomic():
        written = outbox.enqueue("borgmester@aeroe.dk", *texts, attachments=calendar)
        by_orm = Message.objects.create(**outbox._values("borgmester@aeroe.dk", *texts, calendar))
    assert written.pk is not None and not written._state.adding
    read, expected = Message.objects.get(pk=written.pk), Message.objects.get(pk=by_orm.pk)
    moments = ("id", "created_at", "next_attempt_at")
    assert _fields(read, moments) == _fields(expected, moments)
    assert _fields(read) == _fields(written), "the instance holds what was written"
    assert abs(read.created_at - timezone.now()) < datetime.timedelta(minutes=1)
    assert read.next_attempt_at <= timezone.now()
    assert read.attachments[0]["filename"] == "moede.ics"


def test_a_keyed_email_is_written_once_and_the_first_row_is_returned():
    first = outbox.enqueue("a@example.dk", "Påmindelse", "Husk fristen", key="reminder:1:a")
    again = outbox.enqueue("a@example.dk", "Påmindelse", "Husk fristen", key="reminder:1:a")
    assert again.pk == first.pk
    assert Message.objects.filter(key="reminder:1:a").count() == 1


def test_the_seat_lock_reads_the_settings_as_the_orm_does():
    meeting = factories.meeting(capacity=40)
    RegistrationSettings.objects.filter(meeting=meeting).update(
        opens_at=timezone.now() - datetime.timedelta(days=2),
        closes_at=timezone.now() + datetime.timedelta(days=3),
        dinner_label="Middag på Hotel Koldingfjord",
        phone_mode=FieldMode.REQUIRED,
        reminder_days="7, 2",
    )
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    with services.seat_lock(meeting) as locked:
        expected = RegistrationSettings.objects.get(meeting=meeting)
        assert _fields(locked) == _fields(expected)
        assert not locked._state.adding
        assert locked.meeting is meeting
    assert meeting.status == Meeting.Status.CANCELLED, "the meeting's status is read afresh"
