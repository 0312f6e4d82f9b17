"""The Celery app. Tasks live in each app's tasks.py; the periodic schedule is static here
(django-celery-beat does not support Django 6.1), and what must happen once is kept in the
database, so a second beat or a lost message never does work twice or loses it.

Two queues: "celery" for everything else and "mail" for the outbox, so a mass mailing never
delays other work. A worker started without -Q consumes both (make run); docker-compose runs a
separate mailer on "mail"."""

import os

from celery import Celery
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klmeetings.settings")

app = Celery("klmeetings")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Each queue with its own routing key: bound to the same key, both would get every task.
app.conf.task_queues = [Queue("celery", routing_key="celery"), Queue("mail", routing_key="mail")]
app.conf.task_default_queue = "celery"
app.conf.task_routes = {"outbox.tasks.*": {"queue": "mail"}}
# Beat keeps its last run times in memory: what is owed is in the database, so a restart
# only runs each sweep once more, and no schedule file (a shelve, SQLite on Python 3.13) can
# fail to lock and stop beat.
app.conf.beat_scheduler = "celery.beat:Scheduler"


@app.on_after_configure.connect
def schedule_periodic_tasks(sender, **kwargs):
    from django.conf import settings

    sender.add_periodic_task(
        float(settings.OUTBOX_SWEEP_SECONDS),
        sender.signature("outbox.tasks.sweep_outbox"),
        name="outbox-sweep",
    )
    sender.add_periodic_task(
        24 * 60 * 60.0,
        sender.signature("registrations.tasks.anonymise_expired_registrations"),
        name="registrations-anonymise",
    )
    # The meetings' invitations, reminders, programmes and participant lists: each due
    # mailing is written into the outbox once.
    sender.add_periodic_task(
        60.0, sender.signature("registrations.tasks.send_due_mailings"), name="mailings-sweep"
    )
