"""Nobody is let in past a full meeting or session, nobody is lost, nobody counted twice:
hundreds of politicians register at the same moment, each on a connection of their own.

As pretix does, the same run is made with the lock taken away, and must oversell: proof that
the test can see the race it guards against. A hook between the capacity check and the write
sees one registration at a time there with the lock, and holds all of them there at once
without it.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.db.models import Count, Max, Min

from klmeetings.celery import app as celery_app
from outbox.models import Message
from registrations.models import Registration, RegistrationSettings
from registrations.services import registration as services
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def no_tasks_left_behind():
    """Each registration sends a Celery message on commit. No worker runs here, so the
    hundreds of messages would wait in Redis for the next test's worker: purge them."""
    yield
    celery_app.control.purge()


class CheckToWrite:
    """A hook between counting the seats (`services._place`) and writing the registration.
    It counts how many registrations are between the two at once; with `gather=n` each waits
    there until n are, so that all n provably counted the seats before any of them wrote."""

    def __init__(self, gather=None):
        self.lock = threading.Lock()
        self.inside = 0
        self.most_at_once = 0
        self.barrier = threading.Barrier(gather) if gather else None

    def around(self, place):
        def place_then_wait(*args, **kwargs):
            result = place(*args, **kwargs)
            with self.lock:
                self.inside += 1
                self.most_at_once = max(self.most_at_once, self.inside)
            if self.barrier:
                self.barrier.wait(timeout=60)
            with self.lock:
                self.inside -= 1
            return result

        return place_then_wait


@pytest.fixture
def check_to_write(monkeypatch):
    """Watch the window between check and write; `check_to_write(gather=n)` holds it open
    for n registrations. The lock timeout is raised so that a machine busy with other work
    cannot make the last of 300 in the queue give up: what these tests check is the count,
    not the timeout (tested on its own below)."""
    options = connections.settings["default"].setdefault("OPTIONS", {})
    monkeypatch.setitem(options, "options", "-c lock_timeout=120s")

    def watch(gather=None):
        hook = CheckToWrite(gather)
        monkeypatch.setattr(services, "_place", hook.around(services._place))
        return hook

    return watch


def register_at_once(meeting, count, **data):
    """`count` threads, each with its own database connection, released together."""
    barrier = threading.Barrier(count)
    errors = []

    def attempt(number):
        try:
            barrier.wait(timeout=60)
            services.register(meeting, factories.registration_data(number, **data))
        except Exception as error:  # noqa: BLE001 - every failure is reported by the test
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(count)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors, time.monotonic() - started


def test_300_politicians_at_once_fill_100_seats_and_the_rest_wait(check_to_write):
    window = check_to_write()
    meeting = factories.meeting(capacity=100)
    errors, seconds = register_at_once(meeting, 300)
    assert errors == []
    assert window.most_at_once == 1, "the lock lets one at a time from check to write"
    registrations = Registration.objects.filter(meeting=meeting)
    assert registrations.count() == 300
    assert registrations.values("email").distinct().count() == 300
    assert registrations.filter(status="confirmed").count() == 100
    assert registrations.filter(status="waiting").count() == 200
    assert set(registrations.filter(status="waiting").values_list("waiting_reason", flat=True)) == {
        "Mødet er fuldt."
    }
    # The lock serialised them: every confirmed registration came before every waiting one.
    confirmed_last = registrations.filter(status="confirmed").aggregate(m=Max("queued_at"))["m"]
    waiting_first = registrations.filter(status="waiting").aggregate(m=Min("queued_at"))["m"]
    assert confirmed_last <= waiting_first
    assert Message.objects.filter(subject__startswith="Bekræftelse").count() == 100
    assert Message.objects.filter(subject__startswith="Du er på venteliste").count() == 200
    print(f"300 concurrent registrations in {seconds:.1f} s")


def test_a_session_with_its_own_capacity_holds_under_the_same_rush(check_to_write):
    window = check_to_write()
    meeting = factories.meeting()
    other = factories.session(meeting, 1, capacity=50)
    session = factories.session(meeting, 2, capacity=100)
    errors, _ = register_at_once(meeting, 300, session=session)
    assert errors == []
    assert window.most_at_once == 1
    by_status = dict(
        Registration.objects.filter(meeting=meeting)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    assert by_status == {"confirmed": 100, "waiting": 200}
    assert Registration.objects.filter(session=session, status="confirmed").count() == 100
    assert not Registration.objects.filter(session=other).exists()
    assert set(
        Registration.objects.filter(status="waiting").values_list("waiting_reason", flat=True)
    ) == {"Session 2 er fuld."}


def test_control_without_the_lock_the_same_rush_oversells(check_to_write, monkeypatch):
    """The lock taken away: the test must see the race, or it proves nothing above. All 100
    are held between check and write until every one of them has counted the seats."""
    window = check_to_write(gather=100)
    monkeypatch.setattr(
        services,
        "_lock_settings",
        lambda meeting: RegistrationSettings.objects.get(meeting=meeting),
    )
    meeting = factories.meeting(capacity=20)
    errors, _ = register_at_once(meeting, 100)
    assert errors == []
    assert Registration.objects.filter(meeting=meeting).count() == 100
    assert window.most_at_once == 100
    assert Registration.objects.filter(meeting=meeting, status="confirmed").count() > 20


def test_a_registration_that_waits_too_long_for_the_lock_asks_to_try_again(monkeypatch, client):
    """Someone holds the meeting's lock (a slow transaction): the next registration gives up
    after the lock timeout with a Danish message, saves nothing, and is not a 500."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone() == ("20s",)  # every connection's, from the settings
        cursor.execute("SET lock_timeout = '200ms'")  # RESET below
    meeting = factories.meeting(capacity=10)
    services.settings_for(meeting)
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock():
        with transaction.atomic():
            RegistrationSettings.objects.select_for_update().get(meeting=meeting)
            locked.set()
            release.wait(timeout=10)
        connection.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert locked.wait(timeout=10)
        with pytest.raises(services.Busy):
            services.register(meeting, factories.registration_data(1))
        response = client.post(
            f"/tilmeld/{meeting.registration_slug}/",
            {
                "name": "Birgit Hansen",
                "email": "birgit@example.dk",
                "municipality": str(factories.registration_data(1)["municipality"].pk),
                "role": "borgmester",
                "consent": "on",
            },
        )
        assert response.status_code == 200
        assert "Prøv igen om et øjeblik." in response.content.decode()
    finally:
        release.set()
        holder.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert not Registration.objects.exists()
    assert (
        services.register(meeting, factories.registration_data(1)).registration.status
        == "confirmed"
    )
