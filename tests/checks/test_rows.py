"""The rows written and read by klmeetings.rows, not by the ORM, are the rows the ORM would
write and read: a registration and its e-mail, and the settings the seat lock reads."""

import datetime

import pytest
from django.db import transaction
from django.db.models import signals
from django.utils import timezone

from klmeetings import rows
from meetings.models import Meeting
from outbox import services as outbox
from outbox.models import Message
from registrations.models import (
    FieldMode,
    Invitation,
    Registration,
    RegistrationSettings,
    find_by_secret,
)
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


def test_a_new_registration_is_the_row_the_orm_would_write_and_its_signals_are_sent():
    meeting = factories.meeting(capacity=40)
    sent = []

    def receiver(signal, sender, instance, **kwargs):
        sent.append((signal, instance.pk, kwargs.get("created")))

    def made(number):
        data = factories.registration_data(number, dinner=True, comment="Kommer med toget")
        data.pop("consent")
        return Registration(meeting=meeting, status=Registration.Status.CONFIRMED, **data)

    signals.pre_save.connect(receiver, sender=Registration)
    signals.post_save.connect(receiver, sender=Registration)
    try:
        written, by_orm = rows.insert(made(1)), made(2)
        by_orm.save()
    finally:
        signals.pre_save.disconnect(receiver, sender=Registration)
        signals.post_save.disconnect(receiver, sender=Registration)
    assert [(signal, created) for signal, _, created in sent[:2]] == [
        (signals.pre_save, None),
        (signals.post_save, True),
    ]
    assert sent[1][1] == written.pk
    read, expected = Registration.objects.get(pk=written.pk), Registration.objects.get(pk=by_orm.pk)
    own = (
        "id",
        "email",
        "name",
        "secret",
        "secret_digest",
        "queued_at",
        "created_at",
        "updated_at",
    )
    assert _fields(read, own) == _fields(expected, own)
    assert _fields(read) == _fields(written), "the instance holds what was written"
    assert find_by_secret(Registration.objects.all(), written.secret) == read


def test_an_invitation_made_in_bulk_gets_its_digest():
    meeting = factories.meeting(invitees=2)
    for invitation in Invitation.objects.filter(meeting=meeting):
        assert find_by_secret(Invitation.objects.all(), invitation.secret) == invitation
