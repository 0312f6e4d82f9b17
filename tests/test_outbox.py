"""E-mails go through the outbox: a row in the database, delivered by a real Celery worker on
the real Redis to a real SMTP server on loopback."""

import time

import pytest
from django.db import transaction

from outbox import services
from outbox.models import Message


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


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
    time.sleep(1)
    assert Message.objects.count() == 0
    assert smtp_server.messages == []


@pytest.mark.django_db(transaction=True)
def test_the_same_key_is_written_and_sent_once(smtp_server, celery_worker):
    for _ in range(3):
        services.enqueue("a@example.dk", "Påmindelse", "Husk fristen", key="reminder:1:a")
    assert Message.objects.count() == 1
    assert wait_for(lambda: Message.objects.get().status == "sent")
    time.sleep(0.5)
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_delivering_twice_sends_once(smtp_server):
    message = services.enqueue("a@example.dk", "Emne", "Tekst")
    assert services.deliver(message.pk) == "sent"
    assert services.deliver(message.pk) == "sent"
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_a_refusing_server_is_retried_later_and_a_permanent_refusal_fails(smtp_server):
    smtp_server.refuse_next = 1
    message = services.enqueue("a@example.dk", "Emne", "Tekst")
    assert services.deliver(message.pk) == "queued"
    message.refresh_from_db()
    assert message.attempts == 1 and "451" in message.last_error
    Message.objects.filter(pk=message.pk).update(next_attempt_at=message.created_at)
    assert services.due_message_ids() == [message.pk]
    assert services.deliver(message.pk) == "sent"
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
