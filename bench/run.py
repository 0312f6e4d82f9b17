"""`make bench`: every benchmark, on loopback with bounded load, written to docs/benchmarks.md.

Run inside scripts/with-test-services.sh, which gives PostgreSQL and Redis. Each figure is
set against its ceiling measured in the same run on the same machine.
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
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bench import web  # noqa: E402

PYTHON = sys.executable
ENV = {
    **os.environ,
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-not-secret",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "VAR_DIR": str(PROJECT / "var" / "bench"),
    "ROOT_URLCONF": "bench.ceiling_urls",
    "LOG_LEVEL": "WARNING",
}
GUNICORN_WORKERS = 2


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=PROJECT, env=ENV, check=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn():
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "klmeetings.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(GUNICORN_WORKERS),
            "--log-level",
            "warning",
        ],
        cwd=PROJECT,
        env=ENV,
    )
    base_url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base_url + "/bench/ok", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    try:
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        yield base_url, [int(pid) for pid in children]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def machine():
    versions = subprocess.run(
        [
            PYTHON,
            "-c",
            "import django, celery, weasyprint, psycopg2; "
            "print(django.__version__, celery.__version__, weasyprint.__version__, "
            "psycopg2.__version__.split()[0])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    pg = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from django.db import connection as c; c.ensure_connection(); "
            "print(c.connection.server_version)",
        ],
        cwd=PROJECT,
        env=ENV,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return (
        f"- Run: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, `make bench`\n"
        f"- Machine: {os.cpu_count()} cores, {platform.machine()}, "
        f"{_memory_gib():.0f} GiB, {platform.platform()}\n"
        f"- Python {platform.python_version()}, Django {versions[0]}, Celery {versions[1]}, "
        f"WeasyPrint {versions[2]}, psycopg2 {versions[3]}, PostgreSQL {pg}\n"
        f"- Server: gunicorn, {GUNICORN_WORKERS} sync workers, DEBUG off, on loopback; load: "
        f"wrk, {web.THREADS} threads, {web.CONNECTIONS} connections, {web.DURATION} a target\n"
    )


def _memory_gib():
    meminfo = Path("/proc/meminfo").read_text().split()
    return int(meminfo[meminfo.index("MemTotal:") + 1]) / 1024 / 1024


def web_section(base_url, worker_pids):
    ceiling = web.wrk(base_url + "/bench/ok")
    rows = [('Ceiling: bare view returning "ok"', ceiling, None)]
    pages = {"Meeting list (/)": "/"}
    for name, path in pages.items():
        rows.append((name, web.wrk(base_url + path), 0.70))
    lines = [
        "## Web pages under load",
        "",
        "| target | req/s | ratio to ceiling | goal | p50 ms | p99 ms | requests | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, result, goal in rows:
        ratio = result["rps"] / ceiling["rps"]
        lines.append(
            f"| {name} | {result['rps']:.0f} | {ratio:.0%} | "
            f"{f'≥ {goal:.0%}' if goal else ''} | {result['p50_ms']:.1f} | "
            f"{result['p99_ms']:.1f} | {result['requests']} | {result['errors']} |"
        )
    weight, scripts = web.compressed_weight(base_url, "/")
    before, after, seconds = web.memory_after_requests(base_url, "/", worker_pids)
    lines += [
        "",
        f"- Page weight of `/` with its stylesheets, gzip: {weight / 1024:.1f} KB; "
        f"`<script>` elements: {scripts}.",
        "- Resident size of the gunicorn workers after 10,000 requests to `/` "
        f"({seconds:.0f} s): "
        + ", ".join(f"{before[p] / 1024:.0f} MB → {after[p] / 1024:.0f} MB" for p in before)
        + ".",
        "",
    ]
    return "\n".join(lines)


def main():
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("load_demo")
    manage("collectstatic", "--noinput", "--verbosity", "0")
    sections = ["# Benchmarks", "", machine()]
    with gunicorn() as (base_url, worker_pids):
        sections.append(web_section(base_url, worker_pids))
    output = PROJECT / "docs" / "benchmarks.md"
    output.write_text("\n".join(sections), encoding="utf-8")
    print(output.read_text())


if __name__ == "__main__":
    main()
