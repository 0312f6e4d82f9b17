"""Issue 15: the dagsorden and the referat as Word documents, with KL's headings and numbering;
the public edition without the closed item, the members' edition with it marked. Issue 25:
KL's letterhead, "Side X af Y" and a table of contents as Word fields, checked with python-docx
and in the PDF LibreOffice prints from the file."""

import io
import itertools
import subprocess

import pytest

from agendas.models import Section
from agendas.services.document import PUBLIC, STAFF
from agendas.services.docx_export import agenda_docx, minutes_docx
from agendas.services.editing import set_sections
from agendas.services.text_import import import_agenda_text
from tests import factories

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


# Issue 25: the Word documents look like KL's own.

WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def field_instructions(element):
    return [e.text.strip() for e in element.iter(f"{WORD_NS}instrText")]


def heading_level(paragraph):
    """1, 2, 3 ... of a heading paragraph (its style or the built-in style it is based on)."""
    style = paragraph.style
    while style is not None:
        if style.name.startswith("Heading "):
            return int(style.name.split()[1])
        style = style.base_style
    return None


def word_to_pdf_text(data, tmp_path):
    """The .docx as LibreOffice prints it, read back with pdftotext (one string per page)."""
    source = tmp_path / "dokument.docx"
    source.write_bytes(data)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "dokument.pdf"), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def seed_agenda():
    """Seed 003's agenda in a meeting with the seed's Sags ID."""
    agenda = factories.import_agenda().agenda
    agenda.meeting.case_number = "SAG-2021-03487"
    agenda.meeting.save()
    return agenda


def test_the_word_agenda_carries_the_letterhead_page_fields_a_toc_and_no_skipped_heading():
    from docx import Document

    agenda = seed_agenda()
    udpegninger = agenda.items.get(title="Udpegninger")
    set_sections(udpegninger, {Section.Kind.BACKGROUND: "<p>Ingen.</p><h3>Senere</h3><p>To.</p>"})
    word = Document(io.BytesIO(agenda_docx(agenda, PUBLIC)))
    section = word.sections[0]
    assert section.different_first_page_header_footer
    letterhead = "\n".join(p.text for p in section.first_page_header.paragraphs)
    for expected in ("KL", "Weidekampsgade 10", "2300 København S", "Dato: 30-08-2021",
                     "Sags ID: SAG-2021-03487"):  # fmt: skip
        assert expected in letterhead
    assert "Medlemsudgave" not in letterhead
    for footer in (section.footer, section.first_page_footer):
        assert footer.paragraphs[0].text.startswith("Side 1 af")
        assert field_instructions(footer._element) == ["PAGE", "NUMPAGES"]
    assert [i for i in field_instructions(word.element.body) if i.startswith("TOC")]
    assert word.settings.element.find(f"{WORD_NS}updateFields") is not None

    levels = [heading_level(p) for p in word.paragraphs if heading_level(p)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    # item 4 has no sub-items: its sections are headings 2, not 3
    paragraphs = word.paragraphs
    start = next(n for n, p in enumerate(paragraphs) if p.text == "4. Udpegninger")
    assert heading_level(paragraphs[start]) == 1
    following = next(p for p in paragraphs[start + 1 :] if heading_level(p))
    assert (following.text, heading_level(following)) == ("Baggrund", 2)
    inner = next(p for p in paragraphs[start:] if p.text == "Senere")
    assert heading_level(inner) == 3
    assert word.tables, "the agenda's tables are Word tables"


def test_the_members_word_edition_says_so_in_its_header():
    from docx import Document

    agenda = factories.import_agenda().agenda
    section = Document(io.BytesIO(agenda_docx(agenda, STAFF))).sections[0]
    assert "Medlemsudgave med lukkede punkter" in section.first_page_header.paragraphs[-1].text
    assert "Medlemsudgave" in section.header.paragraphs[0].text


def test_libreoffice_opens_the_word_agenda_with_letterhead_and_page_numbers(tmp_path):
    agenda = seed_agenda()
    pages = word_to_pdf_text(agenda_docx(agenda, STAFF), tmp_path)
    count = len(pages)
    assert count > 5
    for expected in ("KL", "Weidekampsgade 10", "Dato: 30-08-2021", "Sags ID: SAG-2021-03487",
                     "Medlemsudgave med lukkede punkter", f"Side 1 af {count}"):  # fmt: skip
        assert expected in pages[0]
    assert f"Side {count} af {count}" in pages[-1]
    assert "Weidekampsgade" not in pages[1]  # the letterhead is the first page's
    text = "\n".join(pages)
    for title in ("1. Godkendelse af referat", "4. Udpegninger", "Indholdsfortegnelse"):
        assert title in text


def test_libreoffice_opens_the_word_referat_with_its_decisions(tmp_path):
    agenda = import_agenda_text(REFERAT.read_text(encoding="utf-8")).agenda
    text = "\n".join(word_to_pdf_text(minutes_docx(agenda, PUBLIC), tmp_path))
    assert "Dagsordenen blev godkendt." in text
    assert "Side 1 af" in text
    assert "Strandvejen" not in text
