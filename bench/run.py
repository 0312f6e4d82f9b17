"""`make bench`: every benchmark, on loopback with bounded load, written to docs/benchmarks.md.

Run inside scripts/with-test-services.sh, which gives PostgreSQL and Redis. Each figure is
set against its ceiling measured in the same run on the same machine. In order:
1. migrate and load the demo data; count the SQL queries of every page (bench/queries.py);
2. the PDFs of the seeds (bench/pdf_meetings.py);
3. grow the data tenfold (bench/data.py) and count the queries again: they must not change;
4. gunicorn under wrk against the bare "ok" view, page weight, memory (bench/web.py);
5. the outbox to a local SMTP server (bench/outbox_throughput.py);
6. registration under concurrency, mailings and agenda PDFs, each in a process of its own.

`bench/run.py web` measures only the pages under load (after the data of steps 1 and 3) and
prints them without writing docs/benchmarks.md; bench/registration.py runs alone (its
docstring says how).
"""

import datetime
import os
import platform
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-not-secret",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "VAR_DIR": str(PROJECT / "var" / "bench"),
    "ROOT_URLCONF": "bench.ceiling_urls",
    "LOG_LEVEL": "WARNING",
    # The tilmeld POST target sends thousands of registrations from one address.
    "REGISTRATION_RATE_LIMIT": "100000000",
    "DJANGO_SETTINGS_MODULE": "klmeetings.settings",
}
os.environ.update(ENV)

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from agendas.models import Agenda  # noqa: E402
from bench import ceiling_urls, data, outbox_throughput, pdf_meetings, queries, web  # noqa: E402
from meetings.models import Meeting, Municipality  # noqa: E402
from outbox.models import Message  # noqa: E402
from registrations.models import Registration  # noqa: E402

