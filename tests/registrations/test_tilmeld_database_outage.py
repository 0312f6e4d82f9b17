"""PostgreSQL away while a politician registers: the tilmeld POST answers 503 with Retry-After
and a Danish page that says the registration was not saved, and nothing was saved; when the
database is back the same form goes through. Through gunicorn in a process of its own, whose
database is cut off for real (tests.outbox.processes.DatabaseGate)."""

import http.client
import http.cookies
import os
import re
import subprocess
import sys
import urllib.parse

import pytest
from django.conf import settings

from registrations.models import Registration
from tests import factories
from tests.outbox.processes import DatabaseGate
from tests.support import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def listening(port):
    try:
        http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
    except OSError:
        return False
    return True


@pytest.fixture
def portal(tmp_path, fresh_rate_limit):
    """gunicorn on the test database, reached through a gate the test can close."""
    from tests.support import free_port

    gate = DatabaseGate().open()
    port = free_port()
    env = os.environ | {"DATABASE_URL": gate.database_url(), "ALLOWED_HOSTS": "127.0.0.1"}
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115 - closed below
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "klmeetings.wsgi", "--workers", "1"]
        + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        assert wait_for(lambda: listening(port), seconds=60)
        yield port, gate
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        gate.close()
        log.close()


class Visitor:
    def __init__(self, port):
        self.port = port
        self.cookies = http.cookies.SimpleCookie()

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v.value}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(cookie)
            return response, content
        finally:
            connection.close()


def test_the_tilmeld_post_answers_503_saying_nothing_was_saved_while_the_database_is_away(
    portal,
):
    port, gate = portal
    meeting = factories.meeting()
    visitor = Visitor(port)
    response, page = visitor.request("GET", "/tilmeld/sundhedsforum/")
    assert response.status == 200, page[:500]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": token} | factories.tilmeld_form(email="a@example.dk")

    gate.close()
    response, page = visitor.request("POST", "/tilmeld/sundhedsforum/", form)
    assert response.status == 503, page[:2000]
    assert response.getheader("Retry-After") == "30"
    assert "Det, du sendte, er ikke gemt." in page
    assert "Prøv igen om et minut" in page
    assert not Registration.objects.filter(meeting=meeting).exists()
    # A page read while the database is away says only that it cannot be shown now.
    response, page = visitor.request("GET", "/dagsordener/")
    assert response.status in (200, 503)
    if response.status == 503:
        assert "Prøv igen om et minut" in page and "ikke gemt" not in page

    gate.open()
    response, page = visitor.request("POST", "/tilmeld/sundhedsforum/", form)
    assert response.status == 302, page[:2000]
    assert Registration.objects.filter(meeting=meeting, email="a@example.dk").count() == 1
