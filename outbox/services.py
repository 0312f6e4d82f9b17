"""Writing e-mails into the outbox and delivering them, each exactly once.

The outbox knows nothing of the portal's domain: callers give it finished texts.

Exactly once rests on three things:
- a `key` (unique in the database) per recipient and purpose, so a second beat, a retried task
  or a repeated mailing writes no second row;
- rows are claimed before they are sent: one worker moves them from queued to sending (a
  conditional update, or `select_for_update(skip_locked=True)` for a batch), so two workers or
  two sweeps never hold the same row;
- each row is marked sent in its own statement right after the SMTP server accepted it.

A database that is away when a row is to be marked is tried again (`_mark`) until shortly
before the stuck sweep could take the row, so an e-mail the server accepted during a database
blip is not sent again, and the rest of the batch goes on once the database is back.

The one remaining window: the server has the whole e-mail (its final ".") and the worker dies
before its "sent" is written: while it waits for the server's 250, and the local UPDATE after
it. A server keeps a message once it has the "." (RFC 1047), so such a row, left "sending", is
queued again after `OUTBOX_STUCK_SECONDS` and goes out a second time; it carries the same
Message-ID (`message_id()`), so the recipient's mail program can fold the two
(docs/architecture.md and docs/reliability.md give the window measured).
"""

import base64
import logging
import smtplib
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from .models import Message

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# Rows claimed at once by a sweep and sent over one SMTP connection.
BATCH_SIZE = 100
# Publishing the "deliver now" task: an unreachable broker costs a request at most a second.
PUBLISH_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
_broker = threading.local()
# A sweep stops claiming new batches after this long, so beat's next run finds a free worker.
SWEEP_SECONDS = 50
# E-mails a process commits within this time share one sweep (_wake_sweep): the longest a
# single confirmation waits before the worker takes it.
WAKE_SECONDS = 1
_sweep_woken = {"until": 0.0}  # monotonic time until which a sweep published here is due


def stuck_after():
    """A row left "sending" this long belongs to a worker that died."""
    return timedelta(seconds=settings.OUTBOX_STUCK_SECONDS)


