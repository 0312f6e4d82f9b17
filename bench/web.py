"""Pages under load: gunicorn with PostgreSQL on loopback, driven by wrk with a bounded number of
connections and seconds. Each target is measured right after the ceiling (a bare "ok" view on
the same server), so that the ratio holds even when the shared cores are busy.

A target is one line of TARGETS. Its path may name the ids `bench/run.py` looks up
({conference}: the page of a coming conference). A POST target names a wrk script in bench/,
post_form.lua, which posts BENCH_FORM with one CSRF token for all, taken here from one GET;
an answer other than a redirect counts as an error:

    Target("Tilmelding (POST)", "/tilmeld/{registration}/", 0.50, "post_form.lua",
           form="navn=Bench&email=bench{n}@example.dk"),
"""

import gzip
import os
import re
import subprocess
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

DURATION = "6s"
CONNECTIONS = 16
THREADS = 2
# What every browser sends; the page cache keeps each public page gzip-compressed as well.
ACCEPT_ENCODING = "gzip, deflate, br"
BENCH_DIR = Path(__file__).resolve().parent


@dataclass
class Target:
    name: str
    path: str
    goal: float = 0.70
    script: str | None = None
    form: str = ""
    accept_encoding: str = ACCEPT_ENCODING


TARGETS = [
    Target("Kommende møder (/)", "/"),
    Target("Mødeside, konference med program (GET)", "/moeder/{conference}/", 0.80),
    Target(
        "Mødeside, uden Accept-Encoding (til sammenligning)",
        "/moeder/{conference}/",
        0.0,
        accept_encoding="",
    ),
    Target("Tilmeldingsside (GET)", "/tilmeld/{registration}/", 0.50),
    Target(
        "Tilmelding (POST)",
        "/tilmeld/{registration}/",
        0.10,
        "post_form.lua",
        form="name=Bench+{n}&email=bench{n}%40example.dk&municipality={municipality}"
        "&role=kommunalbestyrelsesmedlem&session={session}&consent=on",
    ),
    Target(
        "Minimal POST: CSRF, to felter, én INSERT (til sammenligning)",
        "/bench/minimal-post",
        0.0,
        "post_form.lua",
        form="name=Bench+{n}&email=bench{n}%40example.dk",
    ),
    Target(
        "Låst gulv: minimal POST med én fælles rækkelås før sin INSERT (til sammenligning)",
        "/bench/locked-post",
        0.0,
        "post_form.lua",
        form="name=Bench+{n}&email=bench{n}%40example.dk",
    ),
]

# Pages whose compressed weight is measured (goal: at most 60 KB with all they pull in).
WEIGHT_PATHS = [
    "/",
    "/moeder/{conference}/",
    "/tilmeld/{registration}/",
    "/dagsordener/",
    "/dagsordener/{agenda}/",
    "/dagsordener/soeg/?q=sundhedsklynger",
    "/privatliv/",
]
WEIGHT_GOAL_KB = 60


def csrf_token(url):
    """The CSRF token a form page gives, and its cookie: one for every POST of a run."""
    with urllib.request.urlopen(url) as response:
        page = response.read().decode()
        cookie = re.search(r"(csrftoken=[^;]+)", response.headers["Set-Cookie"]).group(1)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1), cookie


def wrk(url, duration=DURATION, connections=CONNECTIONS, script=None, form="", accept_encoding=""):
    """Requests per second, p50 and p99 latency in ms, and errors: socket errors, non-2xx/3xx
    answers, and for a POST script every answer that is not a redirect."""
    command = ["wrk", f"-t{THREADS}", f"-c{connections}", f"-d{duration}", "--latency", url]
    if accept_encoding:
        command[1:1] = ["-H", f"Accept-Encoding: {accept_encoding}"]
    env = {**os.environ, "BENCH_FORM": form}
    if script:
        command[1:1] = ["-s", str(BENCH_DIR / script)]
        env["BENCH_TOKEN"], env["BENCH_COOKIE"] = csrf_token(url)
    output = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)\s*$", output, re.M))
    if set(latency) != {"50", "99"}:
        raise RuntimeError(f"wrk {url} gave no latencies:\n{output}")
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    # a POST script counts what was not a redirect (a 200 is a form shown again with errors)
    answers = r"Not redirected: (\d+)" if script else r"Non-2xx or 3xx responses: (\d+)"
    wrong = re.search(answers, output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50_ms": _ms(latency["50"]),
        "p99_ms": _ms(latency["99"]),
        "errors": errors + (int(wrong.group(1)) if wrong else 0),
    }


