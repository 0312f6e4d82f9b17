"""The invitation and programme PDFs of the seeds: klmeetings.documents.render_pdf (template,
cache miss, layout) against WeasyPrint laying out the same saved HTML directly, and a repeated
export of an unchanged document served from the cache, through the function and through the
admin's PDF button.

Called by bench/run.py on the benchmark database after the demo data is loaded.
"""

import io
import statistics
import tempfile
import time
from pathlib import Path

import pypdf
from django.core.cache import cache
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from agendas.models import Agenda
from agendas.services import document as agenda_document
from klmeetings import documents
from meetings import services

from .queries import admin_client, seed_meetings

# Seed 002 is the conference's programme; 000, 001 and 004 are invitation letters.
DOCUMENTS = [
    ("002", "program", "pdf/programme.html", services.programme_context),
    ("000", "invitation", "pdf/invitation.html", services.invitation_context),
    ("001", "invitation", "pdf/invitation.html", services.invitation_context),
    ("004", "invitation", "pdf/invitation.html", services.invitation_context),
]
RATIO_GOAL = 1.1
CACHED_GOAL_MS = 50


def weasyprint_direct(path):
    """What WeasyPrint does with the saved HTML on its own: a fresh font configuration and
    stylesheet, as `weasyprint -s kl.css --pdf-variant pdf/ua-1 file.html` would."""
    fonts = FontConfiguration()
    stylesheet = CSS(filename=str(documents.STYLESHEET), font_config=fonts)
    return HTML(filename=str(path), base_url=documents.STATIC_DIR.as_uri() + "/").write_pdf(
        stylesheets=[stylesheet], font_config=fonts, pdf_variant=documents.PDF_VARIANT
    )


def timed(work, *args):
    started = time.perf_counter()
    result = work(*args)
    return time.perf_counter() - started, result


def measured_documents(meetings):
    """(label, template, context, URL of its button) of every document measured: the seeds'
    letters and programme, and the public dagsorden of seed 003 (published by load_demo)."""
    measured = []
    for key, document, template, context_of in DOCUMENTS:
        meeting = services.meeting_for_documents(meetings[key].pk)
        url = f"/admin/meetings/meeting/{meeting.pk}/pdf/{document}/"
        measured.append((f"seed {key} {document}", template, context_of(meeting), url))
    agenda = Agenda.objects.get(meeting__organiser__name="KKR Midtjylland")
    version = agenda.latest_version()
    context = agenda_document.document_context(
        version.document,
        agenda_document.PUBLIC,
        title="Dagsorden",
        version=version.number,
        changes=version.changes,
        hidden=agenda_document.closed_now([agenda.pk])[agenda.pk],
    )
    url = f"/dagsordener/{agenda.pk}/dagsorden.pdf"
    measured.append(("seed 003 dagsorden", "pdf/agenda.html", context, url))
    return measured


def section(runs):
    meetings = seed_meetings()
    client = admin_client()
    lines = [
        "## PDFs: invitations, programme and dagsorden of the seeds",
        "",
        f"Median of {runs} renders of each, the two ways interleaved. `render_pdf` is timed on a "
        "cache miss (the document's cache key deleted first): template, hashing, layout, "
        'storing in Redis. "WeasyPrint direct" lays out the HTML `render_pdf` made, saved to a '
        'file, with a stylesheet and font configuration of its own. "first" is the first '
        "render of the document in the process. The cached figures are a repeat of an unchanged "
        "document: `render_pdf` itself, and the admin's PDF button "
        "(`/admin/meetings/meeting/<id>/pdf/<document>/`, one request with login, queries and "
        "template).",
        "",
        "| document | pages | KB | first s | render_pdf s | WeasyPrint direct s | ratio | goal "
        "| s per page | cached: function ms | cached: admin button ms | goal |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    directory = Path(tempfile.mkdtemp(prefix="klmeetings-bench-pdf-"))
    for number, (label, template, context, url) in enumerate(measured_documents(meetings)):
        html = render_to_string(template, context)
        saved = directory / f"{number}.html"
        saved.write_text(html, encoding="utf-8")
        cache_key = documents.cache_key(html)
        cache.delete(cache_key)
        first, pdf = timed(documents.render_pdf, template, context)
        ours, direct = [], []
        for _ in range(runs):
            cache.delete(cache_key)
            ours.append(timed(documents.render_pdf, template, context)[0])
            direct.append(timed(weasyprint_direct, saved)[0])
        cached = [timed(documents.render_pdf, template, context)[0] for _ in range(20)]
        button = []
        for _ in range(10):
            seconds, response = timed(client.get, url)
            assert response.status_code == 200 and response.content == pdf, url
            button.append(seconds)
        pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        ratio = statistics.median(ours) / statistics.median(direct)
        cached_ms = statistics.median(cached) * 1000
        button_ms = statistics.median(button) * 1000
        lines.append(
            f"| {label} | {pages} | {len(pdf) // 1024} | {first:.2f} | "
            f"{statistics.median(ours):.2f} | {statistics.median(direct):.2f} | {ratio:.2f}× | "
            f"≤ {RATIO_GOAL}× {'✓' if ratio <= RATIO_GOAL else '✗'} | "
            f"{statistics.median(ours) / pages:.2f} | {cached_ms:.1f} | {button_ms:.1f} | "
            f"< {CACHED_GOAL_MS} ms {'✓' if max(cached_ms, button_ms) < CACHED_GOAL_MS else '✗'} |"
        )
    return lines
