"""Seconds per page of the invitation and the programme PDFs of the demo seeds.

    .venv/bin/python bench/pdf_meetings.py [runs]

Builds a throw-away SQLite database in a temporary VAR_DIR, loads the seed meetings, and times
WeasyPrint on the documents' HTML (the PDF cache is bypassed, so every run lays out anew). The
first render of the process (fonts and stylesheet loaded) is reported apart from the warm runs.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klmeetings.settings")
os.environ["DEBUG"] = "1"
os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="klmeetings-bench-")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

import pypdf  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402

from klmeetings.documents import render_html_to_pdf  # noqa: E402
from meetings import services  # noqa: E402
from meetings.demo import create_seed_meeting  # noqa: E402
from meetings.demo_seeds import SEEDS  # noqa: E402


def measure(template, context, runs):
    html = render_to_string(template, context)
    started = time.perf_counter()
    pdf = render_html_to_pdf(html)
    first = time.perf_counter() - started
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        render_html_to_pdf(html)
        timings.append(time.perf_counter() - started)
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return pages, first, statistics.median(timings), len(pdf)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    call_command("migrate", verbosity=0)
    meetings = {key: create_seed_meeting(seed) for key, seed in SEEDS.items()}
    documents = [
        # Seed 002 is a programme only: the conference has no invitation letter to time.
        ("002 program", "pdf/programme.html", services.programme_context, "002"),
        ("000 invitation", "pdf/invitation.html", services.invitation_context, "000"),
        ("001 invitation", "pdf/invitation.html", services.invitation_context, "001"),
        ("004 invitation", "pdf/invitation.html", services.invitation_context, "004"),
    ]
    print(f"{'document':<16} {'pages':>5} {'first s':>8} {'warm s':>7} {'s/page':>7} {'KB':>5}")
    for name, template, context_of, key in documents:
        meeting = services.meeting_for_documents(meetings[key].pk)
        pages, first, warm, size = measure(template, context_of(meeting), runs)
        print(
            f"{name:<16} {pages:>5} {first:>8.3f} {warm:>7.3f} {warm / pages:>7.3f} "
            f"{size // 1024:>5}"
        )


if __name__ == "__main__":
    main()
