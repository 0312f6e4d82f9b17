"""When someone cancels, the first on the waiting list who fits gets the seat and an e-mail,
delivered by a real Celery worker to an SMTP server on loopback."""

import datetime

import pytest

from outbox.models import Message
from registrations.models import Registration, RegistrationSettings
from registrations.services import registration as services
from registrations.services import waiting_list
from tests import factories
from tests.support import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_cancellation_promotes_the_first_waiting_who_gets_an_email(smtp_server, celery_worker):
    meeting = factories.meeting(capacity=2)
    first, _second, third, fourth = (
        services.register(meeting, factories.registration_data(n)).registration for n in range(1, 5)
    )
    assert [r.status for r in Registration.objects.order_by("queued_at")] == [
        "confirmed",
        "confirmed",
        "waiting",
        "waiting",
    ]
    assert wait_for(lambda: len(smtp_server.messages) == 4)

    promoted = waiting_list.cancel(first)

    assert [r.pk for r in promoted] == [third.pk]
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == "confirmed" and third.waiting_reason == ""
    assert fourth.status == "waiting" and fourth.waiting_reason == "Mødet er fuldt."
    assert wait_for(lambda: len(smtp_server.messages) == 6)
    assert wait_for(lambda: not Message.objects.exclude(status="sent").exists())
    to_third = [m["Subject"] for m in smtp_server.messages if m["To"] == third.email]
    assert to_third == [
        f"Du er på venteliste: {meeting.title}",
        f"Du har fået en plads: {meeting.title}",
    ]
    mail = next(m for m in smtp_server.messages if m["Subject"].startswith("Du har fået"))
    body = mail.get_body(("plain",)).get_content()
    assert "du er nu tilmeldt" in body
    assert f"/tilmeld/{meeting.registration_slug}/min-tilmelding/{third.secret}/" in body
    ics = next(mail.iter_attachments())
    assert ics.get_filename() == "moede.ics"
    assert "SUMMARY:Social- og Sundhedspolitisk Forum" in ics.get_content().replace("\r\n ", "")
    cancelled = next(m for m in smtp_server.messages if m["Subject"].startswith("Du er afmeldt"))
    assert cancelled["To"] == first.email


def test_a_rush_of_registrations_is_told_over_one_connection_each_once(smtp_server, celery_worker):
    """The e-mails committed within a second share one sweep, not a task and an SMTP
    connection each."""
    meeting = factories.meeting(capacity=5)
    for n in range(20):
        services.register(meeting, factories.registration_data(n))
    addresses = sorted(f"politiker{n}@example.dk" for n in range(20))
    assert wait_for(lambda: len(smtp_server.messages) == 20)
    assert sorted(smtp_server.recipients()) == addresses
    subjects = [m["Subject"].split(":")[0] for m in smtp_server.messages]
    assert subjects.count("Bekræftelse af tilmelding") == 5
    assert subjects.count("Du er på venteliste") == 15
    assert len(smtp_server.sessions) <= 3
    assert wait_for(lambda: not Message.objects.exclude(status="sent").exists())


def test_promotion_skips_someone_waiting_for_a_full_session_and_says_why():
    meeting = factories.meeting(capacity=3)
    small = factories.session(meeting, 1, capacity=1)
    large = factories.session(meeting, 2)
    in_small = services.register(
        meeting, factories.registration_data(1, session=small)
    ).registration
    services.register(meeting, factories.registration_data(2, session=large))
    leaving = services.register(meeting, factories.registration_data(3, session=large)).registration
    waits_for_small = services.register(
        meeting, factories.registration_data(4, session=small)
    ).registration
    waits_for_any = services.register(
        meeting, factories.registration_data(5, session=large)
    ).registration
    assert waits_for_small.waiting_reason == "Mødet er fuldt."

    waiting_list.cancel(leaving)

    waits_for_small.refresh_from_db()
    waits_for_any.refresh_from_db()
    assert waits_for_small.status == "waiting"
    assert waits_for_small.waiting_reason == "Session 1 er fuld."
    assert waits_for_any.status == "confirmed"
    # The seat in session 1 frees up: the one waiting for it gets it.
    waiting_list.cancel(in_small)
    waits_for_small.refresh_from_db()
    assert waits_for_small.status == "confirmed"


def test_cancelling_twice_promotes_once():
    meeting = factories.meeting(capacity=1)
    first = services.register(meeting, factories.registration_data(1)).registration
    services.register(meeting, factories.registration_data(2))
    services.register(meeting, factories.registration_data(3))
    assert len(waiting_list.cancel(first)) == 1
    assert waiting_list.cancel(first) == []
    assert Registration.objects.filter(status="confirmed").count() == 1


