"""The Celery app. Tasks live in each app's tasks.py; the periodic schedule is static here
(django-celery-beat does not support Django 6.1), and what must happen once is kept in the
database, so a second beat or a lost message never does work twice or loses it."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klmeetings.settings")

app = Celery("klmeetings")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "outbox-sweep": {
        "task": "outbox.tasks.sweep_outbox",
        "schedule": 60.0,
    },
}