def _values(to, subject, body_text, body_html="", attachments=(), key=None, scope=""):
    return {
        "key": key,
        "scope": scope,
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


def enqueue(to, subject, body_text, body_html="", attachments=(), key=None, scope=""):
    """Write an e-mail into the outbox, to be sent when the surrounding transaction commits.

    `attachments` are (filename, bytes, mimetype). With a `key`, a second call with the same
    key writes nothing and returns the first row: callers use it for "once per recipient".
    `scope` says what the e-mail belongs to, in the caller's terms (the outbox only stores
    it): who may see and erase it as personal data.
    """
    values = _values(to, subject, body_text, body_html, attachments, key, scope)
    if key is None:
        message = Message.objects.create(**values)
    else:
        try:
            with transaction.atomic():
                message = Message.objects.create(**values)
        except IntegrityError:
            return Message.objects.get(key=key)
    transaction.on_commit(_wake_sweep)
    return message


def render_text(template_name, context):
    """A plain-text template rendered without HTML escaping: in a text e-mail "KL's" must not
    come out as "KL&#x27;s", and nothing in plain text can run."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def render(template, context):
    """The subject, text and HTML of templates/email/<template>_subject.txt, <template>.txt
    and <template>.html (the last is optional)."""
    subject = " ".join(render_text(f"email/{template}_subject.txt", context).split())
    body_text = render_text(f"email/{template}.txt", context)
    try:
        body_html = render_to_string(f"email/{template}.html", context)
    except TemplateDoesNotExist:
        body_html = ""
    return subject, body_text, body_html


def enqueue_template(to, template, context, attachments=(), key=None, scope=""):
    """Like enqueue(), with the texts rendered from templates (see render())."""
    return enqueue(to, *render(template, context), attachments, key, scope)


def enqueue_many(emails):
    """Write a mailing: many e-mails in a few statements, sent by the sweep after commit.

    `emails` are dicts with the arguments of enqueue(); each should have a `key` (one per
    recipient and mailing) and a `scope`; those whose key is already in the outbox are
    skipped, so running the same mailing twice, or twice at once, sends each e-mail once.
    Returns the number of rows written (counted by key: rows of the same mailing that a
    concurrent run committed meanwhile count too).
    """
    rows = [Message(**_values(**email)) for email in emails]
    keys = [row.key for row in rows if row.key is not None]
    before = Message.objects.filter(key__in=keys).count() if keys else 0
    Message.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    after = Message.objects.filter(key__in=keys).count() if keys else 0
    written = len(rows) - len(keys) + after - before
    # One sweep per batch's worth lets several mail workers share a large mailing.
    for _ in range(min(4, -(-written // BATCH_SIZE))):
        transaction.on_commit(lambda: _send_task("outbox.tasks.sweep_outbox"))
    return written


def _wake_sweep():
    """A sweep for the e-mails just committed. In an invitation's rush each registration's
    e-mail would cost a broker message and an SMTP connection of its own; instead a process
    publishes one sweep that starts WAKE_SECONDS later, and the e-mails it commits until then
    share it: it starts after they were committed, so it finds them (one SMTP connection per
    batch of BATCH_SIZE)."""
    now = time.monotonic()
    if now < _sweep_woken["until"]:
        return
    if _send_task("outbox.tasks.sweep_outbox", countdown=WAKE_SECONDS):
        _sweep_woken["until"] = now + WAKE_SECONDS


def _send_task(name, *args, countdown=None):
    """Tell a worker to deliver now; False if the broker is down (beat's sweep delivers later).

    The connection is this thread's own and gives up at once: kombu's default would keep the
    request waiting for seconds (reconnecting for broker_connection_timeout, even with
    retry=False). A broken one is dropped and the next call connects afresh.
    """
    from klmeetings.celery import app

    connection = getattr(_broker, "connection", None)
    try:
        if connection is None:
            connection = app.connection_for_write(transport_options=PUBLISH_OPTIONS)
            _broker.connection = connection
        connection.ensure_connection(max_retries=0)
        app.send_task(name, args, retry=False, connection=connection, countdown=countdown)
        return True
    except Exception:  # noqa: BLE001 - any broker error: the row is safe, the sweep sends it
        _broker.connection = None
        if connection is not None:
            connection.collect()
        logger.warning("Broker unreachable; %s%s waits for the sweep", name, args)
        return False


def _backoff(attempts):
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


def deliver(message_id):
    """Send one queued message, if it is due and nobody else holds it. Returns its status.

    The claim is a conditional update: only one worker moves the row from queued to sending,
    so a retried or duplicated task sends nothing.
    """
    now = timezone.now()
    claimed = Message.objects.filter(
        pk=message_id, status=Message.Status.QUEUED, next_attempt_at__lte=now
    ).update(status=Message.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    message = Message.objects.filter(pk=message_id).first()
    if message is None or not claimed:
        return message and message.status
    _send_claimed([message], now)
    message.refresh_from_db(fields=["status"])
    return message.status


def deliver_due():
    """Claim up to BATCH_SIZE due rows that no other worker holds and send them over one
    SMTP connection. Returns how many were claimed (0: nothing left to do)."""
    now = timezone.now()
    with transaction.atomic():
        messages = list(
            Message.objects.select_for_update(skip_locked=True)
            .filter(status=Message.Status.QUEUED, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")[:BATCH_SIZE]
        )
        if not messages:
            return 0
        Message.objects.filter(pk__in=[m.pk for m in messages]).update(
            status=Message.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    for message in messages:
        message.attempts += 1
    _send_claimed(messages, now)
    return len(messages)


def release_stuck():
    """Queue again the rows a dead worker left "sending"; fail those that have used up their
    attempts (an e-mail that kills its worker must not kill every worker)."""
    abandoned = Message.objects.filter(
        status=Message.Status.SENDING, claimed_at__lt=timezone.now() - stuck_after()
    )
    abandoned.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Message.Status.FAILED, last_error="Afsendelsen blev afbrudt for mange gange."
    )
    return abandoned.update(status=Message.Status.QUEUED)


def sweep():
    """What beat runs: release abandoned rows, then deliver due batches for a while. Two
    sweeps at once share the work, since each skips the rows the other has locked."""
    release_stuck()
    started = time.monotonic()
    claimed = 0
    while time.monotonic() - started < SWEEP_SECONDS:
        batch = deliver_due()
        if not batch:
            break
        claimed += batch
    return claimed


def _mark(message, claimed_at, **values):
    """Write what became of a claimed row; a database that is away is tried again until
    shortly before the stuck sweep could queue the row again (it will not, while we hold it
    and the database is away, and once the database is back this UPDATE gets through first).
    Giving up earlier would mean a second copy of an e-mail the server accepted."""
    give_up = claimed_at + stuck_after() * 0.9
    delay = 0.1
    while True:
        try:
            return Message.objects.filter(pk=message.pk).update(**values)
        except (OperationalError, InterfaceError):
            if connection.in_atomic_block or timezone.now() > give_up:
                raise
            logger.warning("Database away; marking e-mail %s again in %.1f s", message.pk, delay)
            connection.close()
            time.sleep(delay)
            delay = min(delay * 2, 2)


def _send_claimed(messages, claimed_at):
    """Send claimed rows over one connection, marking each as soon as the server answered.

    A batch that takes longer than half the stuck window gives its unsent rows back, so the
    sweep never queues again a row that a slow but live worker still holds.
    """
    mailer = mailers.default
    deadline = time.monotonic() + stuck_after().total_seconds() / 2
    try:
        for index, message in enumerate(messages):
            if time.monotonic() > deadline:
                for rest in messages[index:]:
                    _mark(
                        rest, claimed_at, status=Message.Status.QUEUED, attempts=F("attempts") - 1
                    )
                return
            _send_one(mailer, message, claimed_at)
    finally:
        try:
            mailer.close()
        except (smtplib.SMTPException, OSError):
            logger.warning("Could not close the SMTP connection cleanly")


def _send_one(mailer, message, claimed_at):
    try:
        # open() keeps the connection for the next message of the batch.
        mailer.open()
        mailer.send_messages([_to_email(message)])
    except (smtplib.SMTPException, OSError, ValueError) as error:
        if not isinstance(error, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused):
            # The connection may be broken: the next message opens a new one.
            try:
                mailer.close()
            except (smtplib.SMTPException, OSError):
                logger.warning("Could not close a broken SMTP connection")
        if _is_permanent(error) or message.attempts >= MAX_ATTEMPTS:
            status, next_attempt_at = Message.Status.FAILED, message.next_attempt_at
        else:
            status = Message.Status.QUEUED
            next_attempt_at = claimed_at + _backoff(message.attempts)
        _mark(
            message,
            claimed_at,
            status=status,
            next_attempt_at=next_attempt_at,
            last_error=str(error)[:2000],
        )
        return
    _mark(message, claimed_at, status=Message.Status.SENT, sent_at=timezone.now(), last_error="")


def _is_permanent(error):
    """5xx from the server, or an address no server will take."""
    if isinstance(error, ValueError):
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return False


def message_id(message):
    """The e-mail's Message-ID, derived from its outbox row: an e-mail sent again after a
    crash is the same message to the recipient's mail program."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "localhost"
    return f"<outbox.{message.pk}.{message.created_at:%Y%m%d%H%M%S}@{domain}>"


def _to_email(message):
    email = EmailMultiAlternatives(
        message.subject,
        message.body_text,
        to=[message.to],
        headers={"Message-ID": message_id(message)},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments:
        email.attach(
            attachment["filename"],
            base64.b64decode(attachment["content_base64"]),
            attachment["mimetype"],
        )
    return email


def resend(messages):
    """Queue failed e-mails again, with fresh attempts (the admin's "send again")."""
    ids = list(messages.filter(status=Message.Status.FAILED).values_list("pk", flat=True))
    Message.objects.filter(pk__in=ids).update(
        status=Message.Status.QUEUED, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    for pk in ids:
        transaction.on_commit(lambda pk=pk: _send_task("outbox.tasks.deliver_message", pk))
    return len(ids)