GUNICORN_WORKERS = 2
FACTOR = 10
PDF_RUNS = 5
OUTBOX_EMAILS = 10_000
MEMORY_REQUESTS = 10_000


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn():
    """The portal under gunicorn as in production (sync workers), with the ceiling's URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "klmeetings.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(GUNICORN_WORKERS),
            "--log-level",
            "warning",
        ],
        cwd=PROJECT,
        env=os.environ,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base_url + "/bench/ok", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        yield base_url, [int(pid) for pid in children]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def machine():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
        durability = []
        for setting in ("fsync", "synchronous_commit", "full_page_writes"):
            cursor.execute(f"SHOW {setting}")
            durability.append(f"{setting} {cursor.fetchone()[0]}")
    meminfo = Path("/proc/meminfo").read_text().split()
    memory_gib = int(meminfo[meminfo.index("MemTotal:") + 1]) / 1024 / 1024
    return [
        f"- Run: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, `make bench` "
        "(bench/run.py; the whole file is written by it).",
        f"- Machine: {os.cpu_count()} cores ({cpu_model()}), {platform.machine()}, "
        f"{memory_gib:.0f} GiB, {platform.platform()}.",
        f"- Load average at the start: {os.getloadavg()[0]:.1f}. Other work on the same cores "
        "makes absolute figures noisy and low; the ratios are measured back to back and are "
        "the figures to read.",
        f"- Python {platform.python_version()}, Django {django.get_version()}, "
        f"gunicorn {version('gunicorn')}, WeasyPrint {version('weasyprint')}, "
        f"psycopg2 {version('psycopg2-binary')}, PostgreSQL {postgres} (loopback, "
        f"{', '.join(durability)}), "
        f"Redis cache, aiosmtpd {version('aiosmtpd')}.",
        f"- Server: gunicorn, {GUNICORN_WORKERS} sync workers, DEBUG off; load: wrk, "
        f"{web.THREADS} threads, {web.CONNECTIONS} connections, {web.DURATION} a run.",
    ]


def queries_section(before, after, summary):
    lines = [
        "## SQL queries per page, demo data and tenfold",
        "",
        f"Counted in-process with Django's test client (the second request of each page, "
        "rendered anew: a public page served from the page cache runs no query at all; public "
        f"pages as a visitor, admin pages as a superuser), with the demo data and again after "
        f"`bench/data.py` grew it {FACTOR}-fold ({summary}). Goal: the same count. "
        "tests/checks/test_query_counts.py holds the same pages to it.",
        "",
        "| page | queries, demo data | queries, tenfold | same |",
        "| --- | ---: | ---: | ---: |",
    ]
    for (group, name), count in before.items():
        lines.append(
            f"| {group}: {name} | {count} | {after[group, name]} | "
            f"{'✓' if count == after[group, name] else '✗'} |"
        )
    return lines


FINDINGS = [
    "## What was found and changed",
    "",
    "- The meeting list ran at a few per cent of the ceiling (an earlier run: 122 vs 1,818 "
    "req/s; in this work 53 vs 2,023 with the tenfold data). That was real, not the load: "
    "persistent connections held under gunicorn (the same PostgreSQL backends served every "
    "request), templates are cached with DEBUG off and anonymous requests touch no session "
    "row, but rendering 36 meeting cards (a `reverse()`, a Danish date span and a choice "
    "label each) costs 8-14 ms in a warm worker against about 0.5 ms for the bare view. No "
    "template trimming closes a twentyfold gap.",
    "- So the public meeting pages are served from a page cache "
    "(`klmeetings.page_cache.cached_public_page`) for visitors without cookies: only what every "
    "visitor sees alike is stored (a request with any cookie, a response that sets one, "
    "used the CSP nonce or was rendered inside a transaction is not), keyed by language, "
    "path and query string under a generation stamp that every save, delete or "
    "many-to-many change in meetings, registrations and agendas replaces (at once and again "
    "on commit). The pages live in each worker's memory: from Redis they cost two round "
    "trips, which alone held the page at a quarter of the ceiling; each worker re-reads the "
    "stamp from Redis at most once a second, so another worker's change shows within a "
    "second, the worker's own at once. tests/checks/test_page_cache.py holds this.",
    "- The admin change page of a meeting ran one query per signatory (the person "
    "autocomplete looked each row's person up alone): now one query for the inline "
    "(`meetings.admin_forms.KnownChoicesAutocomplete`). Every other page counted below already "
    "ran a fixed number of queries.",
    "- Redis (the PDF cache) answers in 1-3 ms on these busy cores; the cached PDF figures "
    "below are mostly that round trip.",
    "- Missed: a repeated export of an unchanged PDF from the cache can take more than 50 "
    "ms through the admin button (see the PDF table; it varies with the load). The cache is keyed "
    "by the document's HTML, so a hit still renders the template (tens of ms for the "
    "eight-page programme on these busy cores) and fetches the PDF from Redis; the admin "
    "button adds the session, the user and the meeting's 11 queries. The function alone "
    "stayed under 50 ms in this run. Closing it would mean keying the PDF by the "
    "meeting's data generation instead of its HTML: not done in this work.",
    "- The tilmeld page (GET) first ran at 1 % of the ceiling (29 req/s, p50 524 ms): laying "
    "out the form with crispy-bootstrap5 (98 municipalities, the sessions with their seats) "
    "took about 40 of its 52 ms. The empty form was then laid out once per meeting and data "
    "generation (`registrations.views._blank_form_html`), which gave 7 % (issue 18: 367 "
    "against 4,812 req/s; 153 against 2,094 on the busy cores just before this change). Now "
    "the whole page is kept (`klmeetings.page_cache.cached_form_page`): rendered once per "
    "meeting and data generation with a placeholder for the CSRF token, and each response "
    "gets the visitor's own token (`get_token`, which also sets the CSRF cookie), "
    "`Cache-Control: private` and `Vary: Cookie`, so no shared cache keeps a page with a "
    "token. A page is kept no longer than until registration opens or closes; the pages of "
    "a personal link and visitors with a session are rendered for themselves as before. "
    "tests/registrations/test_tilmeld_page_cache.py holds this.",
    "- A conference's meeting page is some 300 KB of HTML with the tenfold programme, and "
    "under load it ran at about half the ceiling (52 % in this work on a quiet machine) "
    "although a cache hit costs no more than the bare view in-process: the worker's "
    "LocMemCache pickled the page in and out on every hit, and every visitor got all of it "
    "uncompressed. The page cache now keeps each page as the bytes themselves "
    "(`klmeetings.page_cache.PageStore`) and a gzip-compressed copy made once when stored "
    "(13 KB for this page), sent with `Content-Encoding: gzip` to visitors who accept it "
    "(`Vary: Accept-Encoding`). wrk sends Accept-Encoding as browsers do; the row without it "
    "is for comparison. The tilmeld page stays uncompressed: it carries the visitor's CSRF "
    "token beside reflected input, what BREACH reads a secret from.",
    "- The meeting page then ran at 78-88 % of the ceiling from run to run, at its goal of "
    "80 %. In-process a kept page cost some 25 µs more than the bare view: resolving its URL "
    "(9.6 µs against 4.3 for the bare view's), its key, and a response built twice "
    "(`request.headers` made every header to read Accept-Encoding). Kept pages are now "
    "answered by `klmeetings.page_cache.PageCacheMiddleware`, as Django's "
    "FetchFromCacheMiddleware does: below the middleware that shapes every answer (security "
    "headers, CSP, X-Frame-Options, the CSRF cookie a form page's token sets) and before any "
    "URL is resolved or view called; the views' decorators only keep the pages. A request "
    "for a path with no kept page passes it at the cost of a set look-up (building a key for "
    "each request had cost the bare view 8 µs, 3 %). So a kept page now costs less than the "
    "bare view, which is resolved and called: the meeting list and page run at about the "
    "ceiling (95-108 % in three runs), and the tilmeld page (GET), which gets its visitor's "
    "token filled in, from "
    "64 % to 70-78 % (three runs). tests/checks/test_page_cache.py holds that a kept page goes "
    "out with every header of a rendered one and resolves no URL.",
    "- Registration is bounded by the meeting's lock: every registration for one meeting "
    "re-checks deadline and seats and writes its row and its e-mail in one transaction "
    "under that lock, so at 300 at once the figure is 300 × the time the lock is held. "
    "Timing each step showed that the ORM, not PostgreSQL, held it: building the count and "
    "the locking statement took three times their run time. Both are now written out in "
    "SQL (`registrations.services.registration.LOCK` and `COUNT_AND_FIND`), the count also "
    "finds a known address, so under the lock run only the count, two INSERTs and COMMIT, "
    "and `lock_timeout` is set inside the locking statement. Before the lock: eligibility, "
    "the confirmation of the likely outcome with its .ics. Measured alone, one registration "
    "went from 7.9 to 4.6 ms and held the lock 1.5 ms instead of 3.0 ms.",
    "- `bench/registration.py` now serves the 300 as the web server does: four worker "
    "processes (gunicorn's `--workers 4` in docker-compose.yml), each taking the next "
    "registration when it has written one, and the latency of each runs from the moment "
    "all 300 arrived (waiting for a worker and for the lock included). Each registration "
    "reads the meeting as the tilmeld view does. The old way, 300 threads in one Python "
    "process, is still printed: there they also queue for one interpreter lock, which no "
    "web server imposes, so it stays far above 1 s.",
    "- The tilmeld POST ran 21 statements, then 10: the receipt page reads the address from "
    "a signed cookie of its own instead of a database session, and the cache is django-redis, "
    "which keeps one Redis client per process (Django's own backend built one per call, a "
    "quarter of a millisecond for each registration). Now it runs 6 (BEGIN, the lock, the "
    "count, two INSERTs, COMMIT): the view keeps the meeting with its settings, sessions and "
    "invited municipalities, and the 98 municipalities, for a second per worker "
    "(`registrations.views._recently_read`, forgotten at once when the worker saves such a "
    "row), and the form finds the chosen municipality and session among the rows it has; "
    "the session's seats come with the count. The count took 1 ms with 2,400 on the waiting "
    "list: PostgreSQL, its statistics left behind by the rush, scanned the meeting's every "
    "registration through the meeting's own index. That index and the status's are gone (the "
    "(meeting, status, queued_at) index serves every look-up by meeting), and the seats are "
    "counted in one pass over the confirmed ones: 0.08 ms. The confirmation is rendered for "
    "the outcome last given in the worker rather than for each possible one; each worker "
    "publishes one sweep a second for the e-mails it commits (one broker message, one SMTP "
    "connection per batch) instead of a task for each; the rate limit counts in one round "
    "trip; and a registration that gets no seat starts no new page generation, since public "
    "pages show free seats, never who registered. Against the same gunicorn and wrk script "
    "(10 s, after a warm-up), the POST went from 196 req/s to 303 (the meeting read from "
    "memory), 417, 454, 486 (the count) and 511 (the sweep); three 6 s runs then gave 9.9, "
    "10.1 and 9.7 % of a ceiling measured after each.",
    "- So the tilmeld POST sat at its goal of 10 % of the ceiling (9.7-10.1 % in three runs "
    "of the last work). On these two cores it is bound by CPU, not by the lock: gunicorn's "
    "workers, PostgreSQL, Redis, wrk and the kernel share them fully, and with wrk's 16 "
    "connections the CPU was idle 5 % of the time. Measured in-process (Django's test client, "
    "1,500 registrations onto the waiting list), a registration took 2.77 ms of Python and "
    "0.74 ms of PostgreSQL. Of the Python, `Message.objects.create()` for its e-mail cost "
    "0.27 ms against 0.04 ms for the same INSERT written out, `Registration.save()` as "
    "much, much of it while the meeting's lock was held, and reading the locked settings row "
    "through a RawQuerySet 0.14 ms more than the statement itself. All three are now done by "
    "`klmeetings.rows`, which makes each statement once per model, prepares and converts the "
    "values and sends pre_save and post_save as the ORM does (a personal link's digest, made "
    "by a save() of its own before, is now made by its field, `SecretDigestField`, however "
    "the row is written). tests/checks/test_rows.py holds that the rows equal the ORM's. And "
    "each form no longer copies a queryset of municipalities it replaces by the rows it was "
    "given. Against the same gunicorn and wrk script the POST went from 9.8-10.1 % of the "
    "ceiling to 10.4-10.9 % (the e-mail, the lock and the form) and then from 10.3-11.5 % to "
    "11.5 % (the registration; three runs each, on a machine slower by then); in-process from "
    "2.77 to 2.50 ms of Python and then, on the slower machine, from 2.70 to 2.53. What "
    "remains per registration is spread thin: the confirmation's three templates (about "
    "0.18 ms), the form (0.25 ms with its validation), the "
    "receipt's signed cookie and redirect, the rate limit's round trip to Redis, Django's "
    "request and CSRF check, and PostgreSQL's planning of the lock and the count (57 and "
    '75 µs, pg_stat_statements). For scale, the row "Minimal POST" is the floor of a form '
    "post on the same server (CSRF check, a form of two fields, one INSERT, redirect: "
    "`bench.ceiling_urls.minimal_post`). The registration's INSERT, no longer built by the "
    "ORM, also shortened the hold of the lock: 300 at once for 100 seats finished with a p99 "
    "of 0.67 s in `make bench` (0.83-0.90 s in five runs before it).",
    "- Issue 28 put these paths back on Django's own APIs; the pieces of our own named above "
    "are gone: `klmeetings.rows` (a registration is written with `save()`, its e-mail with "
    '`Message.objects.create()`, the lock\'s row read with `select_for_update(of=("self",))`, '
    "the meeting joined; `lock_timeout` is the connection's), the old `ChoiceAmongRows`, "
    "`_recently_read`, `_blank_form_html`, `_last_placed`, `PageStore` and "
    '`PageCacheMiddleware`. What a worker keeps is in Django\'s cache framework, the "local" '
    "alias (LocMemCache): the pages, the meeting a tilmeld form is made of (under the page "
    "generation read before it) and the outcome last given. `COUNT_AND_FIND` is the one "
    "statement still written out. The page cache is a middleware class used as a view "
    "decorator (`decorator_from_middleware`, as Django's `cache_page` is), so no middleware "
    "order matters, but a kept page now also costs its URL's resolution and the view "
    "middleware (resolving the meeting page's URL took 9.6 µs, above). Promotion counts the "
    "seats once per walk down the waiting list (60 waiting: 67 statements before, 10 now). "
    "The hand-written Python outside tests, migrations and bench went from 11,763 to 11,495 "
    "lines.",
    "- Whole page or fragment: the tilmeld page is still kept whole. Keeping only the "
    "laid-out form gave 7 % of the ceiling, the whole page 64-78 % (above), against a goal of"
    " 50 %; the fragment's own cache is gone, so a visitor with a session gets the form laid "
    "out anew (about 40 ms).",
    "- `make bench` now runs PostgreSQL as deployed: fsync, synchronous_commit and "
    "full_page_writes on (`PG_DURABLE=1` for scripts/with-test-services.sh; the tests keep "
    "them off). Runs before 2026-12-07 had all three off. Each commit then waits for its WAL "
    "flush, and a registration holds its meeting's lock until its commit is flushed.",
    "- The POST measured is the outside run's: the demo conference's form with a municipality"
    " (Viborg), a role, session 1 and consent, one CSRF token and cookie for every request "
    "(bench/web.py takes them from one GET), and every answer that is not a 302 counted as an"
    " error (bench/post_form.lua: a 200 is the form shown again with an error). The demo "
    "conference starts full (8 confirmed, 2 waiting), so every POST lands on the waiting "
    'list. Beside it, the locked floor (row "Låst gulv", `bench.ceiling_urls.locked_post`): '
    "the minimal POST taking one row lock that every request shares (the demo conference's "
    "settings row, `SELECT ... FOR UPDATE`) before its INSERT, in one transaction: what a "
    "per-meeting lock allows on the same server. Where it is below 12 % of the ceiling, the "
    "POST's goal is 80 % of it.",
    "- The outside run (96 against 1,804 req/s, 5 %, and 4-5 % without durability) against "
    "11.4 % here: both post the same form to the same full meeting, and the count under the "
    "lock is bounded by the seats, not by the waiting list, so the meeting, its filling "
    "sessions and the waiting list do not explain it; one token per wrk thread or one for all"
    " changes no work per request; durability does not either (4-5 % without it). What is "
    "left is the load on the cores: the outside run's ceiling (1,804 against 4,639 req/s) "
    "shows a machine more than twice as busy, and the POST is the one target that serialises "
    "on a lock: when the worker or the PostgreSQL backend holding the meeting's lock loses "
    "its core, every registration behind it waits. Short checks while this was written (3 s a"
    " target, durable, load average about 12 from other work on the two cores) point that way"
    " without showing it: the minimal POST at 10.8 and 28.6 % of its ceiling, the locked "
    "floor at 7.2 and 5.5 %, the tilmeld POST at 1.7 and 3.6 % (with a few wrk timeouts at 2 "
    "s). In-process at the same load, a tilmeld POST onto the waiting list took a median of "
    "42-47 ms after issue 28 against 32-38 ms before (about 3 ms on a quiet machine): too "
    "noisy to conclude. These are checks that the pieces run, not figures: the next full "
    "`make bench`, before and after on a quiet machine, gives them.",
]


# Benchmarks that run in a process of their own (they set up their own data), reported as
# they print.
STANDALONE = [
    ("registration.py", "Registration under concurrency (`bench/registration.py`)"),
    ("mailings.py", "Mailings: a reminder to 2,000 invitees (`bench/mailings.py`)"),
    ("pdf_agenda.py", "Agenda PDFs: staff, public and a long agenda (`bench/pdf_agenda.py`)"),
    ("pdf_large_agenda.py", "A 300-item agenda and raw WeasyPrint (`bench/pdf_large_agenda.py`)"),
]


def standalone(script, title):
    result = subprocess.run(
        [sys.executable, str(PROJECT / "bench" / script)],
        cwd=PROJECT,
        env={**os.environ},
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = (result.stdout + result.stderr).strip()
    print(f"{script} measured", flush=True)
    return [f"## {title}", "", "```", output, "```"]


def main():
    only_web = sys.argv[1:] == ["web"]
    started = time.monotonic()
    setup_test_environment()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo")
    call_command("collectstatic", "--noinput", verbosity=0)
    cache.clear()
    sections = [["# Benchmarks", "", *machine()], FINDINGS]
    if not only_web:
        before = queries.count_all()
        print("queries counted", flush=True)
        pdf_lines = pdf_meetings.section(PDF_RUNS)
        print("PDFs measured", flush=True)
    summary = data.multiply(FACTOR)
    cache.clear()
    if not only_web:
        after = queries.count_all()
        sections.append(queries_section(before, after, summary))
    demo_conference = Meeting.objects.get(registration_slug="demo-konference")
    ids = {
        "conference": Meeting.objects.upcoming().filter(kind=Meeting.Kind.CONFERENCE).first().pk,
        "registration": demo_conference.registration_slug,
        "municipality": Municipality.objects.get(name="Viborg").pk,
        "session": demo_conference.sessions.get(number=1).pk,
        "agenda": Agenda.objects.filter(versions__isnull=False).first().pk,
    }
    registrations_before = Registration.objects.filter(meeting=demo_conference).count()
    connection.close()
    with gunicorn() as (base_url, worker_pids):
        web_lines, _ = web.section(base_url, ids)
        if only_web:
            print("\n".join(web_lines))
            return
        weight_lines = web.weight_section(base_url, ids)
        print("web measured", flush=True)
        memory_paths = ["/", f"/moeder/{ids['conference']}/"]
        before_rss, after_rss, seconds = web.memory_after_requests(
            base_url, memory_paths, worker_pids, MEMORY_REQUESTS
        )
    web_lines += [
        "",
        f"Pages measured with the tenfold data: the list shows the "
        f"{Meeting.objects.upcoming().count()} coming meetings (copies of the seeds), the "
        "meeting page is a coming copy of the conference (seed 002) with its programme.",
        "",
        "## Memory",
        "",
        f"- Resident size of each gunicorn worker before and after {MEMORY_REQUESTS:,} requests "
        f"shared between {' and '.join(f'`{p}`' for p in memory_paths)} ({seconds:.0f} s): "
        + ", ".join(
            f"{before_rss[p] / 1024:.0f} MB → {after_rss[p] / 1024:.0f} MB" for p in before_rss
        )
        + ".",
    ]
    saved = Registration.objects.filter(meeting=demo_conference).count() - registrations_before
    Message.objects.filter(key__startswith=ceiling_urls.MINIMAL_POST_KEY).delete()
    web_lines += [
        "",
        f"- The tilmeld POST target saved {saved:,} registrations (confirmed or on the waiting "
        "list) on the demo conference; each takes the meeting's row lock, so registrations for "
        "one meeting are written one at a time.",
    ]
    sections.append(web_lines)
    sections.append(weight_lines)
    sections.append(pdf_lines)
    sections.append(outbox_throughput.section(OUTBOX_EMAILS))
    for script, title in STANDALONE:
        sections.append(standalone(script, title))
    sections.append([f"Whole run: {time.monotonic() - started:.0f} s."])
    output = PROJECT / "docs" / "benchmarks.md"
    output.write_text("\n\n".join("\n".join(lines) for lines in sections) + "\n", encoding="utf-8")
    print(output.read_text())


if __name__ == "__main__":
    main()
