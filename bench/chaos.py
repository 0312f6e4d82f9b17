"""`make chaos`: faults injected into the real processes, on loopback, each scenario bounded;
the outcome per scenario written to docs/reliability.md.

The harness starts what production runs (docker-compose.yml): gunicorn, a Celery worker on
the outbox's "mail" queue, beat, a PostgreSQL and a Redis of its own (so it can stop them for
real) and an SMTP server that keeps an e-mail once it has the final "." (tests/support.py).
Like compose's `restart: unless-stopped` it starts the mailer or beat again if one exits, and
counts it.

Scenarios: Redis killed (SIGKILL) for 10 s in the middle of a burst of registrations;
PostgreSQL stopped for 11 s in the middle of a burst; the SMTP server answering 451 for 60 s;
the mail worker SIGKILLed in the middle of a mailing's batch (twice); cancellations racing
new registrations at a full meeting. Each counts what the clients were told, what is in the
database, and the e-mails owed, delivered and duplicated (by Message-ID, which names the
outbox row).
"""

import contextlib
import datetime
import http.client
import http.cookies
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

import psycopg2

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.support import SMTPServer, free_port, wait_for  # noqa: E402

PYTHON = sys.executable
SWEEP_SECONDS = 2
STUCK_SECONDS = 20
CAPACITY = 1000  # the bursts' meetings have room for all; the race's meeting has CAPACITY_RACE
CAPACITY_RACE = 20
THREADS = 6


def log(*args):
    print(f"[{datetime.datetime.now():%H:%M:%S}]", *args, flush=True)


