"""The dagsorden and referat as PDF: a table of contents whose page numbers are the pages the
items are printed on, a public edition without closed items and a full one for staff."""

import re

import pytest
from pypdf import PdfReader

from agendas.models import Item, Section
from agendas.services.document import PUBLIC, STAFF, agenda_pdf, minutes_pdf
from agendas.services.editing import set_sections
from agendas.services.publishing import approve_minutes, publish_agenda
from tests import factories
from tests.support import pdf_pages

pytestmark = pytest.mark.django_db


def toc_page_numbers(toc_text, numbers):
    """{item number: page number printed after its dot leader}, read in order."""
    found = {}
    position = 0
    for number in numbers:
        entry = re.compile(rf"^\s*{re.escape(number)}\. \S", re.M).search(toc_text, position)
        assert entry, f"{number} is not in the table of contents"
        leader = re.compile(r"\.{4,}\s*(\d+)\b").search(toc_text, entry.end())
        found[number] = int(leader.group(1))
        position = leader.end()
    return found


def heading_pages(pages, items, skip):
    """{item number: the 1-based page whose text starts a line with "N. Title"}."""
    result = {}
    for number, title in items:
        pattern = re.compile(rf"^\s*{re.escape(number)}\. {re.escape(title.split()[0])}", re.M)
        hits = [
            n for n, text in enumerate(pages, start=1) if n not in skip and pattern.search(text)
        ]
        assert len(hits) == 1, f"{number}. {title} printed on pages {hits}"
        result[number] = hits[0]
    return result


def test_the_table_of_contents_lists_every_item_with_the_page_its_heading_is_printed_on():
    agenda = factories.import_agenda().agenda
    pdf = agenda_pdf(agenda, STAFF)
    pages = pdf_pages(pdf)
    items = [(i.title, n) for i, n in agenda.numbered_items()]
    toc_index = next(n for n, text in enumerate(pages, start=1) if "Indholdsfortegnelse" in text)
    listed = toc_page_numbers(pages[toc_index - 1], [n for _, n in items])
    printed = heading_pages(pages, [(n, t) for t, n in items], skip={toc_index})
    assert len(listed) == 14
    assert listed == printed
    # the seed's own contents page, for comparison: the same page for every heading
    assert [listed[n] for n in "1234567"] == [3, 4, 8, 11, 12, 16, 17]
    assert "Side 1 af 17" in pages[0]
    assert PdfReader(__import__("io").BytesIO(pdf)).metadata.title.startswith("Dagsorden")


def test_a_closed_item_and_a_closed_section_are_only_in_the_staff_pdf():
    agenda = factories.import_agenda().agenda
    Item.objects.filter(title="Aktuelt om kommunestyret").update(closed=True)
    section = Item.objects.get(title="Orientering").sections.get(kind="case_presentation")
    section.closed = True
    section.save()
    public = "\n".join(pdf_pages(agenda_pdf(agenda, PUBLIC)))
    staff = "\n".join(pdf_pages(agenda_pdf(agenda, STAFF)))
    for secret in ("Aktuelt om kommunestyret", "Ulrik Kjær", "Klimatopmøde den 19. august"):
        assert secret in staff
        assert secret not in public
    assert "Liste over udpegelser" in public  # the open item under the same heading stays
    assert "Offentlig udgave" in public


def test_the_referat_has_each_decision_and_is_approved_only_when_every_item_has_one():
    agenda = factories.import_agenda().agenda
    leaves = [i for i, _ in agenda.numbered_items() if i.parent_id or i.title == "Udpegninger"]
    for item in leaves[:-1]:
        set_sections(item, {Section.Kind.DECISION: f"<p>Godkendt: {item.title}.</p>"})
    with pytest.raises(Exception, match="7.1. Eventuelt"):
        approve_minutes(agenda)
    set_sections(leaves[-1], {Section.Kind.DECISION: "<p>Intet.</p>"})
    approve_minutes(agenda)
    text = "\n".join(pdf_pages(minutes_pdf(agenda, PUBLIC)))
    assert "Referatet er godkendt den" in text
    assert "Godkendt: Aktuelt om kommunestyret." in text
    assert "Beslutning" in text
    assert "Ulrik Kjær" not in text  # the referat holds decisions, not the agenda's text


def test_the_agenda_pdfs_are_laid_out_anew_while_redis_is_away(client, redis_to_stop):
    """The finished PDFs are kept in the cache (Redis); without it they are made again, not
    refused."""
    agenda = factories.import_agenda().agenda
    publish_agenda(agenda)
    first_title = next(item.title for item, _number in agenda.numbered_items())
    redis_to_stop.stop()
    for url in (f"/dagsordener/{agenda.pk}/dagsorden.pdf", f"/dagsordener/{agenda.pk}/samlet.pdf"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert first_title in " ".join(" ".join(pdf_pages(response.content)).split())
