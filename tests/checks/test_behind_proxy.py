"""Behind a real reverse proxy (Debian's nginx in front of gunicorn, as deployed), the tilmeld
limit and the login lockout count visitors, not the proxy: clients bound to distinct loopback
addresses (127.0.0.N) are told apart through X-Forwarded-For and PROXY_COUNT=1, and a client
that forges the header is still counted by its own address."""

import http.client
import http.cookies
import os
import re
import shutil
import subprocess
import sys
import urllib.parse

import pytest
from django.conf import settings
from django.db import connection

from registrations.models import Registration
from tests import factories
from tests.support import free_port, wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is installed by make test"),
]

RATE_LIMIT = 5

NGINX_CONF = """
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


def listening(port):
    try:
        http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
    except OSError:
        return False
    return True


@pytest.fixture
def portal_behind_nginx(tmp_path):
    """The portal in gunicorn on the test database, reached only through nginx."""
    upstream, port = free_port(), free_port()
    database = settings.DATABASES["default"]
    env = os.environ | {
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
            f"/{connection.settings_dict['NAME']}"
        ),
        "PROXY_COUNT": "1",
        "REGISTRATION_RATE_LIMIT": str(RATE_LIMIT),
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "klmeetings.wsgi", "--workers", "2"]
        + ["--bind", f"127.0.0.1:{upstream}", "--log-level", "warning"],
        cwd=settings.BASE_DIR,
        env=env,
    )
    root = tmp_path / "nginx"
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (root / folder).mkdir(parents=True)
        (root / folder).chmod(0o777)
    (root / "nginx.conf").write_text(NGINX_CONF.format(root=root, port=port, upstream=upstream))
    nginx = subprocess.Popen(
        ["nginx", "-p", str(root), "-c", str(root / "nginx.conf"), "-g", "daemon off;"]
    )
    try:
        assert wait_for(lambda: listening(upstream) and listening(port), seconds=60)
        yield port
    finally:
        for process in (nginx, gunicorn):
            process.terminate()
            process.wait(timeout=30)


class Visitor:
    """A browser on its own loopback address, with its cookies."""

    def __init__(self, port, address, forged=None):
        self.port, self.address, self.forged = port, address, forged
        self.cookies = http.cookies.SimpleCookie()

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.address, 0)
        )
        headers = {"Cookie": "; ".join(f"{k}={v.value}" for k, v in self.cookies.items())}
        if self.forged:
            headers["X-Forwarded-For"] = self.forged()
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(cookie)
            return response.status, content
        finally:
            connection.close()

    def post_form(self, path, fields):
        status, page = self.request("GET", path)
        assert status == 200, page[:500]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request("POST", path, {"csrfmiddlewaretoken": token} | fields)

    def register(self, slug, number, municipality):
        return self.post_form(
            f"/tilmeld/{slug}/",
            {
                "name": f"Politiker {number}",
                "email": f"politiker{number}@example.dk",
                "municipality": municipality,
                "role": "kommunalbestyrelsesmedlem",
                "consent": "on",
            },
        )

    def log_in(self, username, password):
        return self.post_form(
            "/admin/login/?next=/admin/", {"username": username, "password": password}
        )


def test_forty_politicians_from_forty_addresses_are_all_accepted(portal_behind_nginx):
    meeting = factories.meeting(slug="bagproxy")
    municipality = str(_aalborg())
    statuses = [
        Visitor(portal_behind_nginx, f"127.0.0.{n}").register("bagproxy", n, municipality)[0]
        for n in range(10, 50)
    ]
    assert statuses == [302] * 40
    assert Registration.objects.filter(meeting=meeting).count() == 40


def test_one_address_forging_x_forwarded_for_is_still_limited(portal_behind_nginx):
    meeting = factories.meeting(slug="forfalsket")
    municipality = str(_aalborg())
    forged = iter(f"10.0.{n}.{n}" for n in range(1000))
    visitor = Visitor(portal_behind_nginx, "127.0.0.77", forged=lambda: next(forged))
    statuses = [visitor.register("forfalsket", n, municipality)[0] for n in range(40)]

    assert statuses[:RATE_LIMIT] == [302] * RATE_LIMIT
    assert statuses[RATE_LIMIT:] == [429] * (40 - RATE_LIMIT)
    assert Registration.objects.filter(meeting=meeting).count() == RATE_LIMIT


def test_wrong_passwords_from_one_address_do_not_lock_the_user_out_elsewhere(
    portal_behind_nginx,
):
    factories.staff("sekretaer")
    attacker = Visitor(portal_behind_nginx, "127.0.0.5")
    for _ in range(6):
        attacker.log_in("sekretaer", "forkert")
    status, page = attacker.log_in("sekretaer", factories.PASSWORD)
    assert status == 429, "the attacking address is locked out"

    status, _ = Visitor(portal_behind_nginx, "127.0.0.6").log_in("sekretaer", factories.PASSWORD)
    assert status == 302, "the secretary logs in from another address"


def _aalborg():
    from meetings.models import Municipality

    return Municipality.objects.get(name="Aalborg").pk


def test_the_proxy_count_reads_the_right_entry():
    from klmeetings.client_address import client_address

    meta = {"REMOTE_ADDR": "10.9.9.9", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 1.2.3.4, 10.0.0.2"}
    assert client_address(meta, 0) == "10.9.9.9"
    assert client_address(meta, 1) == "10.0.0.2"
    assert client_address(meta, 2) == "1.2.3.4"
    assert client_address(meta | {"HTTP_X_FORWARDED_FOR": "1.2.3.4"}, 2) == "10.9.9.9"
    assert client_address(meta | {"HTTP_X_FORWARDED_FOR": "ikke en adresse"}, 1) == "10.9.9.9"