class Postgres:
    """A PostgreSQL cluster of the run's own, stopped and started with pg_ctl."""

    def __init__(self):
        self.bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        self.dir = tempfile.mkdtemp(prefix="klmeetings-chaos-pg.")
        self.port = free_port()
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/klmeetings"

    def _ctl(self, *args):
        subprocess.run(
            [*self.run_as, str(self.bin / "pg_ctl"), "-D", self.dir, *args],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def init(self):
        subprocess.run(
            [*self.run_as, str(self.bin / "initdb"), "-D", self.dir, "-U", "postgres", "-A"]
            + ["trust", "-E", "UTF8", "--locale=C.UTF-8"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.start()
        subprocess.run(
            [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port)]
            + ["-U", "postgres", "klmeetings"],
            check=True,
        )

    def start(self):
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c max_connections=200"
        )
        self._ctl("-w", "-l", f"{self.dir}/log", "-o", options, "start")

    def stop(self):
        self._ctl("-m", "fast", "-w", "stop")

    def cleanup(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def query(self, sql, *params):
        db = psycopg2.connect(self.url.replace("postgres://", "postgresql://"))
        try:
            with db.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        finally:
            db.close()


class Redis:
    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="klmeetings-chaos-redis.")
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", ""]
            + ["--appendonly", "no", "--dir", self.dir],
            stdout=subprocess.DEVNULL,
        )
        assert wait_for(lambda: listening(self.port), 10)

    def kill(self):
        self.process.kill()
        self.process.wait()

    def cleanup(self):
        if self.process and self.process.poll() is None:
            self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def poll(condition, seconds, interval=0.5):
    """wait_for() at a pace that leaves the busy machine to the portal."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def listening(port):
    try:
        http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
    except OSError:
        return False
    return True


class Supervised:
    """A process started again when it exits, as compose's `restart: unless-stopped` does."""

    def __init__(self, name, command, env, logdir):
        self.name, self.command, self.env = name, command, env
        self.log = open(Path(logdir) / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop
        self.process = None
        self.restarts = 0
        self.stopping = False
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def start(self):
        self._spawn()
        self.thread.start()
        return self

    def _spawn(self):
        self.process = subprocess.Popen(
            self.command,
            cwd=PROJECT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def _watch(self):
        while not self.stopping:
            if self.process.poll() is not None and not self.stopping:
                self.restarts += 1
                log(f"{self.name} exited ({self.process.returncode}); starting it again")
                time.sleep(1)
                self._spawn()
            time.sleep(0.2)

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)

    def stop(self):
        self.stopping = True
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


SETUP = """
import datetime
from django.utils import timezone
from meetings.models import Meeting, Organiser
from registrations.models import RegistrationSettings
starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
for slug, capacity in %r:
    meeting, _ = Meeting.objects.update_or_create(
        registration_slug=slug,
        defaults=dict(
            organiser=Organiser.objects.get(name="KKR Midtjylland"), kind=Meeting.Kind.KKR,
            title="Kaostest " + slug, starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
            venue_name="Scandic", address="Udgårdsvej 2, 8600 Silkeborg",
        ),
    )
    RegistrationSettings.objects.update_or_create(meeting=meeting, defaults={"capacity": capacity})
    print(slug, meeting.pk)
"""

MAILING = """
from django.db import transaction
from outbox import services
with transaction.atomic():
    services.enqueue_many([
        {"to": f"modtager{n}@example.dk", "subject": "Programmet", "body_text": "Se vedhæftet.",
         "key": f"chaos:%(meeting)s:{n}", "scope": "meeting:%(meeting)s"}
        for n in range(%(count)s)
    ])
"""

CANCEL = """
import random, time
from registrations.models import Registration
from registrations.services import waiting_list
done = 0
deadline = time.monotonic() + %(seconds)s
while done < %(count)s and time.monotonic() < deadline:
    confirmed = list(Registration.objects.filter(meeting_id=%(meeting)s, status="confirmed"))
    if confirmed:
        waiting_list.cancel(random.choice(confirmed))
        done += 1
    time.sleep(0.15)
print(done)
"""


class Portal:
    def __init__(self, workdir):
        self.workdir = workdir
        self.pg, self.redis, self.smtp = Postgres(), Redis(), SMTPServer()
        self.port = free_port()
        self.processes = {}

    def env(self):
        return os.environ | {
            "DEBUG": "0",
            "SECRET_KEY": "chaos-only-not-secret",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "VAR_DIR": str(PROJECT / "var" / "chaos"),
            "DATABASE_URL": self.pg.url,
            "REDIS_URL": self.redis.url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp.port),
            "EMAIL_TIMEOUT": "5",
            "OUTBOX_SWEEP_SECONDS": str(SWEEP_SECONDS),
            "OUTBOX_STUCK_SECONDS": str(STUCK_SECONDS),
            "REGISTRATION_RATE_LIMIT": "1000000",
            "DJANGO_SETTINGS_MODULE": "klmeetings.settings",
        }

    def manage(self, *args, capture=False):
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=PROJECT,
            env=self.env(),
            check=True,
            capture_output=capture,
            text=True,
        )
        return result.stdout

    def shell(self, code):
        return self.manage("shell", "--no-imports", "-v", "0", "-c", code, capture=True)

    def start(self, slugs):
        self.pg.init()
        self.redis.start()
        self.smtp.start()
        log("migrating the run's own database")
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        meetings = dict(line.split() for line in self.shell(SETUP % (slugs,)).split("\n") if line)
        env = self.env()
        celery = [PYTHON, "-m", "celery", "-A", "klmeetings"]
        self.processes = {
            "web": Supervised(
                "web",
                [PYTHON, "-m", "gunicorn", "klmeetings.wsgi", "--workers", "2"]
                + ["--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
                env,
                self.workdir,
            ).start(),
            "mailer": Supervised(
                "mailer",
                [*celery, "worker", "-Q", "mail", "--concurrency", "2", "--loglevel", "warning"],
                env,
                self.workdir,
            ).start(),
            "beat": Supervised(
                "beat",
                [*celery, "beat", "--loglevel", "warning"]
                + ["--schedule", str(Path(self.workdir) / "beat-schedule")],
                env,
                self.workdir,
            ).start(),
        }
        assert wait_for(lambda: listening(self.port), 90), "gunicorn did not start"
        return {slug: int(pk) for slug, pk in meetings.items()}

    def stop(self):
        for process in self.processes.values():
            process.stop()
        self.smtp.stop()
        self.redis.cleanup()
        self.pg.cleanup()


class Visitor:
    """A browser that read the tilmeld form once (its CSRF cookie and token) and posts it."""

    def __init__(self, port, slug):
        self.port, self.path = port, f"/tilmeld/{slug}/"
        self.cookies = http.cookies.SimpleCookie()
        status, page = self.request("GET")
        assert status == 200, page[:300]
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        self.municipality = re.search(r'<option value="(\d+)"', page).group(1)

    def request(self, method, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v.value}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{self.path}"
        try:
            connection.request(method, self.path, body=body, headers=headers)
            response = connection.getresponse()
            page = response.read().decode(errors="replace")
            for cookie in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(cookie)
            return response.status, page
        except OSError as error:
            return type(error).__name__, ""
        finally:
            connection.close()

    def register(self, email):
        form = {
            "csrfmiddlewaretoken": self.token,
            "name": "Kaos " + email.split("@")[0],
            "email": email,
            "municipality": self.municipality,
            "role": "kommunalbestyrelsesmedlem",
            "consent": "on",
        }
        return self.request("POST", urllib.parse.urlencode(form))


def burst(portal, slug, count, seconds, fault=None):
    """`count` registrations spread over `seconds` by THREADS visitors; `fault(t)` is called
    from the clock thread with the seconds since the start. Returns {email: status}."""
    visitors = [Visitor(portal.port, slug) for _ in range(THREADS)]
    told = {}
    started = time.monotonic()

    def run(index):
        for number in range(index, count, THREADS):
            due = started + seconds * number / count
            time.sleep(max(0, due - time.monotonic()))
            email = f"{slug}-{number}@example.dk"
            status, page = visitors[index].register(email)
            if status == 200 and "Prøv igen" in page:
                status = "200 prøv igen"
            told[email] = status

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    if fault:
        fault(started)
    for thread in threads:
        thread.join()
    return told


def registrations(portal, meeting):
    return portal.pg.query(
        "SELECT email, status FROM registrations_registration WHERE meeting_id = %s", meeting
    )


def outbox_rows(portal, meeting):
    return {
        pk
        for (pk,) in portal.pg.query(
            "SELECT id FROM outbox_message WHERE scope = %s", f"meeting:{meeting}"
        )
    }


def delivered(portal, rows):
    """Copies received by the SMTP server of each outbox row in `rows`, by Message-ID."""
    copies = Counter()
    for message in list(portal.smtp.messages):
        found = re.match(r"<outbox\.(\d+)\.", message["Message-ID"] or "")
        if found and int(found.group(1)) in rows:
            copies[int(found.group(1))] += 1
    return copies


def outcome(portal, name, meeting, told, capacity, wait_seconds=90, note=""):
    """Waits until every e-mail owed for `meeting` arrived (or `wait_seconds`), then counts."""
    restarts_before = {key: p.restarts for key, p in portal.processes.items()}

    def all_delivered():
        rows = outbox_rows(portal, meeting)
        return rows and set(delivered(portal, rows)) == rows

    poll(all_delivered, wait_seconds)
    rows = outbox_rows(portal, meeting)
    copies = delivered(portal, rows)
    saved = registrations(portal, meeting)
    emails = Counter(email for email, _ in saved)
    ok = {email for email, status in told.items() if status == 302}
    statuses = Counter(str(status) for status in told.values())
    return {
        "name": name,
        "attempts": len(told),
        "told_ok": len(ok),
        "statuses": statuses,
        "5xx": sum(n for s, n in statuses.items() if s[:1] == "5"),
        "500": statuses.get("500", 0),
        "in_db": len(emails),
        "lost": len(ok - set(emails)),
        "saved_not_told": len(set(emails) - ok),
        "duplicated": sum(n - 1 for n in emails.values() if n > 1),
        "confirmed": sum(1 for _, status in saved if status == "confirmed"),
        "oversold": max(0, sum(1 for _, s in saved if s == "confirmed") - capacity),
        "emails_expected": len(rows),
        "emails_delivered": len(copies),
        "emails_duplicated": sum(n - 1 for n in copies.values()),
        "restarts": restarts_before,
        "note": note,
    }


def scenario_redis(portal, meetings):
    slug = "redis"

    def fault(started):
        time.sleep(max(0, started + 3 - time.monotonic()))
        log("Redis: SIGKILL")
        portal.redis.kill()
        time.sleep(10)
        log("Redis: started again")
        portal.redis.start()

    before = {key: p.restarts for key, p in portal.processes.items()}
    told = burst(portal, slug, 150, 16, fault)
    result = outcome(portal, "Redis killed for 10 s mid-burst", meetings[slug], told, CAPACITY)
    result["restarts"] = {k: p.restarts - before[k] for k, p in portal.processes.items()}
    return result


def scenario_postgres(portal, meetings):
    slug = "postgres"

    def fault(started):
        time.sleep(max(0, started + 3 - time.monotonic()))
        log("PostgreSQL: stop (fast)")
        portal.pg.stop()
        time.sleep(11)
        log("PostgreSQL: started again")
        portal.pg.start()

    before = {key: p.restarts for key, p in portal.processes.items()}
    told = burst(portal, slug, 150, 26, fault)
    result = outcome(
        portal, "PostgreSQL stopped for 11 s mid-burst", meetings[slug], told, CAPACITY
    )
    result["restarts"] = {k: p.restarts - before[k] for k, p in portal.processes.items()}
    return result


def scenario_smtp(portal, meetings):
    slug = "smtp"
    before = {key: p.restarts for key, p in portal.processes.items()}
    portal.smtp.refuse_until = time.time() + 60
    log("SMTP: 451 for 60 s")
    told = burst(portal, slug, 60, 10)
    result = outcome(portal, "SMTP answers 451 for 60 s", meetings[slug], told, CAPACITY, 200)
    result["restarts"] = {k: p.restarts - before[k] for k, p in portal.processes.items()}
    return result


def scenario_kill(portal, meetings):
    meeting = meetings["kill"]
    before = {key: p.restarts for key, p in portal.processes.items()}
    portal.smtp.answer_delay = 0.01
    portal.shell(MAILING % {"meeting": meeting, "count": 400})
    rows = outbox_rows(portal, meeting)
    started = len(portal.smtp.received_at)
    kills = 0
    for _ in range(2):
        # Mid-batch: 40 more of the mailing sent (by this worker), more to go.
        sent_before = len(delivered(portal, rows))
        assert poll(lambda before=sent_before: len(delivered(portal, rows)) > before + 40, 90)
        log("mailer: SIGKILL")
        portal.processes["mailer"].kill()
        kills += 1
    result = outcome(
        portal,
        f"mail worker SIGKILLed mid-batch ({kills} times, 400-e-mail mailing)",
        meeting,
        {},
        CAPACITY,
        STUCK_SECONDS * 4,
    )
    portal.smtp.answer_delay = 0.0
    # How long one e-mail of the batch took, 250 to 250: a kill at a random moment lands in
    # the window with about window / this probability.
    times = list(portal.smtp.received_at)[started:]
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    result["per_email_ms"] = statistics.median(gaps) * 1000 if gaps else None
    result["restarts"] = {k: p.restarts - before[k] for k, p in portal.processes.items()}
    return result


def scenario_race(portal, meetings):
    slug, meeting = "race", meetings["race"]
    before = {key: p.restarts for key, p in portal.processes.items()}
    cancelled = []

    def fault(started):
        cancelled.append(portal.shell(CANCEL % {"meeting": meeting, "count": 15, "seconds": 12}))

    told = burst(portal, slug, 60, 10, fault)
    result = outcome(
        portal,
        f"cancellations racing new registrations (capacity {CAPACITY_RACE})",
        meeting,
        told,
        CAPACITY_RACE,
    )
    cancelled_count = int(cancelled[0].strip().splitlines()[-1]) if cancelled else 0
    result["note"] = f"{cancelled_count} cancelled meanwhile"
    result["restarts"] = {k: p.restarts - before[k] for k, p in portal.processes.items()}
    return result


def window(portal):
    """For every e-mail delivered: from the server having its final "." to its "sent"."""
    received, copies = {}, Counter()
    for message, at in zip(list(portal.smtp.messages), list(portal.smtp.received_at), strict=False):
        found = re.match(r"<outbox\.(\d+)\.", message["Message-ID"] or "")
        if found:
            received.setdefault(int(found.group(1)), at)
            copies[int(found.group(1))] += 1
    rows = portal.pg.query(
        "SELECT id, extract(epoch from sent_at) FROM outbox_message WHERE sent_at IS NOT NULL"
    )
    return [
        (float(sent) - received[pk]) * 1000
        for pk, sent in rows
        if pk in received and copies[pk] == 1 and float(sent) >= received[pk]
    ]


def report(results, windows, answer_delay_ms, started_at, load_before):
    per_email = next((r["per_email_ms"] for r in results if r.get("per_email_ms")), None)

    def cell(result, key):
        return str(result[key]) if key in result else "-"

    lines = [
        "# Reliability under faults",
        "",
        "`make chaos` (bench/chaos.py): faults injected into the real processes on loopback. "
        "gunicorn (2 sync workers), a Celery worker on the `mail` queue (prefork, 2), beat, "
        "a PostgreSQL and a Redis of the run's own, and an SMTP server that keeps an e-mail "
        'once it has the final "." (as Postfix does). A supervisor starts the mailer or beat '
        "again if one exits (as compose's `restart: unless-stopped`) and counts it. "
        f"`OUTBOX_SWEEP_SECONDS={SWEEP_SECONDS}`, `OUTBOX_STUCK_SECONDS={STUCK_SECONDS}` to "
        "keep the run short.",
        "",
        f"- Run: {started_at:%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores shared with other "
        f"work (load average before {load_before:.1f}); Python {platform.python_version()}",
        f"- Registrations: {THREADS} visitors, each with the form read once, POST the tilmeld "
        "form at a steady pace. *Told ok* is a 302 to the receipt; *lost* is told ok but not "
        "in the database; *saved, not told* is in the database without a 302 (the visitor "
        "may try again and is then told the address is known); *oversold* is confirmed "
        "beyond capacity. E-mails are the outbox rows of the scenario's meeting; *delivered* "
        "and *duplicated* are counted at the SMTP server by Message-ID, which names the row.",
        "- A 503 is the database outage's page (`klmeetings/outages.py`): `Retry-After`, and "
        "in Danish that the registration was not saved and to try again; a 500 would be an "
        "error page that says neither. *Restarts needed* counts the processes the supervisor "
        "had to start again; in the kill scenario those are the kills themselves.",
        "",
        "| Scenario | POSTs | told ok | answers | 500 | in DB | lost | saved, not told "
        "| dup. regs | oversold | e-mails owed | delivered | duplicated | restarts needed |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for result in results:
        answers = ", ".join(f"{status}: {n}" for status, n in sorted(result["statuses"].items()))
        restarts = ", ".join(f"{k} {n}" for k, n in result["restarts"].items() if n) or "none"
        name = result["name"] + (f" ({result['note']})" if result["note"] else "")
        lines.append(
            f"| {name} | {result['attempts']} | {result['told_ok']} | {answers or '-'} | "
            f"{result['500']} | {result['in_db']} | {result['lost']} | "
            f"{result['saved_not_told']} | {result['duplicated']} | {result['oversold']} | "
            f"{result['emails_expected']} | {result['emails_delivered']} | "
            f"{cell(result, 'emails_duplicated')} | {restarts} |"
        )
    if windows:
        lines += [
            "",
            "## The window in which an e-mail can go out twice",
            "",
            'From the SMTP server having an e-mail\'s final "." to the worker\'s "sent" '
            f"committed, over the {len(windows)} e-mails of this run "
            f'(the server answered 250 {answer_delay_ms:.0f} ms after the "." in the kill '
            f"scenario, at once otherwise): median {statistics.median(windows):.1f} ms, "
            f"p99 {sorted(windows)[int(0.99 * (len(windows) - 1))]:.1f} ms, "
            f"max {max(windows):.1f} ms. A worker killed inside it has delivered that e-mail "
            "and not recorded it: after the stuck window it goes out again, with the same "
            "Message-ID. A real Postfix answers after writing its queue file (a few ms on "
            "local disk), which adds to the window; killed at any other moment, the worker "
            "sends nobody a second e-mail.",
        ]
        if per_email:
            share = statistics.median(windows) / per_email
            lines += [
                "",
                f"In the kill scenario one e-mail took {per_email:.1f} ms (median, from one "
                f"250 to the next), so a kill at a random moment of a batch lands in the "
                f"window with a probability of about {min(share, 1):.0%}, and then costs "
                "one duplicate (the e-mail in flight), never more.",
            ]
    return "\n".join(lines) + "\n"


def main():
    started_at = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()[0]
    workdir = tempfile.mkdtemp(prefix="klmeetings-chaos.")
    portal = Portal(workdir)
    slugs = [
        ("redis", CAPACITY),
        ("postgres", CAPACITY),
        ("smtp", CAPACITY),
        ("kill", CAPACITY),
        ("race", CAPACITY_RACE),
    ]
    results = []
    try:
        meetings = portal.start(slugs)
        log("portal up; logs in", workdir)
        for scenario in (
            scenario_redis,
            scenario_postgres,
            scenario_smtp,
            scenario_kill,
            scenario_race,
        ):
            log("scenario:", scenario.__name__)
            results.append(scenario(portal, meetings))
            log(results[-1])
        windows = window(portal)
    finally:
        portal.stop()
    text = report(results, windows, 10, started_at, load_before)
    (PROJECT / "docs" / "reliability.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
