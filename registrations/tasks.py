"""Celery tasks of registrations: thin over the services."""

from celery import shared_task

from .services import mailings, privacy


@shared_task(acks_late=True, ignore_result=True)
def send_due_mailings():
    """Periodic (beat, every minute): write every due mailing of every meeting into the
    outbox. Safe to run twice at once, and again after a crash."""
    mailings.send_due_mailings()


@shared_task(acks_late=True, ignore_result=True)
def anonymise_expired_registrations():
    """Daily (klmeetings/celery.py): personal data of past meetings' participants goes."""
    privacy.anonymise_expired()
