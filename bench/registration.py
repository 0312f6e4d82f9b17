"""Benchmark: many politicians registering for one meeting at the same moment.

Run against a throw-away PostgreSQL and Redis:

    DEBUG=0 SECRET_KEY=x SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 \
      VAR_DIR=var/test scripts/with-test-services.sh .venv/bin/python bench/registration.py

It makes a test database (migrated, destroyed afterwards). For each count (16 and 300) all the
registrations arrive at one moment for a meeting with a third as many seats (16: 5 seats; 300:
100), and each calls services.register() once. They are served two ways:

- "workers": as the web server serves them, by WORKERS processes (gunicorn's sync workers in
  docker-compose.yml), each taking the next waiting registration when it has finished one. A
  registration's latency runs from the moment all arrived to its commit, so it includes the
  wait for a free worker and for the meeting's lock. This is the figure the goal is read from.
- "threads": every registration on a thread of its own in one Python process, released at one
  barrier. They also queue for that process's interpreter lock, which no web server imposes.

Each line gives the wall time, the throughput, the latency p50 and p99, and checks that exactly
`capacity` were confirmed. Goal for 300 at once: p99 at most 1 s. Results go in
docs/benchmarks.md.
"""

import multiprocessing
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klmeetings.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, connections  # noqa: E402

COUNTS = [16, 300]
WORKERS = 4
P99_GOAL_MS = 1000


def _meeting(count, way):
    from tests import factories

    return factories.meeting(slug=f"bench-{way}-{count}", capacity=count // 3)


def _serve(meeting, datas, arrivals, start, results, warm_up):
    """A worker process: registrations from `arrivals` one at a time until it is empty. Like a
    web worker that has served a request before, it has registered someone once (for another
    meeting), so its templates are compiled and its connection is open."""
    from registrations.services import registration as services
    from tests import factories

    services.register(warm_up, factories.registration_data(10_000 + os.getpid()))
    latencies, errors = [], []
    start.wait()
    arrived = time.monotonic()  # all arrive now: the workers are released together
    while True:
        number = arrivals.get()
        if number is None:
            break
        try:
            services.register(_as_the_view_reads(meeting), datas[number])
            latencies.append(time.monotonic() - arrived)
        except Exception as error:  # noqa: BLE001 - counted and printed
            errors.append(repr(error))
    connection.close()
    results.put((latencies, errors))


def _as_the_view_reads(meeting):
    """The meeting as a tilmeld request reads it: kept in the worker's memory under the
    set-up's generation, which registrations leave alone."""
    from registrations.views import _meeting

    return _meeting(meeting.registration_slug)


def by_workers(count):
    from tests import factories

    meeting = _meeting(count, "workers")
    warm_up = factories.meeting(slug=f"bench-warm-up-{count}")
    datas = [factories.registration_data(number) for number in range(count)]
    context = multiprocessing.get_context("fork")
    arrivals, results = context.Queue(), context.Queue()
    for number in range(count):
        arrivals.put(number)
    for _ in range(WORKERS):
        arrivals.put(None)
    start = context.Barrier(WORKERS + 1)
    connections.close_all()  # each child opens its own
    workers = [
        context.Process(target=_serve, args=(meeting, datas, arrivals, start, results, warm_up))
        for _ in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    start.wait()
    started = time.monotonic()
    latencies, errors = [], []
    for _ in workers:
        worker_latencies, worker_errors = results.get(timeout=600)
        latencies += worker_latencies
        errors += worker_errors
    wall = time.monotonic() - started
    for worker in workers:
        worker.join()
    return meeting, wall, latencies, errors


def by_threads(count):
    from registrations.services import registration as services
    from tests import factories

    meeting = _meeting(count, "threads")
    warm_up = factories.meeting(slug=f"bench-warm-up-threads-{count}")
    services.register(warm_up, factories.registration_data(99_999))  # as in by_workers
    barrier = threading.Barrier(count)
    latencies, errors = [], []
    datas = [factories.registration_data(number) for number in range(count)]

    def attempt(number):
        try:
            connection.ensure_connection()  # connected before the start, as a web worker is
            barrier.wait(timeout=60)
            started = time.monotonic()
            services.register(_as_the_view_reads(meeting), datas[number])
            latencies.append(time.monotonic() - started)
        except Exception as error:  # noqa: BLE001 - counted and printed
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(count)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return meeting, time.monotonic() - started, latencies, errors


def report(way, count, meeting, wall, latencies, errors):
    from registrations.models import Registration

    capacity = count // 3
    confirmed = Registration.objects.filter(meeting=meeting, status="confirmed").count()
    total = Registration.objects.filter(meeting=meeting).count()
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[max(int(len(latencies) * 0.99) - 1, 0)] * 1000
    goal = ""
    if count >= 300 and way == "workers":
        goal = f", p99 goal ≤ {P99_GOAL_MS} ms {'✓' if p99 <= P99_GOAL_MS else '✗'}"
    print(
        f"{way:7s} {count:3d} at once, {capacity:3d} seats: {wall:5.2f} s wall, "
        f"{count / wall:6.1f} registrations/s, latency p50 {p50:6.1f} ms p99 {p99:6.1f} ms, "
        f"confirmed {confirmed} (expected {capacity}), rows {total}, errors {len(errors)}{goal}",
        flush=True,
    )


def main():
    import importlib

    from django.apps import apps

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        importlib.import_module("meetings.migrations.0002_reference_data").load(apps, None)
        print(f"workers: {WORKERS} processes; threads: one process, a thread each", flush=True)
        for way, run in (("workers", by_workers), ("threads", by_threads)):
            for count in COUNTS:
                report(way, count, *run(count))
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
