"""Outbox throughput: reminders written as one mailing and delivered by the sweep to a local
aiosmtpd server, with e-mails per second and SQL queries per e-mail. For contrast, the
per-e-mail task path (`deliver(id)`, one SMTP connection each) on a tenth of the number.

Called by bench/run.py; it creates a test database beside the benchmark's and drops it after.
"""

import logging
import multiprocessing
import socket
import time
from contextlib import contextmanager

from aiosmtpd.controller import Controller
from django.db import connection, transaction
from django.test.utils import override_settings, setup_databases, teardown_databases

from outbox import services
from outbox.models import Message


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
    Message.objects.all().delete()
    return (
        f"| {label} | {count:,} | {seconds:.1f} s | {count / seconds:,.0f} | "
        f"{len(queries) / count:.2f} |"
    )


def section(count):
    """The markdown of `count` reminders through the sweep and a tenth through deliver(id)."""
    port = free_port()
    received, stop = multiprocessing.Value("i", 0), multiprocessing.Event()
    server = multiprocessing.Process(target=serve_smtp, args=(port, received, stop))
    server.start()
    databases = setup_databases(verbosity=0, interactive=False)
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    # The "deliver now" tasks are not wanted here: the sweep does the work being measured.
    send_task, services._send_task = services._send_task, lambda *args, **kwargs: None
    lines = [
        f"## Outbox: {count:,} reminders through a local SMTP server",
        "",
        "The mailing is written with `enqueue_many` in one transaction, then `sweep()` runs "
        "until nothing is due, as beat's `sweep_outbox` does: batches of 100 claimed with "
        "`select_for_update(skip_locked=True)`, one SMTP connection per batch, each row marked "
        "sent right after the server's 250. A confirmation takes the same path (the e-mails "
        "committed within a second share one sweep). For contrast, `deliver(id)`, the "
        'per-e-mail task path of the admin\'s "send again" (its own SMTP connection each), '
        "which confirmations took until the sweep was shared. aiosmtpd runs in a "
        "process of its own; every statement is counted with an `execute_wrapper`; every "
        "e-mail is checked to have arrived, once.",
        "",
        "| Path | E-mails | Time | E-mails/s | SQL queries per e-mail |",
        "|---|---:|---:|---:|---:|",
    ]
    try:
        with override_settings(MAILERS=mailers):
            started = time.perf_counter()
            with counting_queries() as queries, transaction.atomic():
                services.enqueue_many(mailing(count, "reminder"))
            seconds = time.perf_counter() - started
            lines.append(
                f"| enqueue_many (writing the mailing) | {count:,} | {seconds:.1f} s | "
                f"{count / seconds:,.0f} | {len(queries) / count:.3f} |"
            )

            def sweep_all():
                while services.sweep():
                    pass

            lines.append(
                measure(
                    "sweep (batches of 100, one SMTP connection each)", count, sweep_all, received
                )
            )
            few = max(count // 10, 1)
            services.enqueue_many(mailing(few, "single"))
            ids = list(Message.objects.values_list("pk", flat=True))

            def deliver_each():
                for pk in ids:
                    services.deliver(pk)

            lines.append(
                measure("deliver(id) per e-mail (the task path)", few, deliver_each, received)
            )
    finally:
        services._send_task = send_task
        stop.set()
        server.join(10)
        teardown_databases(databases, verbosity=0)
    lines += [
        "",
        'Queries per e-mail in the sweep: one UPDATE to "sent" per e-mail (the price of exactly '
        "once: batching those would widen the double-send window to a whole batch) plus two per "
        'batch of 100 (the locking SELECT and the UPDATE to "sending") and one per sweep to '
        "release abandoned rows. `deliver(id)`: the claiming UPDATE, reading the row, the UPDATE "
        'to "sent" and a re-read of its status. The time goes to the SMTP dialogue (four round '
        "trips per e-mail) and to the busy cores, not to the database; the sweeps of several mail "
        "workers share a mailing without overlap, since each skips the rows another has locked.",
    ]
    return lines
