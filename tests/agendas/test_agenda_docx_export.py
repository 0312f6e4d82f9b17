"""Issue 15: the dagsorden and the referat as Word documents, with KL's headings and numbering;
the public edition without the closed item, the members' edition with it marked."""

import io

import pytest

from agendas.services.document import PUBLIC, STAFF
from agendas.services.docx_export import agenda_docx, minutes_docx
from agendas.services.text_import import import_agenda_text

from .import_family_helpers import EXPECTED, NORDJYLLAND, REFERAT

pytestmark = pytest.mark.django_db


def paragraphs(data):
    from docx import Document

    return [(p.style.name, p.text) for p in Document(io.BytesIO(data)).paragraphs]


def headings(data, levels=("Heading 1", "Heading 2")):
    return [text for style, text in paragraphs(data) if style in levels]


def test_the_agenda_in_word_has_every_item_as_a_numbered_heading_in_order_with_its_case_line():
    agenda = import_agenda_text(NORDJYLLAND.read_text(encoding="utf-8")).agenda
    data = agenda_docx(agenda, STAFF)
    assert headings(data) == [f"{n}. {t}" for n, t, *_ in EXPECTED[NORDJYLLAND]]
    texts = [text for _style, text in paragraphs(data)]
    assert "SAG-2023-00110 ajo" in texts
    assert "Sagsfremstilling" in texts
    assert "tager status til efterretning" in texts
    from docx import Document

    table = Document(io.BytesIO(data)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Klynge", "Kommuner", "Pladser"]


def test_the_referat_in_word_has_attendance_decisions_and_the_closed_item_only_for_members():
    agenda = import_agenda_text(REFERAT.read_text(encoding="utf-8")).agenda
    public = [text for _style, text in paragraphs(minutes_docx(agenda, PUBLIC))]
    members = [text for _style, text in paragraphs(minutes_docx(agenda, STAFF))]
    assert "Fraværende: Mette Nielsen (afbud), Søren Steen Andersen" in public
    assert "Dagsordenen blev godkendt." in public
    assert not any("Køb af ejendom" in t or "Strandvejen" in t for t in public)
    assert "2.2. Køb af ejendom til nyt botilbud (lukket)" in members
    assert "KKR Syddanmark godkendte købet af Strandvejen 12 for 14 mio. kr." in members
    assert not any("Køb af ejendom" in t for t in paragraphs_text(agenda_docx(agenda, PUBLIC)))


def paragraphs_text(data):
    return [text for _style, text in paragraphs(data)]


def test_the_secretariat_downloads_the_word_editions_from_the_agendas_admin_page(admin_client):
    agenda = import_agenda_text(NORDJYLLAND.read_text(encoding="utf-8")).agenda
    page = admin_client.get(f"/admin/agendas/agenda/{agenda.pk}/change/").content.decode()
    assert "Word til medlemmer" in page and "Referat (Word)" in page

    response = admin_client.get(f"/admin/agendas/agenda/{agenda.pk}/word/dagsorden/fuld/")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert 'filename="dagsorden-' in response["Content-Disposition"]
    assert headings(response.content) == [f"{n}. {t}" for n, t, *_ in EXPECTED[NORDJYLLAND]]
    referat = admin_client.get(f"/admin/agendas/agenda/{agenda.pk}/word/referat/fuld/")
    assert referat.status_code == 200
    assert (
        admin_client.get(f"/admin/agendas/agenda/{agenda.pk}/word/noget/fuld/").status_code == 404
    )


def test_the_agenda_list_offers_the_import(admin_client):
    page = admin_client.get("/admin/agendas/agenda/").content.decode()
    assert "/admin/agendas/agenda/importer/" in page
    assert "Importér dagsorden eller referat" in page
