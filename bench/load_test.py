"""`make loadtest`: a bounded load test of the public pages and of registration, on loopback
against gunicorn with PostgreSQL (and Redis for the cache and broker), written to
docs/loadtest.md.

A threaded Python client: CONCURRENCY threads each run ROUNDS rounds. A round is either one
public page (the meeting list, a meeting, the agenda list, an agenda, the tilmeld form, the
privacy page) or, every REGISTER_EVERY-th round, a registration: GET the tilmeld form, then POST
it with the CSRF token and cookie and a new e-mail address, which must answer 302. Every
other answer, and every connection error, counts as an error. The per-IP rate limit of the
tilmeld form is raised for the run (REGISTRATION_RATE_LIMIT): every request comes from
127.0.0.1.

Run inside scripts/with-test-services.sh, which gives PostgreSQL and Redis.
"""

import datetime
import http.client
import http.cookies
import itertools
import os
import platform
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

import django  # noqa: E402

from bench import run  # noqa: E402

CONCURRENCY = 16
ROUNDS = 60
REGISTER_EVERY = 4
SLUG = "belastningstest"

# bench.run put the benchmark settings into the environment when imported; this run keeps its
# own state and lets every registration through the per-IP limit.
os.environ.update(
    VAR_DIR=str(PROJECT / "var" / "loadtest"),
    REGISTRATION_RATE_LIMIT="1000000",
)
PYTHON = sys.executable


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=PROJECT, env=os.environ, check=True)


SETUP = f"""
import datetime
from django.utils import timezone
from agendas.models import Agenda
from meetings.models import Meeting, Organiser
from registrations.models import RegistrationSettings
starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
meeting, _ = Meeting.objects.update_or_create(
    registration_slug="{SLUG}",
    defaults=dict(
        organiser=Organiser.objects.get(name="KKR Midtjylland"), kind=Meeting.Kind.KKR,
        title="Belastningstest", starts_at=starts, ends_at=starts + datetime.timedelta(hours=3),
        venue_name="Scandic", address="Udgårdsvej 2, 8600 Silkeborg",
    ),
)
RegistrationSettings.objects.get_or_create(meeting=meeting)
agenda = Agenda.objects.filter(versions__isnull=False).first()
print(meeting.pk, agenda.pk if agenda else "")
"""


def setup():
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("load_demo")
    manage("collectstatic", "--noinput", "--verbosity", "0")

    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-v", "0", "-c", SETUP],
        cwd=PROJECT,
        env=os.environ,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    meeting_pk, agenda_pk = output[0], (output[1] if len(output) > 1 else None)
    pages = ["/", f"/moeder/{meeting_pk}/", "/dagsordener/", f"/tilmeld/{SLUG}/", "/privatliv/"]
    if agenda_pk:
        pages.append(f"/dagsordener/{agenda_pk}/")
    return pages


class Client:
    """One thread's requests; a new connection each (gunicorn's sync workers close them)."""

    def __init__(self, host, port, results):
        self.host, self.port, self.results = host, port, results

    def request(self, method, path, body=None, headers=None):
        started = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            content = response.read()
            status = response.status
            cookies = response.headers.get_all("Set-Cookie") or []
        except OSError as error:
            status, content, cookies = f"{type(error).__name__}", b"", []
        finally:
            connection.close()
        self.results.append((method, path, status, time.perf_counter() - started))
        return status, content, cookies

    def page(self, path):
        status, _, _ = self.request("GET", path)
        return status == 200

    def register(self, number):
        path = f"/tilmeld/{SLUG}/"
        status, content, cookies = self.request("GET", path)
        if status != 200:
            return False
        jar = http.cookies.SimpleCookie()
        for cookie in cookies:
            jar.load(cookie)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)
        municipality = re.search(rb'<option value="(\d+)"', content).group(1)
        form = {
            "csrfmiddlewaretoken": token.decode(),
            "name": f"Belastning {number}",
            "email": f"belastning{number}@example.dk",
            "municipality": municipality.decode(),
            "role": "kommunalbestyrelsesmedlem",
            "consent": "on",
        }
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v.value}" for k, v in jar.items()),
            "Referer": f"http://{self.host}:{self.port}{path}",
        }
        status, _, _ = self.request("POST", path, urllib.parse.urlencode(form), headers)
        return status == 302


