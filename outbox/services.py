"""Writing e-mails into the outbox and delivering them, each exactly once.

The outbox knows nothing of meetings or registrations: callers give it finished texts.
"""

import base64
import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Message

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# A row left "sending" this long belongs to a worker that died; the sweep puts it back in the
# queue. This is the one window in which an e-mail can go out twice: SMTP accepted it and the
# worker died before it wrote "sent".
STUCK_AFTER = timedelta(minutes=10)


def enqueue(to, subject, body_text, body_html="", attachments=(), key=None):
    """Write an e-mail into the outbox, to be sent when the surrounding transaction commits.

    `attachments` are (filename, bytes, mimetype). With a `key`, a second call with the same
    key writes nothing and returns the first row: callers use it for "once per recipient".
    """
    values = {
        "to": to,
        "subject": subject,
        "body_text": body_text,
        "body_html": body_html,
        "attachments": [
            {
                "filename": filename,
                "mimetype": mimetype,
                "content_base64": base64.b64encode(content).decode("ascii"),
            }
            for filename, content, mimetype in attachments
        ],
    }
    if key is None:
        message = Message.objects.create(**values)
    else:
        try:
            with transaction.atomic():
                message = Message.objects.create(key=key, **values)
        except IntegrityError:
            return Message.objects.get(key=key)
    transaction.on_commit(lambda: _send_task(message.pk))
    return message


def enqueue_template(to, template, context, attachments=(), key=None):
    """Like enqueue(), with the texts rendered from templates/email/<template>_subject.txt,
    <template>.txt and <template>.html (the last is optional)."""
    subject = " ".join(render_to_string(f"email/{template}_subject.txt", context).split())
    body_text = render_to_string(f"email/{template}.txt", context)
    try:
        body_html = render_to_string(f"email/{template}.html", context)
    except TemplateDoesNotExist:
        body_html = ""
    return enqueue(to, subject, body_text, body_html, attachments, key)


def _send_task(message_id):
    """Tell a worker to deliver now. If the broker is down, the sweep delivers it later."""
    from .tasks import deliver_message

    try:
        deliver_message.apply_async((message_id,), retry=False)
    except Exception:  # noqa: BLE001 - any broker error: the row is safe, the sweep sends it
        logger.warning("Broker unreachable; message %s waits for the sweep", message_id)


def _backoff(attempts):
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


def deliver(message_id):
    """Send one queued message. Returns its status afterwards.

    1. Claim the row with a conditional update: only one worker can move it from queued to
       sending, so a retried or duplicated task sends nothing.
    2. Hand it to SMTP.
    3. Mark it sent; on a temporary failure put it back with a growing delay; on a permanent
       one (5xx) or after MAX_ATTEMPTS mark it failed, where the secretariat sees it.
    """
    now = timezone.now()
    claimed = Message.objects.filter(
        pk=message_id, status=Message.Status.QUEUED, next_attempt_at__lte=now
    ).update(status=Message.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    message = Message.objects.filter(pk=message_id).first()
    if message is None or not claimed:
        return message and message.status
    try:
        _to_email(message).send()
    except (smtplib.SMTPException, OSError) as error:
        permanent = isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500
        if permanent or message.attempts >= MAX_ATTEMPTS:
            status, next_attempt_at = Message.Status.FAILED, message.next_attempt_at
        else:
            status, next_attempt_at = Message.Status.QUEUED, now + _backoff(message.attempts)
        Message.objects.filter(pk=message.pk).update(
            status=status, next_attempt_at=next_attempt_at, last_error=str(error)[:2000]
        )
        return status
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return Message.Status.SENT


def _to_email(message):
    email = EmailMultiAlternatives(message.subject, message.body_text, to=[message.to])
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments:
        email.attach(
            attachment["filename"],
            base64.b64decode(attachment["content_base64"]),
            attachment["mimetype"],
        )
    return email


def due_message_ids(limit=1000):
    """Release rows whose worker died, then return the queued rows that are due."""
    now = timezone.now()
    Message.objects.filter(status=Message.Status.SENDING, claimed_at__lt=now - STUCK_AFTER).update(
        status=Message.Status.QUEUED
    )
    return list(
        Message.objects.filter(status=Message.Status.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
