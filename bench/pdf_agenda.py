"""Benchmark of the agenda PDFs: seed 003 imported and rendered (17 pages), and a long agenda
(seed 003's items four times over, 56 items) rendered; staff and public editions.

Run: DEBUG=1 .venv/bin/python bench/pdf_agenda.py
It works in a throw-away SQLite database (the database is a small part of the time; the
layout of the PDF is most of it). Results go to docs/benchmarks.md.
"""

import os
import resource
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klmeetings.settings")
DATABASE = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.utils import timezone  # noqa: E402

from klmeetings.documents import render_html_to_pdf  # noqa: E402

RUNS = 3


def timed(label, function, runs=RUNS):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    print(f"{label:58s} median {statistics.median(times):6.3f} s  (min {min(times):.3f})")
    return result


def main():
    call_command("migrate", verbosity=0)
    from agendas.services.document import PUBLIC, STAFF, build_document, document_context
    from agendas.services.text_import import import_agenda_text
    from meetings.models import Meeting, Organiser

    seed = (
        Path(__file__).resolve().parent.parent / "agendas/data/kkr_midtjylland_2021-08-30.txt"
    ).read_text()
    organiser = Organiser.objects.get(name="KKR Midtjylland")
    counter = iter(range(1000))

    def new_meeting():
        starts = timezone.make_aware(datetime(2021, 8, 30, 10)) + timedelta(days=next(counter))
        return Meeting.objects.create(organiser=organiser, kind="kkr", title="Bench",
                                      starts_at=starts, ends_at=starts)  # fmt: skip

    result = timed(
        "import seed 003 (14 items) into a new meeting",
        lambda: import_agenda_text(seed, new_meeting()),
    )
    document = timed("build the agenda document (3 queries)", lambda: build_document(result.agenda))

    def render(doc, audience):
        html = render_to_string(
            "pdf/agenda.html", document_context(doc, audience, title="Dagsorden")
        )
        return render_html_to_pdf(html)

    render(document, STAFF)  # the first document of a process loads the fonts
    pdf = timed("PDF seed 003, staff edition (no cache)", lambda: render(document, STAFF))
    print(f"  {len(pdf) // 1024} KiB")
    timed("PDF seed 003, public edition (no cache)", lambda: render(document, PUBLIC))

    long_items = []
    for block in range(4):
        for item in document["items"]:
            head, _, sub = item["number"].partition(".")
            number = str(int(head) + 7 * block) + (f".{sub}" if sub else "")
            long_items.append(
                {**item, "number": number, "anchor": "punkt-" + number.replace(".", "-")}
            )
    long_doc = {**document, "items": long_items}
    pdf = timed(
        f"PDF long agenda ({len(long_items)} items), staff edition",
        lambda: render(long_doc, STAFF),
        runs=2,
    )
    print(f"  {len(pdf) // 1024} KiB")
    print(
        f"peak RSS of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB"
    )


if __name__ == "__main__":
    main()
