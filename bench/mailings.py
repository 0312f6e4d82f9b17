"""Mailings: how long the sweep takes to write a deadline reminder for many invitees (finding
the recipients, rendering each e-mail from its templates, one INSERT per 1,000 rows), with SQL
queries per e-mail, and how long an idle sweep (nothing due) takes over many meetings, as beat
runs it every minute. Delivery is the outbox's (see "Outbox" above).

    DEBUG=0 SECRET_KEY=x SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 \\
        scripts/with-test-services.sh .venv/bin/python bench/mailings.py [invitees]
"""

import datetime
import importlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klmeetings.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.utils import timezone  # noqa: E402

from outbox.models import Message  # noqa: E402
from registrations.services import mailings  # noqa: E402
from registrations.services import registration as services  # noqa: E402
from tests import factories  # noqa: E402


class Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def timed(function):
    counter = Counter()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        result = function()
    return result, time.perf_counter() - started, counter.count


def main():
    invitees = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        importlib.import_module("meetings.migrations.0002_reference_data").load(apps, None)
        meeting = factories.meeting(invitees=invitees)
        reg_settings = services.settings_for(meeting)
        now = next(m for m in mailings.plan(meeting, reg_settings) if m.slug == "reminder-7")
        now = now.due_at + datetime.timedelta(minutes=1)
        # How long the meeting's registration lock is held: from taking it to the commit.
        lock_settings, held = services._lock_settings, []

        def timed_lock(meeting):
            locked = time.perf_counter()
            transaction.on_commit(lambda: held.append(time.perf_counter() - locked))
            return lock_settings(meeting)

        services._lock_settings = timed_lock
        runs, seconds, queries = timed(lambda: mailings.send_due_mailings(now=now))
        services._lock_settings = lock_settings
        assert runs[0].recipients == invitees == Message.objects.count()
        print(
            f"reminder to {invitees} invitees: {seconds:.2f} s, "
            f"{invitees / seconds:.0f} e-mails/s, {queries} queries "
            f"({queries / invitees:.3f} per e-mail); lock held {held[0] * 1000:.0f} ms"
        )
        for number in range(49):
            factories.meeting(invitees=0, slug=f"bench-{number}")
        idle, seconds, queries = timed(lambda: mailings.send_due_mailings(timezone.now()))
        print(f"idle sweep over 50 meetings: {seconds * 1000:.1f} ms, {queries} queries")
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
