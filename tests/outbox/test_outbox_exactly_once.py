"""Exactly once, with the real parts: several sweeps at the same time, a worker process killed
in the middle of a batch, Redis stopped while people register."""

import json
import subprocess
import sys
import threading
from collections import Counter

import pytest
from django.db import connection, transaction

from outbox import services
from outbox.models import Message
from tests.support import ROOT, wait_for

from .processes import (
    DatabaseGate,
    RedisServer,
    WorkerProcess,
    process_env,
    purge_mail_queue,
)

pytestmark = pytest.mark.django_db(transaction=True)

# What Celery's worker logs when its connection to Redis drops.
BROKER_LOST = "Connection to broker lost"


def reminders(count, mailing="deadline-reminder:1"):
    return [
        {
            "to": f"person{number}@example.dk",
            "subject": "Husk tilmeldingsfristen",
            "body_text": "Tilmelding senest den 10. august.",
            "key": f"{mailing}:{number}",
        }
        for number in range(count)
    ]


def test_two_sweeps_and_a_worker_at_once_send_each_of_200_reminders_once(
    smtp_server, monkeypatch, celery_worker
):
    # Small batches, so the sweeps really interleave.
    monkeypatch.setattr(services, "BATCH_SIZE", 10)
    barrier = threading.Barrier(3)
    claimed = []

    def sweep():
        try:
            barrier.wait()
            claimed.append(services.sweep())
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    with transaction.atomic():
        # The worker gets its own sweep tasks for this mailing on commit.
        assert services.enqueue_many(reminders(200)) == 200
    barrier.wait()
    for thread in threads:
        thread.join(60)
    assert wait_for(lambda: Message.objects.filter(status="sent").count() == 200)
    # The mailing run again (a second beat) writes and sends nothing.
    assert services.enqueue_many(reminders(200)) == 0
    services.sweep()

    expected = sorted(email["to"] for email in reminders(200))
    assert sorted(smtp_server.recipients()) == expected
    assert set(Message.objects.values_list("attempts", flat=True)) == {1}
    assert sum(claimed) > 0, "the two sweeps took part"


def test_a_sweep_skips_the_rows_another_sweep_is_still_claiming(smtp_server):
    """The race made wide: the first sweep's claim stays uncommitted while the second runs
    (and while the "deliver now" task of one row comes in)."""
    with transaction.atomic():
        services.enqueue_many(reminders(30))
    first_id = Message.objects.order_by("pk").first().pk
    claimed, release = threading.Event(), threading.Event()
    results = {}

    def slow_sweep():
        try:
            with transaction.atomic():
                results["first"] = services.deliver_due()
                claimed.set()
                release.wait(30)
        finally:
            connection.close()

    def second_sweep():
        try:
            results["second"] = services.deliver_due()
            results["task"] = services.deliver(first_id)
        finally:
            connection.close()

    first = threading.Thread(target=slow_sweep)
    first.start()
    assert claimed.wait(30)
    second = threading.Thread(target=second_sweep)
    second.start()
    # The second sweep is done before the first commits; the task waits for the row.
    assert wait_for(lambda: "second" in results)
    release.set()
    first.join(30)
    second.join(30)

    assert results["first"] == 30
    assert results["second"] == 0
    assert results["task"] == "sent"
    assert sorted(smtp_server.recipients()) == sorted(email["to"] for email in reminders(30))


def test_the_same_key_enqueued_from_two_connections_at_once_is_one_row(settings):
    barrier = threading.Barrier(2)
    rows = []

    def register():
        try:
            with transaction.atomic():
                barrier.wait()
                rows.append(services.enqueue("a@example.dk", "Bekræftelse", "Tekst", key="k:1"))
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert Message.objects.count() == 1
    assert {row.pk for row in rows} == {Message.objects.get().pk}


