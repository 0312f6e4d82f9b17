"""Celery tasks of the outbox: thin over outbox.services. They run on the "mail" queue
(klmeetings/celery.py), so a large mailing never delays other work."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True)
def deliver_message(message_id):
    services.deliver(message_id)


@shared_task(acks_late=True, ignore_result=True)
def sweep_outbox():
    """Periodic, and after a mailing is written: deliver whatever is due, in batches."""
    services.sweep()
