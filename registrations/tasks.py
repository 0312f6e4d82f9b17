"""Celery tasks of registration: thin over registrations.mailings."""

from celery import shared_task

from . import mailings


@shared_task(acks_late=True, ignore_result=True)
def send_due_mailings():
    """Periodic (beat, every minute): write every due mailing of every meeting into the
    outbox. Safe to run twice at once, and again after a crash."""
    mailings.send_due_mailings()
