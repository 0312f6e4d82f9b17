"""Celery tasks of registrations: thin over the services."""

from celery import shared_task

from . import privacy


@shared_task(acks_late=True, ignore_result=True)
def anonymise_expired_registrations():
    """Daily (klmeetings/celery.py): personal data of past meetings' participants goes."""
    privacy.anonymise_expired()