def _ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def section(base_url, ids):
    """The markdown of every target against the ceiling measured just before it."""
    lines = [
        "## Pages under load",
        "",
        'Each target right after its own ceiling run (the bare view returning "ok"), '
        f"{DURATION} each; the ratio is target ÷ that ceiling. wrk sends "
        f"`Accept-Encoding: {ACCEPT_ENCODING}` as a browser does (to the ceiling too), except "
        "on the row that says it does not.",
        "",
        "| target | req/s | ceiling req/s | ratio | goal | p50 ms | p99 ms | ceiling p99 ms "
        "| requests | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    results = []
    for target in TARGETS:
        ceiling = wrk(base_url + "/bench/ok", accept_encoding=target.accept_encoding)
        form = target.form.format(**ids, n="{n}")  # {n} is the wrk script's, per request
        result = wrk(
            base_url + target.path.format(**ids),
            script=target.script,
            form=form,
            accept_encoding=target.accept_encoding,
        )
        ratio = result["rps"] / ceiling["rps"]
        results.append((target, ratio))
        lines.append(
            f"| {target.name} | {result['rps']:.0f} | {ceiling['rps']:.0f} | {ratio:.1%} | "
            f"{_goal(target, ratio)} | "
            f"{result['p50_ms']:.1f} | {result['p99_ms']:.1f} | {ceiling['p99_ms']:.1f} | "
            f"{result['requests']} | {result['errors']} |"
        )
    return lines, results


def _goal(target, ratio):
    return f"≥ {target.goal:.0%} {'✓' if ratio >= target.goal else '✗'}" if target.goal else "–"


def weight_section(base_url, ids):
    """The markdown of each page's compressed weight with all it pulls in."""
    lines = [
        "## Page weight",
        "",
        "Each page gzip-compressed as a phone fetches it, with everything it pulls in "
        "(stylesheets, icon, scripts, and the fonts and images its stylesheets name). Screen "
        "pages use the system font stack and a Bootstrap trimmed to the classes in use "
        "(`make css`); before that, each page loaded two TrueType fonts and all of Bootstrap, "
        "258-265 KB. tests/checks/test_page_weight.py holds every public page to the goal.",
        "",
        "| page | HTML gzip KB | with all it pulls in KB | goal | `<script>` elements |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for path in WEIGHT_PATHS:
        html_bytes, total, scripts = compressed_weight(base_url, path.format(**ids))
        lines.append(
            f"| `{path}` | {html_bytes / 1024:.1f} | {total / 1024:.1f} | "
            f"≤ {WEIGHT_GOAL_KB} {'✓' if total / 1024 <= WEIGHT_GOAL_KB else '✗'} | {scripts} |"
        )
    return lines


def compressed_weight(base_url, path):
    """Bytes of the page alone and with all it pulls in, each gzip-compressed."""
    html = urllib.request.urlopen(base_url + path).read()
    page = len(gzip.compress(html))
    pulled = re.findall(rb'<link rel="(?:stylesheet|icon)" href="([^"]+)"', html)
    pulled += re.findall(rb'<script[^>]* src="([^"]+)"', html)
    seen, total = set(), page
    while pulled:
        url = urllib.parse.urljoin(base_url + path, pulled.pop().decode())
        if url in seen:
            continue
        seen.add(url)
        body = urllib.request.urlopen(url).read()
        total += len(gzip.compress(body))
        if url.endswith(".css"):
            pulled += [
                found
                for found in re.findall(rb"""url\(\s*['"]?([^'")]+)""", body)
                if not found.startswith(b"data:")
            ]
    return page, total, len(re.findall(rb"<script\b", html))


def rss_kb(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))


def memory_after_requests(base_url, paths, worker_pids, requests=10_000):
    """Resident size of each gunicorn worker before and after exactly `requests` GETs, shared
    among `paths`, from four client threads (wrk cannot stop at a count without leaving
    connections open that a sync worker waits on until its timeout)."""
    before = {pid: rss_kb(pid) for pid in worker_pids}
    started = time.monotonic()
    urls = [base_url + paths[number % len(paths)] for number in range(requests)]

    def fetch(url):
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status

    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(fetch, urls))
    assert statuses.count(200) == requests, "every request answered"
    after = {pid: rss_kb(pid) for pid in worker_pids}
    return before, after, time.monotonic() - started
