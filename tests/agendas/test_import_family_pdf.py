"""Issue 15: the PDFs of the imported family: every number, title, Sags ID, initials and section
line in order; a contents page that gives the pages the headings print on; the closed item in no
public channel but in the members' edition; export_pdf --all writes agendas and referater."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from agendas.services.document import PUBLIC, STAFF, agenda_pdf, minutes_pdf
from agendas.services.publishing import approve_minutes, publish_agenda
from agendas.services.text_import import import_agenda_text
from meetings.models import Meeting
from tests.support import pdf_pages

from .import_family_helpers import EXPECTED, LONG_DATES, NORDJYLLAND, REFERAT, SECTION_LINES
from .test_agenda_pdf import heading_pages, toc_page_numbers

pytestmark = pytest.mark.django_db


def assert_in_order(text, needles):
    position = 0
    flat = " ".join(text.split())
    for needle in needles:
        found = flat.find(" ".join(needle.split()), position)
        assert found >= 0, f"'{needle}' is not after position {position}"
        position = found + len(needle)


def expected_lines(path, minutes):
    lines = []
    for number, title, case_line, headings, _closed in EXPECTED[path]:
        lines += [f"{number}. {title}", case_line]
        shown = [h for h in headings if (h == "Beslutning") == minutes]
        lines += shown
    return [line for line in lines if line]


@pytest.mark.parametrize("path", [REFERAT, NORDJYLLAND, LONG_DATES], ids=lambda p: p.stem)
def test_every_number_title_case_line_and_section_is_in_the_pdfs_in_order(path):
    agenda = import_agenda_text(path.read_text(encoding="utf-8")).agenda
    text = "\n".join(pdf_pages(agenda_pdf(agenda, STAFF)))
    assert_in_order(text, expected_lines(path, minutes=False))
    agenda_lines = [line for line in SECTION_LINES[path] if line not in MINUTES_ONLY]
    assert_in_order(text, agenda_lines)
    if any("Beslutning" in e[3] for e in EXPECTED[path]):
        referat = "\n".join(pdf_pages(minutes_pdf(agenda, STAFF)))
        assert_in_order(referat, expected_lines(path, minutes=True))


MINUTES_ONLY = {"Dagsordenen blev godkendt.", "Intet."}


def test_the_referat_pdf_has_the_attendance_and_every_decision_under_its_item():
    agenda = import_agenda_text(REFERAT.read_text(encoding="utf-8")).agenda
    text = "\n".join(pdf_pages(minutes_pdf(agenda, STAFF)))
    assert_in_order(
        text,
        [
            "Til stede: Erik Lauritzen, Peter Rahbæk Juel, Jacob Bjerregaard",
            "Fraværende: Mette Nielsen (afbud), Søren Steen Andersen",
            "1. Godkendelse af dagsorden", "Beslutning", "Dagsordenen blev godkendt.",
            "2.1. Praksisplan for almen praksis", "Beslutning", "tog udkastet til efterretning",
            "2.2. Køb af ejendom til nyt botilbud", "Beslutning", "14 mio. kr.",
            "3. Eventuelt", "Beslutning", "Intet.",
        ],
    )  # fmt: skip


@pytest.mark.parametrize("path", [REFERAT, NORDJYLLAND, LONG_DATES], ids=lambda p: p.stem)
def test_every_agenda_pdfs_contents_give_the_pages_its_headings_print_on(path):
    agenda = import_agenda_text(path.read_text(encoding="utf-8")).agenda
    for audience in (STAFF, PUBLIC):
        pages = pdf_pages(agenda_pdf(agenda, audience))
        items = [
            (n, t) for n, t, *_rest, closed in EXPECTED[path] if audience == STAFF or not closed
        ]
        toc = next(n for n, text in enumerate(pages, start=1) if "Indholdsfortegnelse" in text)
        listed = toc_page_numbers(pages[toc - 1], [n for n, _ in items])
        assert listed == heading_pages(pages, items, skip={toc})


def test_the_closed_item_is_in_no_public_channel_but_in_the_members_edition(client):
    agenda = import_agenda_text(REFERAT.read_text(encoding="utf-8")).agenda
    meeting = agenda.meeting
    # the secretariat publishes the meeting and the agenda, and approves the referat
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.PUBLISHED,
        starts_at=timezone.now() + timedelta(days=7),
        ends_at=timezone.now() + timedelta(days=7, hours=3),
    )
    publish_agenda(agenda)
    approve_minutes(agenda)
    secrets = ("Køb af ejendom", "Strandvejen 12", "SAG-2022-00789")
    public = [
        client.get(agenda.get_absolute_url()).content.decode(),
        client.get(meeting.get_absolute_url()).content.decode(),
        client.get("/dagsordener/").content.decode(),
        client.get("/dagsordener/feed/").content.decode(),
        client.get(f"/moeder/{meeting.pk}/kalender.ics").content.decode(),
        client.get(f"/arrangoerer/{meeting.organiser.slug}/kalender.ics").content.decode(),
        "\n".join(pdf_pages(agenda_pdf(agenda, PUBLIC))),
        "\n".join(pdf_pages(minutes_pdf(agenda, PUBLIC))),
        "\n".join(pdf_pages(client.get(f"/dagsordener/{agenda.pk}/dagsorden.pdf").content)),
        "\n".join(pdf_pages(client.get(f"/dagsordener/{agenda.pk}/referat.pdf").content)),
        *(
            client.get("/dagsordener/soeg/", {"q": q}).content.decode().replace(q, "")
            for q in ("Strandvejen", "botilbud", "ejendom")
        ),
    ]
    assert "Praksisplan for almen praksis" in public[0]
    assert "Praksisplan for almen praksis" in public[6]
    for text in public:
        for secret in secrets:
            assert secret not in text
    members = "\n".join(pdf_pages(agenda_pdf(agenda, STAFF)))
    members_referat = "\n".join(pdf_pages(minutes_pdf(agenda, STAFF)))
    assert "2.2. Køb af ejendom til nyt botilbud" in members
    assert "Strandvejen 12 for 14 mio. kr." in members_referat


def test_export_pdf_all_writes_the_agendas_and_referater_of_the_demo_data(tmp_path):
    from agendas import demo
    from agendas.models import Agenda, Section
    from agendas.services.editing import set_sections

    demo.load()
    agenda = Agenda.objects.get(meeting__organiser__name="KKR Midtjylland")
    for item, _number in agenda.numbered_items():
        if not item.children.exists():
            set_sections(item, {Section.Kind.DECISION: f"<p>Besluttet: {item.title}.</p>"})
    call_command("export_pdf", "--all", str(tmp_path))
    names = sorted(p.name for p in tmp_path.iterdir())
    for kind in ("dagsorden", "dagsorden-medlemmer", "referat", "referat-medlemmer"):
        assert any(re.match(rf"{kind}-2021-08-30-", n) for n in names), (kind, names)
    assert any(re.match(r"referat-medlemmer-2021-08-30-.*\.docx$", n) for n in names)
    referat = next(tmp_path.glob("referat-2021-08-30-*.pdf")).read_bytes()
    assert "Besluttet: Aktuelt om kommunestyret." in "\n".join(pdf_pages(referat))


def test_a_long_table_repeats_its_header_row_on_every_page_and_fits_the_column():
    rows = "\n".join(f"\tKommune {n}\t{n}\t{n * 3}" for n in range(1, 120))
    text = NORDJYLLAND.read_text(encoding="utf-8").replace(
        "\tAalborg\t4\t12", f"\tAalborg\t4\t12\n{rows}"
    )
    agenda = import_agenda_text(text).agenda
    pages = pdf_pages(agenda_pdf(agenda, STAFF))
    with_rows = [page for page in pages if "Kommune " in page]
    assert len(with_rows) >= 2
    for page in with_rows:
        assert all(word in page for word in ("Klynge", "Kommuner", "Pladser"))
    # each row on one page only
    for n in (1, 60, 119):
        assert sum(bool(re.search(rf"Kommune {n}\b", page)) for page in pages) == 1
