"""E-mails go through the outbox: a row in the database, delivered by a real Celery worker on
the real Redis to a real SMTP server on loopback."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from outbox import services
from outbox.models import Message
from tests.support import free_port, wait_for


@pytest.mark.django_db(transaction=True)
def test_a_worker_delivers_an_enqueued_email_after_commit(smtp_server, celery_worker):
    with transaction.atomic():
        message = services.enqueue(
            "borgmester@example.dk",
            "Bekræftelse af tilmelding",
            "Du er tilmeldt.",
            "<p>Du er tilmeldt.</p>",
            attachments=[("moede.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
        )
    assert wait_for(lambda: Message.objects.get(pk=message.pk).status == "sent")
    assert len(smtp_server.messages) == 1
    received = smtp_server.messages[0]
    assert received["To"] == "borgmester@example.dk"
    assert received["Subject"] == "Bekræftelse af tilmelding"
    assert received.get_body(("plain",)).get_content().strip() == "Du er tilmeldt."
    assert [part.get_filename() for part in received.iter_attachments()] == ["moede.ics"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_sends_nothing(smtp_server, celery_worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.enqueue("a@example.dk", "Emne", "Tekst")
        raise RuntimeError("registration failed")
    assert Message.objects.count() == 0
    assert services.sweep() == 0, "nothing for a sweep to send either"
    assert smtp_server.messages == []


@pytest.mark.django_db(transaction=True)
def test_the_same_key_is_written_and_sent_once(smtp_server, celery_worker):
    for _ in range(3):
        services.enqueue("a@example.dk", "Påmindelse", "Husk fristen", key="reminder:1:a")
    assert Message.objects.count() == 1
    assert wait_for(lambda: Message.objects.get().status == "sent")
    assert services.sweep() == 0, "one more sweep finds nothing to send"
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_delivering_twice_sends_once(smtp_server):
    message = services.enqueue("a@example.dk", "Emne", "Tekst")
    assert services.deliver(message.pk) == "sent"
    assert services.deliver(message.pk) == "sent"
    assert len(smtp_server.messages) == 1


def come_due(message):
    """Time passes until the message's next attempt."""
    Message.objects.filter(pk=message.pk).update(next_attempt_at=message.created_at)


@pytest.mark.django_db(transaction=True)
def test_a_server_that_refuses_for_a_while_gets_retried_with_backoff_then_one_email(
    smtp_server,
):
    smtp_server.refuse(3)
    message = services.enqueue("a@example.dk", "Emne", "Tekst")
    delays = []
    for attempt in (1, 2, 3):
        assert services.sweep() == 1
        message.refresh_from_db()
        assert (message.status, message.attempts) == ("queued", attempt)
        assert "451" in message.last_error
        delays.append((message.next_attempt_at - message.claimed_at).total_seconds())
        assert services.sweep() == 0, "not due before its backoff"
        come_due(message)
    assert delays == [30, 60, 120]
    assert services.sweep() == 1
    assert services.sweep() == 0
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("sent", 4, "")
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_a_permanent_refusal_fails_at_once_and_the_sixth_temporary_one_fails_too(smtp_server):
    smtp_server.refuse(1, "550 Ukendt modtager")
    smtp_server.refuse(6, "451 Prøv igen senere")
    permanent = services.enqueue("ukendt@example.dk", "Permanent", "Tekst")
    temporary = services.enqueue("b@example.dk", "Midlertidig", "Tekst")
    for _ in range(services.MAX_ATTEMPTS):
        services.sweep()
        come_due(temporary)
    permanent.refresh_from_db()
    temporary.refresh_from_db()
    assert (permanent.status, permanent.attempts) == ("failed", 1)
    assert "550" in permanent.last_error
    assert (temporary.status, temporary.attempts) == ("failed", services.MAX_ATTEMPTS)
    assert smtp_server.messages == []


@pytest.mark.django_db(transaction=True)
def test_an_smtp_server_that_is_down_delays_the_email(settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2},
        }
    }
    message = services.enqueue("a@example.dk", "Emne", "Tekst")
    assert services.deliver(message.pk) == "queued"
    message.refresh_from_db()
    assert message.attempts == 1 and message.last_error


@pytest.mark.django_db(transaction=True)
def test_a_row_left_sending_by_a_dead_worker_is_released_after_the_stuck_window(
    smtp_server, settings
):
    settings.OUTBOX_STUCK_SECONDS = 60
    message = services.enqueue("a@example.dk", "Emne", "Tekst")
    now = timezone.now()
    Message.objects.filter(pk=message.pk).update(status="sending", claimed_at=now, attempts=1)
    assert services.sweep() == 0, "a live worker may still hold it"
    Message.objects.filter(pk=message.pk).update(claimed_at=now - timedelta(seconds=61))
    assert services.sweep() == 1
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_an_email_from_templates_has_danish_text_and_html(smtp_server):
    message = services.enqueue_template("a@example.dk", "test", {"sender": "Sekretariatet"})
    services.deliver(message.pk)
    received = smtp_server.messages[0]
    assert received["Subject"] == "Prøve fra Sekretariatet"
    assert "sendt af Sekretariatet" in received.get_body(("plain",)).get_content()
    html = received.get_body(("html",)).get_content()
    assert '<html lang="da">' in html and "sendt af Sekretariatet" in html


@pytest.mark.django_db(transaction=True)
def test_plain_text_keeps_apostrophes_and_the_html_part_escapes_them(smtp_server):
    message = services.enqueue_template("a@example.dk", "test", {"sender": "KL's <sekretariat>"})
    services.deliver(message.pk)
    received = smtp_server.messages[0]
    assert received["Subject"] == "Prøve fra KL's <sekretariat>"
    assert "sendt af KL's <sekretariat>." in received.get_body(("plain",)).get_content()
    assert "KL&#x27;s &lt;sekretariat&gt;" in received.get_body(("html",)).get_content()
