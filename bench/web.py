"""Public pages under load: gunicorn with PostgreSQL on loopback, driven by wrk with a bounded
number of connections and seconds, each figure set against the ceiling of a bare "ok" view
measured in the same run."""

import gzip
import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path

DURATION = "8s"
CONNECTIONS = 16
THREADS = 2


def wrk(url, duration=DURATION, connections=CONNECTIONS, script=None):
    """Requests per second, p50 and p99 latency in ms, and non-2xx/3xx or socket errors."""
    command = ["wrk", f"-t{THREADS}", f"-c{connections}", f"-d{duration}", "--latency", url]
    if script:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)$", output, re.M))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50_ms": _ms(latency["50"]),
        "p99_ms": _ms(latency["99"]),
        "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def _ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def compressed_weight(base_url, path):
    """Bytes of the page and its same-origin stylesheets, gzip-compressed as served."""
    html = urllib.request.urlopen(base_url + path).read()
    total = len(gzip.compress(html))
    for href in re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html):
        total += len(gzip.compress(urllib.request.urlopen(base_url + href.decode()).read()))
    scripts = re.findall(rb"<script\b", html)
    return total, len(scripts)


def rss_kb(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))


def memory_after_requests(base_url, path, worker_pids, requests=10_000):
    """Resident size of each gunicorn worker before and after `requests` GETs of `path`."""
    before = {pid: rss_kb(pid) for pid in worker_pids}
    started = time.monotonic()
    subprocess.run(
        [
            "wrk",
            "-t2",
            "-c8",
            "-d60s",
            "-s",
            str(Path(__file__).parent / "stop_after.lua"),
            base_url + path,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "STOP_AFTER": str(requests)},
    )
    after = {pid: rss_kb(pid) for pid in worker_pids}
    return before, after, time.monotonic() - started
