"""Issue 25: the samlet dagsorden, the published agenda with its bilag as one PDF. Every page
numbered in the whole document, the table of contents and the bookmarks pointing at the pages
where each item and bilag begin, a Word bilag listed with its link, and no bilag of a closed
item in the public edition."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from pypdf import PdfReader

from agendas.models import Attachment, Item
from agendas.services.combined import combined_pdf
from agendas.services.document import PUBLIC
from agendas.services.publishing import publish_agenda
from klmeetings.documents import render_html_to_pdf
from tests.agendas.access_helpers import CLOSED_TITLE, agenda_with_closed_item, member
from tests.support import pdf_pages

from .test_agenda_pdf import heading_pages, toc_page_numbers

pytestmark = pytest.mark.django_db

OPEN_ITEM = "Liste over udpegelser i næste valgperiode"


def bilag_pdf(name, pages, size="A4"):
    body = "".join(
        f'<p style="break-before: page">{name} side {n}</p>' for n in range(1, pages + 1)
    )
    return render_html_to_pdf(
        f'<html lang="da"><head><title>{name}</title><style>@page {{ size: {size} }}</style>'
        f"</head><body>{body}</body></html>"
    )


def attach(title, item_title, name, content):
    item = Item.objects.get(title=item_title)
    return Attachment.objects.create(item=item, title=title, file=ContentFile(content, name=name))


@pytest.fixture
def agenda():
    """Seed 003's agenda with a closed item; bilag: a two-page PDF and a Word file on open
    items, a three-page A5 landscape PDF on the closed item; published."""
    agenda = agenda_with_closed_item()
    attach("Udpegningsliste", OPEN_ITEM, "udpegninger.pdf", bilag_pdf("Udpegningsliste", 2))
    attach("Notat om klima", "Orientering", "notat.docx", b"PK\x03\x04 not read")
    attach(
        "Fortroligt notat",
        CLOSED_TITLE,
        "fortroligt.pdf",
        bilag_pdf("Fortroligt", 3, "A5 landscape"),
    )
    publish_agenda(agenda)
    return agenda


def outline_pages(reader):
    """[(title, 0-based page, depth)] of the PDF's bookmarks."""
    found = []

    def walk(entries, depth):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((entry.title, reader.get_destination_page_number(entry), depth))

    walk(reader.outline, 0)
    return found


def check_combined(pdf, agenda, bilag):
    """The checks common to both editions; `bilag` is [(title, text on its pages, pages)]."""
    pages = pdf_pages(pdf)
    total = len(pages)
    agenda_part = total - sum(count for _t, _text, count in bilag)
    for number, text in enumerate(pages, start=1):
        assert f"Side {number} af {total}" in text, f"page {number} is not numbered"
    # the bilag follow the agenda in item order, each page stamped
    start = agenda_part + 1
    starts = {}
    for title, text, count in bilag:
        for n in range(count):
            assert f"{text} side {n + 1}" in pages[start + n - 1]
        starts[title] = start
        start += count
    # the table of contents: items on the pages of their headings, bilag where they begin
    toc = next(n for n, text in enumerate(pages, start=1) if "Indholdsfortegnelse" in text)
    items = [
        (n, i.title) for i, n in agenda.numbered_items() if f"{n}. {i.title}" in pdf_text(pages)
    ]
    listed = toc_page_numbers(pages[toc - 1], [n for n, _t in items])
    assert listed == heading_pages(pages[:agenda_part], items, skip={toc})
    for title, page in starts.items():
        line = next(line for line in pages[toc - 1].splitlines() if f"Bilag: {title}" in line)
        assert line.rstrip().endswith(str(page)), line
    # the bookmarks: each item and each bilag, a bilag under its item
    marks = outline_pages(PdfReader(io.BytesIO(pdf)))
    by_title = {title: (page, depth) for title, page, depth in marks}
    for number, title in items:
        assert by_title[f"{number}. {title}"][0] + 1 == listed[number]
    for title, page in starts.items():
        assert by_title[f"Bilag: {title}"][0] + 1 == page
        assert by_title[f"Bilag: {title}"][1] > 0
    return pages


def pdf_text(pages):
    return " ".join(" ".join(pages).split())


def test_the_public_samlet_dagsorden_has_the_open_bilag_numbered_and_no_closed_one(client, agenda):
    response = client.get(f"/dagsordener/{agenda.pk}/samlet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = check_combined(response.content, agenda, [("Udpegningsliste", "Udpegningsliste", 2)])
    text = pdf_text(pages)
    assert "Fortroligt" not in text and CLOSED_TITLE not in text
    # the Word bilag is listed under its item with its link
    bilag = Attachment.objects.get(title="Notat om klima")
    assert f"Notat om klima: {settings.SITE_URL}/dagsordener/bilag/{bilag.pk}/" in text


def test_the_members_samlet_dagsorden_has_the_closed_item_and_its_bilag(client, agenda):
    url = f"/dagsordener/{agenda.pk}/medlemmer/samlet.pdf"
    assert client.get(url).status_code == 302  # to the members' login
    client.force_login(member(organiser="KKR Syddanmark", username="andet-kkr"))
    assert client.get(url).status_code == 403
    client.force_login(member())
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "da"
    assert reader.metadata.title == f"{agenda.latest_version().label} med bilag: KKR Midtjylland"
    pages = check_combined(
        response.content,
        agenda,
        # in item order: the closed item comes before the open one
        [("Fortroligt notat", "Fortroligt", 3), ("Udpegningsliste", "Udpegningsliste", 2)],
    )
    assert CLOSED_TITLE in pdf_text(pages)


def test_the_meeting_page_and_the_agenda_page_link_the_samlet_dagsorden(client, agenda):
    link = f"/dagsordener/{agenda.pk}/samlet.pdf"
    assert link in client.get(f"/dagsordener/{agenda.pk}/").content.decode()
    assert link in client.get(agenda.meeting.get_absolute_url()).content.decode()


def test_a_bilag_file_replaced_under_the_same_name_is_not_served_from_the_cache(agenda):
    version = agenda.latest_version()
    first = pdf_text(pdf_pages(combined_pdf(agenda, PUBLIC, version)))
    assert "Udpegningsliste side 2" in first
    bilag = Attachment.objects.get(title="Udpegningsliste")
    Path(bilag.file.path).write_bytes(bilag_pdf("Rettet liste", 2))
    again = pdf_text(pdf_pages(combined_pdf(agenda, PUBLIC, version)))
    assert "Rettet liste side 2" in again and "Udpegningsliste side 2" not in again
