"""Celery tasks of the outbox: thin over outbox.services."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True)
def deliver_message(message_id):
    services.deliver(message_id)


@shared_task(ignore_result=True)
def sweep_outbox():
    """Periodic: deliver whatever a lost task or an unreachable broker left behind."""
    for message_id in services.due_message_ids():
        services.deliver(message_id)
