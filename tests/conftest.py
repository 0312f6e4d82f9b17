"""Fixtures shared by the tests: the real parts, started on loopback.

- `smtp_server`: an aiosmtpd server that keeps what it receives (and can refuse or hold an
  e-mail); Django's SMTP backend points at it for the test.
- `celery_worker`: a real Celery worker (in a thread, solo pool) on the real Redis broker.
"""

import importlib
import os
import shutil

import pytest

from tests.support import SMTPServer

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# beside one unless told it is safe, which it is in a test (see ../shared/stack.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def smtp_server(settings):
    """An SMTP server on loopback (tests.support.SMTPServer); Django sends through it."""
    server = SMTPServer().start()
    settings.MAILERS = server.mailer_settings()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def celery_worker():
    """A real worker on the broker from REDIS_URL; use with django_db(transaction=True)."""
    import celery.contrib.testing.tasks  # noqa: F401 - registers the ping task
    from celery.contrib.testing.worker import start_worker

    from klmeetings.celery import app
    from outbox import services

    assert os.environ.get("REDIS_URL"), "make test gives the tests a real Redis"
    # A sweep published for an earlier test's worker is not this one's to wait for.
    services._sweep_woken["until"] = 0.0
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20) as worker:
        yield worker


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium, since Playwright cannot download its own browsers here."""
    return {
        **browser_type_launch_args,
        "executable_path": shutil.which("chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(autouse=True, scope="session")
def static_files_by_plain_name():
    """Production serves the hashed names that collectstatic makes (`make test` runs it to
    check that pipeline); the test server finds files by their plain names."""
    from django.conf import settings
    from django.test import override_settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(autouse=True)
def reference_data(request):
    """The 98 municipalities, 5 regions, KKR and committees, as after `migrate`.

    They come from a data migration, and a transactional test ends by emptying every table, so
    each transactional test puts them back first (idempotently)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    importlib.import_module("meetings.migrations.0002_reference_data").load(apps, None)


@pytest.fixture
def fresh_rate_limit():
    """The tilmeld limits count in the shared cache: a test starts with none used."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def redis_to_stop(settings):
    """The cache and the broker on a Redis of the test's own, to stop for real
    (`redis_to_stop.stop()`)."""
    from klmeetings.celery import app
    from outbox import services as outbox_services
    from tests.outbox.processes import RedisServer

    redis = RedisServer()
    redis.start()
    broker_url = app.conf.broker_url
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis.url,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        },
    }
    app.conf.broker_url = redis.url
    outbox_services._broker.connection = None
    yield redis
    app.conf.broker_url = broker_url
    outbox_services._broker.connection = None
    redis.cleanup()
