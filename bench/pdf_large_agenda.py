"""Benchmark of a 300-item agenda (seed 003's items over and over, about 100 pages): the export
(`klmeetings.documents.render_pdf` on a cache miss, as the admin's button and `export_pdf`
run it) against raw WeasyPrint on the same HTML, the same stylesheet and the same PDF variant;
and the Word export of the same document. Each measurement runs in a fresh process, so that
its peak resident size is its own (os.wait4).

Run: DEBUG=1 .venv/bin/python bench/pdf_large_agenda.py   (also part of `make bench`)
Results go to docs/benchmarks.md.
"""

import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klmeetings.settings")

ITEMS = 300
RUNS = 2


def setup(database):
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()


def make_document(workdir):
    """Seed 003 imported into a throw-away SQLite database and repeated to ITEMS items; the
    document (JSON) and the export's HTML written to `workdir`."""
    setup(workdir / "bench.sqlite3")
    from django.core.management import call_command
    from django.template.loader import render_to_string
    from django.utils import timezone

    from agendas.services.document import STAFF, build_document, document_context
    from agendas.services.text_import import import_agenda_text
    from meetings.models import Meeting, Organiser

    call_command("migrate", verbosity=0)
    organiser = Organiser.objects.get(name="KKR Midtjylland")
    starts = timezone.make_aware(datetime(2021, 8, 30, 10))
    meeting = Meeting.objects.create(
        organiser=organiser, kind="kkr", title="Bench", starts_at=starts, ends_at=starts
    )
    seed = (PROJECT / "agendas/data/kkr_midtjylland_2021-08-30.txt").read_text()
    document = build_document(import_agenda_text(seed, meeting).agenda)
    items, block = [], 0
    while len(items) < ITEMS:
        for item in document["items"]:
            head, _, sub = item["number"].partition(".")
            number = str(int(head) + 7 * block) + (f".{sub}" if sub else "")
            items.append({**item, "number": number, "anchor": "punkt-" + number.replace(".", "-")})
        block += 1
    document = {**document, "items": items[:ITEMS]}
    (workdir / "document.json").write_text(json.dumps(document))
    html = render_to_string("pdf/agenda.html", document_context(document, STAFF, title="Dagsorden"))
    (workdir / "agenda.html").write_text(html)
    return document


def measure(mode, workdir):
    """In a child process: one export by `mode`; prints its seconds, pages and size."""
    setup(workdir / "bench.sqlite3")
    from django.core.cache import cache
    from pypdf import PdfReader

    document = json.loads((workdir / "document.json").read_text())
    started = time.perf_counter()
    if mode == "raw":
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        from klmeetings.documents import PDF_VARIANT, STATIC_DIR, STYLESHEET

        fonts = FontConfiguration()
        html = (workdir / "agenda.html").read_text()
        started = time.perf_counter()  # the export gets its stylesheet from the process too
        stylesheet = CSS(filename=str(STYLESHEET), font_config=fonts)
        data = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/").write_pdf(
            stylesheets=[stylesheet], font_config=fonts, pdf_variant=PDF_VARIANT
        )
    elif mode == "export":
        from agendas.services.document import STAFF, document_context
        from klmeetings.documents import render_pdf

        cache.clear()
        data = render_pdf("pdf/agenda.html", document_context(document, STAFF, title="Dagsorden"))
    else:  # docx
        from agendas.services.document import STAFF
        from agendas.services.docx_export import _docx

        data = _docx(document, STAFF, "Dagsorden", frozenset())
    seconds = time.perf_counter() - started
    pages = 0 if mode == "docx" else len(PdfReader(io.BytesIO(data)).pages)
    print(json.dumps({"seconds": seconds, "bytes": len(data), "pages": pages}))


def child(mode, workdir):
    process = subprocess.Popen(
        [sys.executable, __file__, mode, str(workdir)], stdout=subprocess.PIPE, text=True
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read()
    if status:
        raise RuntimeError(f"{mode} failed: {output}")
    result = json.loads(output.strip().splitlines()[-1])
    result["rss_mb"] = usage.ru_maxrss / 1024
    return result


def main():
    workdir = Path(tempfile.mkdtemp())
    document = make_document(workdir)
    size = len((workdir / "agenda.html").read_bytes()) // 1024
    print(f"{len(document['items'])} items, HTML {size} KiB")
    results = {"raw": [], "export": []}
    for _ in range(RUNS):  # interleaved, so a busy moment of the machine hits both
        for mode in results:
            results[mode].append(child(mode, workdir))
    labels = {
        "raw": "raw WeasyPrint, same HTML, CSS and variant",
        "export": "export (render_pdf, cache miss)",
    }
    for mode, runs in results.items():
        seconds = statistics.median(r["seconds"] for r in runs)
        rss = max(r["rss_mb"] for r in runs)
        print(f"{labels[mode]:44s} median {seconds:6.1f} s  peak RSS {rss:4.0f} MB  "
              f"{runs[-1]['pages']} pages, {runs[-1]['bytes'] // 1024} KiB")  # fmt: skip
    ratio = statistics.median(r["seconds"] for r in results["export"]) / statistics.median(
        r["seconds"] for r in results["raw"]
    )
    print(f"export / raw WeasyPrint: {ratio:.2f} (goal: at most 1.2)")
    word = child("docx", workdir)
    print(f"{'Word export (python-docx)':44s}        {word['seconds']:6.1f} s  peak RSS "
          f"{word['rss_mb']:4.0f} MB  {word['bytes'] // 1024} KiB")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) == 3:
        measure(sys.argv[1], Path(sys.argv[2]))
    else:
        main()