def load(base_url, pages):
    host, port = urllib.parse.urlsplit(base_url).hostname, urllib.parse.urlsplit(base_url).port
    results = []
    failures = []
    numbers = itertools.count(1)

    def worker(offset):
        client = Client(host, port, results)
        for round_number in range(ROUNDS):
            if round_number % REGISTER_EVERY == REGISTER_EVERY - 1:
                ok, what = client.register(next(numbers)), "registration"
            else:
                path = pages[(offset + round_number) % len(pages)]
                ok, what = client.page(path), path
            if not ok:
                failures.append(what)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, failures, time.perf_counter() - started


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(results, failures, seconds, registrations, paths, load_before):
    def row(label, rows):
        latencies = [r[3] * 1000 for r in rows]
        errors = sum(1 for r in rows if not isinstance(r[2], int) or r[2] >= 400)
        return (
            f"| {label} | {len(rows)} | {errors} | {statistics.median(latencies):.0f} | "
            f"{percentile(latencies, 0.99):.0f} | {max(latencies):.0f} |"
        )

    pages = [r for r in results if r[0] == "GET"]
    posts = [r for r in results if r[0] == "POST"]
    lines = [
        "# Load test",
        "",
        "`make loadtest` (bench/load_test.py): gunicorn with PostgreSQL and Redis on loopback, "
        "the demo data plus one meeting open for registration, and a threaded Python client.",
        "",
        f"- Run: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; machine: "
        f"{os.cpu_count()} cores shared with other work (load average before the run "
        f"{load_before:.1f}), Python {platform.python_version()}, Django {django.__version__}",
        f"- Server: gunicorn, {run.GUNICORN_WORKERS} sync workers, DEBUG off; the client runs "
        f"on the same 2 cores",
        f"- Load: {CONCURRENCY} concurrent clients, each {ROUNDS} rounds; every "
        f"{REGISTER_EVERY}th round a registration (GET the form, POST it with the CSRF token), "
        "the others one public page in turn: " + ", ".join(f"`{p}`" for p in paths),
        "- Per-IP rate limit of the tilmeld form raised to "
        f"{os.environ['REGISTRATION_RATE_LIMIT']} "
        "for the run (REGISTRATION_RATE_LIMIT); all requests come from 127.0.0.1",
        "",
        f"**{len(results)} requests at concurrency {CONCURRENCY} in {seconds:.1f} s "
        f"({len(results) / seconds:.0f} requests/s): {len(failures)} errors; "
        f"{registrations} registrations saved.**",
        "",
        "| Requests | Count | Errors | p50 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
        row("All", results),
        row("GET (pages and tilmeld forms)", pages),
        row("POST /tilmeld/ (registration)", posts),
        "",
        "An error is any answer other than 200 for a page or 302 for a registration, or a "
        "failed connection. Latency is measured by the client, from connect to the last byte.",
        "",
    ]
    if failures:
        lines += ["Failures: " + ", ".join(sorted(set(failures))), ""]
    return "\n".join(lines)


def registrations_saved():
    return subprocess.run(
        [
            PYTHON, "manage.py", "shell", "--no-imports", "-v", "0", "-c",
            "from registrations.models import Registration; "
            f"print(Registration.objects.filter(meeting__registration_slug='{SLUG}').count())",
        ],
        cwd=PROJECT, env=os.environ, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip


def main():
    pages = setup()
    load_before = os.getloadavg()[0]
    with run.gunicorn() as (base_url, _):
        results, failures, seconds = load(base_url, pages)
    text = report(results, failures, seconds, registrations_saved(), pages, load_before)
    output = PROJECT / "docs" / "loadtest.md"
    output.write_text(text, encoding="utf-8")
    print(text)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
