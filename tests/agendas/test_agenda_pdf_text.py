"""Issue 25: what a reader copies or searches for in the agenda and referat PDFs comes out
whole. pdftotext (as a PDF reader's search sees the text) must give every word of the document
as a word: no heading spread letter by letter, no hyphen put into a word at a line's end."""

import html
import re
import subprocess

import pytest

from agendas.models import Item, Section
from agendas.services.document import PUBLIC, STAFF, agenda_pdf, build_document, minutes_pdf
from agendas.services.editing import set_sections
from tests import factories

pytestmark = pytest.mark.django_db

WORD = re.compile(r"\w[\w'’-]*\w|\w")


def pdftotext(pdf):
    return subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def plain(markup):
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def words(text):
    return set(WORD.findall(text))


def document_words(document):
    """Every word of the titles, Sags ID lines and section texts of a built document."""
    found = set()
    for item in document["items"]:
        found |= words(f"{item['number']}. {item['title']} {item['case_line']}")
        for section in item["sections"]:
            found |= words(section["heading"] + " " + plain(section["html"]))
    return found


def assert_whole(pdf, document):
    text = pdftotext(pdf)
    # a word with a hyphen of its own may break there ("Sundheds- og", "Arbejdsmar-kedsråd")
    printed = words(text) | words(re.sub(r"-\n", "-", text))
    # ... and pdftotext joins a word broken at its own hyphen at a line's end without it
    missing = sorted(
        word for word in document_words(document) - printed if word.replace("-", "") not in printed
    )
    assert not missing, f"{len(missing)} words not found whole in the PDF's text: {missing[:20]}"


def seed_agenda():
    agenda = factories.import_agenda().agenda
    agenda.meeting.case_number = "SAG-2021-03487"
    agenda.meeting.save()
    return agenda


def test_every_word_title_and_sags_id_of_the_agenda_is_whole_in_the_pdf_text():
    agenda = seed_agenda()
    pdf = agenda_pdf(agenda, STAFF)
    assert_whole(pdf, build_document(agenda))
    text = pdftotext(pdf)
    assert "DAGSORDEN 2021" in text  # not "D A G S O R D E N 2 0 2 1"
    assert "SAG-2021-03487" in text
    flat = " ".join(text.split()).replace("-", "")  # a title may break at its own hyphen
    for item, number in agenda.numbered_items():
        assert f"{number}. {item.title}".replace("-", "") in flat


def test_the_referat_text_is_whole_and_its_closed_item_is_marked_for_members_only():
    agenda = seed_agenda()
    closed = Item.objects.get(agenda=agenda, title="Aktuelt om kommunestyret")
    closed.closed = True
    closed.save()
    set_sections(closed, {Section.Kind.DECISION: "<p>Drøftet i lukket møde.</p>"})
    for item in Item.objects.filter(agenda=agenda).exclude(pk=closed.pk)[:3]:
        set_sections(item, {Section.Kind.DECISION: f"<p>Godkendt: {item.title}.</p>"})
    members = pdftotext(minutes_pdf(agenda, STAFF))
    assert "REFERAT 2021" in members
    line = next(line for line in members.splitlines() if "Aktuelt om kommunestyret" in line
                and "(lukket)" in line)  # fmt: skip
    assert line
    public = pdftotext(minutes_pdf(agenda, PUBLIC))
    assert "Aktuelt om kommunestyret" not in public and "(lukket)" not in public
    assert_whole(minutes_pdf(agenda, STAFF), build_document(agenda, minutes=True))