def test_a_worker_killed_mid_batch_is_restarted_and_only_the_email_in_flight_goes_twice(
    smtp_server, tmp_path
):
    """The 15th e-mail is held at the server, which has its final "." and keeps it (as
    Postfix does), until the worker is dead: the kill lands in the middle of a batch, while
    the worker waits for the server's 250. That e-mail is the remaining window
    (docs/architecture.md): it goes out again, with the same Message-ID; nobody else gets a
    second e-mail."""
    smtp_server.hold_at = 15
    env = process_env(smtp_server.port, OUTBOX_STUCK_SECONDS=3, OUTBOX_SWEEP_SECONDS=1)
    worker = WorkerProcess(env, tmp_path).start()
    try:
        with transaction.atomic():
            services.enqueue_many(reminders(40))
        assert smtp_server.holding.wait(60), worker.output()
        worker.kill()
        smtp_server.release.set()
        assert Message.objects.filter(status="sent").count() == 14
        assert Message.objects.filter(status="sending").count() == 26

        worker = WorkerProcess(env, tmp_path).start()
        assert wait_for(lambda: Message.objects.filter(status="sent").count() == 40, 60), (
            worker.output()
        )
        assert services.sweep() == 0, "one more sweep must find nothing to send"
    finally:
        worker.stop()
        purge_mail_queue()

    in_flight = smtp_server.messages[14]["To"]
    received = Counter(smtp_server.recipients())
    assert received == Counter({email["to"]: 1 for email in reminders(40)} | {in_flight: 2})
    copies = [m["Message-ID"] for m in smtp_server.messages if m["To"] == in_flight]
    assert copies[0] == copies[1] == services.message_id(Message.objects.get(to=in_flight))
    assert len({m["Message-ID"] for m in smtp_server.messages}) == 40
    assert "Traceback" not in worker.output()


def test_an_email_accepted_while_the_database_is_away_is_marked_sent_and_not_sent_again(
    smtp_server, tmp_path
):
    """Issue 29: PostgreSQL stopped while the server said 250 for an e-mail; the "sent" mark
    failed and was not tried again, the e-mail went out a second time after the stuck window,
    and the rest of the batch waited for that window too."""
    gate = DatabaseGate().open()
    smtp_server.hold_at = 5
    env = process_env(
        smtp_server.port,
        DATABASE_URL=gate.database_url(),
        OUTBOX_STUCK_SECONDS=30,
        OUTBOX_SWEEP_SECONDS=1,
    )
    worker = WorkerProcess(env, tmp_path).start()
    try:
        with transaction.atomic():
            services.enqueue_many(reminders(20))
        assert smtp_server.holding.wait(60), worker.output()
        gate.close()
        smtp_server.release.set()
        # The worker is told 250 for the 5th e-mail while the database is away, and tries to
        # mark it sent again until the database is back.
        assert wait_for(lambda: "marking e-mail" in worker.output(), 30), worker.output()
        gate.open()
        # Well within the stuck window: nothing waits for it.
        assert wait_for(lambda: Message.objects.filter(status="sent").count() == 20, 15), (
            worker.output()
        )
        assert services.sweep() == 0, "one more sweep must find nothing to send"
    finally:
        worker.stop()
        gate.close()
        purge_mail_queue()
    assert sorted(smtp_server.recipients()) == sorted(email["to"] for email in reminders(20))


REGISTER = """
import json, time
from django.db import transaction
from outbox import services
durations = []
for address in %r:
    started = time.monotonic()
    with transaction.atomic():
        services.enqueue_template(address, "test", {"sender": "Tilmeldingen"},
                                  key="confirmation:" + address)
    durations.append(time.monotonic() - started)
print(json.dumps(durations))
"""