def test_cancelling_once_the_meeting_has_begun_is_refused_except_by_staff():
    """The cut-off lives in the service: after the start nothing changes and no seat moves,
    but the secretariat can still cancel (the admin's action)."""
    meeting = factories.meeting(capacity=1)
    first = services.register(meeting, factories.registration_data(1)).registration
    waiting = services.register(meeting, factories.registration_data(2)).registration
    first.meeting = meeting
    begun = meeting.starts_at + datetime.timedelta(minutes=1)
    assert services.can_cancel(first, meeting.starts_at - datetime.timedelta(minutes=1))
    assert not services.can_cancel(first, begun)

    with pytest.raises(services.RegistrationClosed, match="Mødet er begyndt"):
        waiting_list.cancel(first, now=begun)
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.status, waiting.status) == ("confirmed", "waiting")

    assert [r.pk for r in waiting_list.cancel(first, now=begun, by_staff=True)] == [waiting.pk]
    first.refresh_from_db()
    assert first.status == "cancelled"


def test_more_seats_from_the_secretariat_promote_in_sign_up_order():
    meeting = factories.meeting(capacity=1)
    for n in range(1, 5):
        services.register(meeting, factories.registration_data(n))
    meeting.registration_settings.capacity = 3
    meeting.registration_settings.save()
    promoted = waiting_list.promote_waiting(meeting)
    assert [r.email for r in promoted] == ["politiker2@example.dk", "politiker3@example.dk"]
    assert Message.objects.filter(subject__startswith="Du har fået en plads").count() == 2


def test_moving_to_another_session_gives_the_old_seat_to_the_waiting_list():
    meeting = factories.meeting()
    first = factories.session(meeting, 1, capacity=1)
    second = factories.session(meeting, 2)
    services.register(meeting, factories.registration_data(1, session=first))
    waiting = services.register(meeting, factories.registration_data(2, session=first)).registration
    assert waiting.status == "waiting"
    outcome = services.register(meeting, factories.registration_data(1, session=second))
    assert outcome.registration.status == "confirmed"
    assert [r.pk for r in outcome.promoted] == [waiting.pk]
    waiting.refresh_from_db()
    assert waiting.status == "confirmed" and waiting.session == first


def test_a_registration_that_waited_for_the_lock_finds_the_meeting_cancelled_meanwhile():
    """The meeting object in hand was read before the secretary cancelled the meeting; under
    the seat lock the registration sees the committed state and is refused."""
    from meetings.models import Meeting
    from registrations.services.registration import RegistrationClosed, register

    meeting = factories.meeting(capacity=10)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    with pytest.raises(RegistrationClosed):
        register(meeting, factories.registration_data(1))
    assert not meeting.registrations.exists()


def test_cancelling_a_meeting_tells_everyone_registered_once():
    from meetings.services import cancel_meeting
    from outbox.models import Message
    from registrations.services.registration import register

    meeting = factories.meeting(capacity=1)
    register(meeting, factories.registration_data(1))
    register(meeting, factories.registration_data(2))  # on the waiting list
    cancel_meeting(meeting)
    told = Message.objects.filter(key__startswith=f"cancelled:{meeting.pk}:")
    assert sorted(told.values_list("to", flat=True)) == [
        "politiker1@example.dk",
        "politiker2@example.dk",
    ]


def test_seats_added_to_a_long_waiting_list_are_counted_once_under_the_lock(
    django_assert_max_num_queries,
):
    """The secretariat adds a seat to a full meeting with 60 waiting: the first in line gets
    it, and the seats are counted once for the walk down the list, not once for each who
    waits, all the while holding the lock every registration at the meeting waits for."""
    meeting = factories.meeting(capacity=2)
    for number in range(62):
        services.register(meeting, factories.registration_data(number))
    RegistrationSettings.objects.filter(meeting=meeting).update(capacity=3)
    # BEGIN, the lock timeout, the lock, the seats, the sessions' seats, the waiting list, the
    # promoted one's row, the organiser for the e-mail and the e-mail, COMMIT
    with django_assert_max_num_queries(10):
        promoted = waiting_list.promote_waiting(meeting)
    assert [r.email for r in promoted] == [factories.registration_data(2)["email"]]
    waiting = Registration.objects.filter(meeting=meeting, status="waiting")
    assert waiting.count() == 59
    assert set(waiting.values_list("waiting_reason", flat=True)) == {"Mødet er fuldt."}
