"""Reminders before the deadline, with the real parts: a real Celery worker on the real Redis
and a real SMTP server on loopback. Each invitee who has not registered gets each reminder
once, however many sweeps run at the same time; whoever registered before the sweep gets
none; a moved deadline moves the reminder, also when it moves while a sweep is running."""

import datetime
import logging
import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from klmeetings.celery import app
from outbox.models import Message
from registrations.models import MailingRun
from registrations.services import mailings
from registrations.services import registration as services
from tests import factories
from tests.support import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

MINUTE = datetime.timedelta(minutes=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def quiet_smtp_server():
    """aiosmtpd logs every SMTP command; at 200 e-mails that is most of the server's time."""
    log = logging.getLogger("mail.log")
    level = log.level
    log.setLevel(logging.WARNING)
    yield
    log.setLevel(level)


def reminder_due(meeting, days=7):
    reg_settings = services.settings_for(meeting)
    slug = f"reminder-{days}"
    return next(m for m in mailings.plan(meeting, reg_settings) if m.slug == slug).due_at


def reminded(handler):
    with handler.lock:
        return [m["To"] for m in handler.messages if m["Subject"].startswith("Husk at tilmelde")]


def sweeps_at_once(now, count=2):
    """`count` sweeps in threads with their own database connections, made to pass the
    check that the mailing is due before either writes it."""
    barrier = threading.Barrier(count)
    original = mailings.attachments
    results, errors = [], []

    def together(meeting, mailing):
        barrier.wait(30)
        return original(meeting, mailing)

    def sweep():
        try:
            results.append(mailings.send_due_mailings(now=now))
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    mailings.attachments = together
    try:
        threads = [threading.Thread(target=sweep) for _ in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        mailings.attachments = original
    assert errors == []
    return results


def test_200_invitees_get_the_deadline_reminder_exactly_once_while_two_sweeps_run_at_once(
    smtp_server, celery_worker
):
    meeting = factories.meeting(invitees=200)
    invited = factories.invitations(meeting)
    now = reminder_due(meeting) + MINUTE
    # Ten registered long ago; five after the reminder fell due, just before the sweeps.
    for invitation in invited[:10]:
        factories.register_invitee(invitation, now=now - 10 * DAY)
    for invitation in invited[10:15]:
        factories.register_invitee(invitation, now=now)
    expected = sorted(invitation.person.email for invitation in invited[15:])

    started = time.monotonic()
    results = sweeps_at_once(now)
    assert wait_for(lambda: len(reminded(smtp_server)) >= 185, 60)
    elapsed = time.monotonic() - started
    # Beat's next run, a minute later, finds the reminder done.
    assert mailings.send_due_mailings(now=now + MINUTE) == []
    assert wait_for(lambda: not Message.objects.exclude(status="sent").exists(), 20)

    assert sorted(reminded(smtp_server)) == expected
    # One sweep wrote the mailing; the other waited for the lock and found it done.
    assert sorted(len(runs) for runs in results) == [0, 1]
    run = MailingRun.objects.get()
    assert (run.mailing, run.status, run.recipients) == ("reminder-7", "sent", 185)
    assert set(
        Message.objects.filter(key__contains="reminder").values_list("attempts", flat=True)
    ) == {1}
    print(f"\n185 reminders written by two sweeps at once and delivered in {elapsed:.2f} s")


def test_without_the_lock_the_keys_still_send_each_reminder_once(monkeypatch):
    """The control: with the meeting's lock off, both sweeps write the mailing at once; the
    unique key per recipient and the unique done record still let each e-mail out once."""
    meeting = factories.meeting(invitees=50)
    now = reminder_due(meeting) + MINUTE
    monkeypatch.setattr(services, "_lock_settings", lambda meeting: services.settings_for(meeting))
    results = sweeps_at_once(now)
    assert sorted(len(runs) for runs in results) == [0, 1]
    keys = list(Message.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == 50


def test_a_deadline_moved_later_before_the_sweep_moves_the_reminder():
    meeting = factories.meeting(invitees=3)
    old_due = reminder_due(meeting)
    meeting.registration_deadline += 10 * DAY
    meeting.save()
    assert mailings.send_due_mailings(now=old_due + MINUTE) == []
    assert Message.objects.count() == 0
    runs = mailings.send_due_mailings(now=old_due + 10 * DAY + MINUTE)
    [run] = [run for run in runs if run.mailing == "reminder-7"]
    assert run.due_at == old_due + 10 * DAY
    assert Message.objects.count() == 3


def test_a_deadline_moved_while_a_sweep_runs_makes_its_stale_reminder_do_nothing():
    meeting = factories.meeting(invitees=3)
    now = reminder_due(meeting) + MINUTE
    original = mailings.attachments

    def meanwhile(meeting_, mailing):
        # The secretariat moves the deadline after the sweep found the reminder due.
        meeting.registration_deadline += 10 * DAY
        meeting.save()
        return original(meeting_, mailing)

    mailings.attachments = meanwhile
    try:
        assert mailings.send_due_mailings(now=now) == []
    finally:
        mailings.attachments = original
    assert Message.objects.count() == MailingRun.objects.count() == 0


def test_a_deadline_moved_earlier_makes_the_reminder_due_at_once():
    meeting = factories.meeting(invitees=2)
    now = timezone.now()
    assert mailings.send_due_mailings(now=now) == []
    meeting.registration_deadline = now + 6 * DAY
    meeting.save()
    [run] = mailings.send_due_mailings(now=now)
    assert run.mailing == "reminder-7" and run.recipients == 2


def test_beat_runs_the_sweep_every_minute_and_the_worker_sends_the_due_reminder(
    smtp_server, celery_worker
):
    schedule = app.conf.beat_schedule["mailings-sweep"]
    assert (schedule["task"], schedule["schedule"]) == ("registrations.tasks.send_due_mailings", 60)
    # The deadline is a day away: the 7-day reminder is passed over for the 2-day one.
    meeting = factories.meeting(invitees=3, registration_deadline=timezone.now() + DAY)
    factories.register_invitee(factories.invitations(meeting)[0])
    app.send_task("registrations.tasks.send_due_mailings")
    assert wait_for(lambda: len(reminded(smtp_server)) == 2, 30)
    assert sorted(reminded(smtp_server)) == ["inviteret1@example.dk", "inviteret2@example.dk"]
    assert dict(MailingRun.objects.values_list("mailing", "status")) == {
        "reminder-7": "skipped",
        "reminder-2": "sent",
    }