def register(env, addresses):
    """People register in a web process of their own: one transaction per registration."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", REGISTER % addresses],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def worker_on_its_own_redis(smtp_server, tmp_path):
    """`worker_on_its_own_redis(pool)`: a redis-server of the test's own, a mail worker on it
    (`pool` as celery's --pool) and a first registration's e-mail delivered through both;
    gives (redis, env, worker). Both are stopped when the test ends."""
    started = []

    def start(pool="solo"):
        redis = RedisServer()
        redis.start()
        started.append(redis.cleanup)
        env = process_env(smtp_server.port, REDIS_URL=redis.url, OUTBOX_SWEEP_SECONDS=1)
        worker = WorkerProcess(env, tmp_path, pool=pool).start()
        started.append(worker.stop)
        register(env, ["foer@example.dk"])
        assert wait_for(lambda: smtp_server.recipients() == ["foer@example.dk"], 60), (
            worker.output()
        )
        return redis, env, worker

    yield start
    for stop in reversed(started):
        stop()


def test_emails_enqueued_while_redis_is_down_arrive_once_after_it_is_back(
    smtp_server, worker_on_its_own_redis
):
    redis, env, worker = worker_on_its_own_redis()
    redis.stop()
    during = [f"deltager{number}@example.dk" for number in range(20)]
    durations = register(env, during)
    # Kombu's reconnect loop used to hold each request about 6 s; the first one here also
    # opens the process's database connection and loads templates.
    assert max(durations) < 3, durations
    assert Message.objects.filter(status="queued").count() == 20
    # The worker has noticed the broker is gone, and still sent nothing.
    assert wait_for(lambda: BROKER_LOST in worker.output(), 60), worker.output()
    assert smtp_server.recipients() == ["foer@example.dk"]

    redis.start()
    assert wait_for(lambda: len(smtp_server.recipients()) == 21, 90), worker.output()
    assert services.sweep() == 0, "one more sweep must find nothing to send"
    assert sorted(smtp_server.recipients()) == sorted(["foer@example.dk", *during])


def test_the_worker_survives_redis_going_away_while_it_holds_sweeps_and_mail_resumes(
    smtp_server, worker_on_its_own_redis
):
    """Issue 29: a worker that held unacknowledged messages (a registration's one-second
    sweep, a running task) when Redis went away died with "Unrecoverable error:
    AttributeError('NoneType' object has no attribute 'hostname')", and the e-mails queued
    meanwhile waited for someone to start it again."""
    import redis as redis_client

    from klmeetings.celery import app

    redis, env, worker = worker_on_its_own_redis()
    # Sweeps due later, which the worker holds unacknowledged until then.
    with app.connection_for_write(redis.url) as broker:
        for _ in range(3):
            app.send_task("outbox.tasks.sweep_outbox", countdown=600, connection=broker)
    held = redis_client.Redis(port=redis.port)
    assert wait_for(lambda: held.hlen("unacked") == 3, 30), worker.output()

    redis.stop()
    during = [f"deltager{number}@example.dk" for number in range(5)]
    register(env, during)
    assert wait_for(lambda: BROKER_LOST in worker.output(), 60), worker.output()
    redis.start()

    assert wait_for(lambda: len(smtp_server.recipients()) == 6, 90), worker.output()
    assert worker.process.poll() is None, worker.output()
    assert "Unrecoverable error" not in worker.output()
    assert sorted(smtp_server.recipients()) == sorted(["foer@example.dk", *during])


def test_a_prefork_worker_survives_a_sweep_that_ends_while_redis_is_away(
    smtp_server, worker_on_its_own_redis
):
    """Issue 29, seen by `make chaos`: a prefork worker (as docker-compose's mailer runs) whose
    sweep finished while Redis was away acknowledged it on the lost channel after
    reconnecting, and died ("'NoneType' object has no attribute 'client'")."""
    smtp_server.answer_delay = 0.5
    redis, env, worker = worker_on_its_own_redis(pool="prefork")
    with transaction.atomic():
        services.enqueue_many(reminders(12))
    # A sweep is half-way through the twelve (half a second each) when Redis goes.
    assert wait_for(lambda: len(smtp_server.recipients()) >= 4, 60), worker.output()
    redis.stop()
    assert wait_for(lambda: len(smtp_server.recipients()) == 13, 60), worker.output()
    assert wait_for(lambda: BROKER_LOST in worker.output(), 30), worker.output()
    redis.start()

    register(env, ["efter@example.dk"])
    assert wait_for(lambda: len(smtp_server.recipients()) == 14, 90), worker.output()
    assert worker.process.poll() is None, worker.output()
    assert "Unrecoverable error" not in worker.output()
    assert Counter(smtp_server.recipients()).most_common(1)[0][1] == 1


def test_outbox_tasks_go_to_the_mail_queue_and_nothing_else_does():
    import redis

    from klmeetings.celery import app

    server = RedisServer()
    server.start()
    try:
        with app.connection_for_write(server.url) as broker:
            app.send_task("outbox.tasks.sweep_outbox", connection=broker)
            app.send_task("celery.ping", connection=broker)
        client = redis.Redis(port=server.port)
        assert (client.llen("mail"), client.llen("celery")) == (1, 1)
    finally:
        server.cleanup()
