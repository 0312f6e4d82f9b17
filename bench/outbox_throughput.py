"""Outbox throughput: 10,000 reminders written as one mailing and delivered by the sweep to a
local aiosmtpd server, with e-mails per second and SQL queries per e-mail. For contrast, the
per-e-mail task path (`deliver(id)`, one SMTP connection each) on a smaller number.

Run against a throw-away PostgreSQL (a test database is created and dropped):

    DEBUG=0 SECRET_KEY=x SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 \\
        scripts/with-test-services.sh .venv/bin/python bench/outbox_throughput.py [count]
"""

import logging
import multiprocessing
import os
import platform
import socket
import sys
import time
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klmeetings.settings")

import django  # noqa: E402

django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import (  # noqa: E402
    override_settings,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

from outbox import services  # noqa: E402
from outbox.models import Message  # noqa: E402


class CountingHandler:
    def __init__(self, received):
        self.received = received

    async def handle_DATA(self, server, session, envelope):
        with self.received.get_lock():
            self.received.value += 1
        return "250 OK"


def serve_smtp(port, received, stop):
    """The SMTP server in a process of its own, as in production: in this process it would
    compete with the sender for the GIL on every SMTP round trip."""
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command log
    controller = Controller(CountingHandler(received), hostname="127.0.0.1", port=port)
    controller.start()
    stop.wait()
    controller.stop()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mailing(count, name):
    return [
        {
            "to": f"deltager{number}@example.dk",
            "subject": "Husk tilmeldingsfristen den 10. august",
            "body_text": "Kære deltager\n\nHusk at tilmelde dig senest den 10. august.\n" * 5,
            "body_html": "<p>Kære deltager</p><p>Husk at tilmelde dig senest den 10. august.</p>",
            "key": f"{name}:{number}",
        }
        for number in range(count)
    ]


class QueryCounter:
    """Counts every SQL statement (CaptureQueriesContext keeps only the last 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __len__(self):
        return self.count


@contextmanager
def counting_queries():
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        yield counter


def measure(label, count, work, received):
    before = received.value
    with counting_queries() as queries:
        started = time.perf_counter()
        work()
        seconds = time.perf_counter() - started
    sent = received.value - before
    assert sent == count == Message.objects.filter(status="sent").count(), (sent, count)
    print(
        f"| {label} | {count:,} | {seconds:.1f} s | {count / seconds:,.0f} | "
        f"{len(queries) / count:.2f} |"
    )
    Message.objects.all().delete()


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    port = free_port()
    received, stop = multiprocessing.Value("i", 0), multiprocessing.Event()
    server = multiprocessing.Process(target=serve_smtp, args=(port, received, stop))
    server.start()
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    # The "deliver now" tasks are not wanted here: the sweep does the work being measured.
    services._send_task = lambda *args: None
    try:
        with override_settings(MAILERS=mailers):
            with connection.cursor() as cursor:
                cursor.execute("SELECT version()")
                postgres = cursor.fetchone()[0].split(" on ")[0]
            print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, {cpu_model()}")
            print(
                f"Python {platform.python_version()}, Django {django.get_version()}, "
                f"{postgres}, aiosmtpd {version('aiosmtpd')}, psycopg2 {version('psycopg2-binary')}"
            )
            print(f"Load average at the start (the cores are shared): {os.getloadavg()[0]:.1f}")
            print()
            print("| Path | E-mails | Time | E-mails/s | SQL queries per e-mail |")
            print("|---|---:|---:|---:|---:|")

            started = time.perf_counter()
            with counting_queries() as queries, transaction.atomic():
                services.enqueue_many(mailing(count, "reminder"))
            seconds = time.perf_counter() - started
            print(
                f"| enqueue_many (writing the mailing) | {count:,} | {seconds:.1f} s | "
                f"{count / seconds:,.0f} | {len(queries) / count:.3f} |"
            )

            def sweep_all():
                while services.sweep():
                    pass

            measure("sweep (batches of 100, one SMTP connection each)", count, sweep_all, received)

            few = max(count // 10, 1)
            services.enqueue_many(mailing(few, "single"))
            ids = list(Message.objects.values_list("pk", flat=True))

            def deliver_each():
                for pk in ids:
                    services.deliver(pk)

            measure("deliver(id) per e-mail (the task path)", few, deliver_each, received)
        print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        stop.set()
        server.join(10)
        teardown_databases(databases, verbosity=0)


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
