"""Benchmark: many politicians registering for one meeting at the same moment.

Run against a throw-away PostgreSQL and Redis:

    DEBUG=0 SECRET_KEY=x SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 \
      VAR_DIR=var/test scripts/with-test-services.sh .venv/bin/python bench/registration.py

It makes a test database (migrated, destroyed afterwards), then for each thread count starts
that many threads, each on its own connection, released together at one barrier, each calling
services.register() once for a meeting with a third as many seats (16 clients: 5 seats; 300
clients: 100). It prints the wall time, the throughput, the latency of one registration p50 and
p99 (from the barrier to its commit: waiting for the lock included), and checks that exactly
`capacity` were confirmed. Goal for 300 at once: p99 at most 1 s. All threads share one Python
process, so they also queue for its interpreter lock. Results go in docs/benchmarks.md.
"""

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

from django.db import connection  # noqa: E402

THREAD_COUNTS = [16, 300]
P99_GOAL_MS = 1000


def run(count):
    from registrations.models import Registration
    from registrations.services import registration as services
    from tests import factories

    capacity = count // 3
    meeting = factories.meeting(slug=f"bench-{count}", capacity=capacity)
    barrier = threading.Barrier(count)
    latencies, errors = [], []

    datas = [factories.registration_data(number) for number in range(count)]

    def attempt(number):
        try:
            # Connected before the start, as a web worker's persistent connection is.
            connection.ensure_connection()
            barrier.wait(timeout=60)
            started = time.perf_counter()
            services.register(meeting, datas[number])
            latencies.append(time.perf_counter() - started)
        except Exception as error:  # noqa: BLE001 - counted and printed
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(count)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    confirmed = Registration.objects.filter(meeting=meeting, status="confirmed").count()
    total = Registration.objects.filter(meeting=meeting).count()
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[max(int(len(latencies) * 0.99) - 1, 0)] * 1000
    goal = (
        f", p99 goal ≤ {P99_GOAL_MS} ms {'✓' if p99 <= P99_GOAL_MS else '✗'}"
        if count >= 300
        else ""
    )
    print(
        f"{count:4d} at once, {capacity:3d} seats: {wall:5.2f} s wall, "
        f"{count / wall:6.1f} registrations/s, latency p50 {p50:6.1f} ms p99 {p99:6.1f} ms, "
        f"confirmed {confirmed} (expected {capacity}), rows {total}, errors {len(errors)}{goal}"
    )


def main():
    import importlib

    from django.apps import apps

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        importlib.import_module("meetings.migrations.0002_reference_data").load(apps, None)
        for count in THREAD_COUNTS:
            run(count)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
