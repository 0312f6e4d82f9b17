"""Issue 15: the import reads the family of KL/KKR agendas and referater, not only seed 003:
documents the tests wrote themselves (tests/agendas/fixtures/) and a Word document, each with
no meeting made first and nothing left unplaced."""

import io
import re

import pytest
from django.core.management import call_command

from agendas.models import Item, Section
from agendas.services.document import STAFF, build_document
from agendas.services.text_import import import_agenda_text, read_document
from meetings.models import Meeting
from tests import factories

from .import_family_helpers import (
    EXPECTED,
    LONG_DATES,
    NORDJYLLAND,
    REFERAT,
    WORD_EXPECTED,
    word_agenda,
)

pytestmark = pytest.mark.django_db


def outline(agenda, minutes=False):
    doc = build_document(agenda)
    decisions = build_document(agenda, minutes=True)["items"]
    result = []
    for item, with_decisions in zip(doc["items"], decisions, strict=True):
        headings = [s["heading"] for s in item["sections"]]
        headings += [s["heading"] for s in with_decisions["sections"]]
        result.append((item["number"], item["title"], item["case_line"], headings, item["closed"]))
    return result


@pytest.mark.parametrize("path", [REFERAT, NORDJYLLAND, LONG_DATES], ids=lambda p: p.stem)
def test_each_document_imports_with_nothing_unplaced_into_a_draft_meeting_made_from_its_header(
    path,
):
    assert not Meeting.objects.exists()
    result = import_agenda_text(path.read_text(encoding="utf-8"))
    assert result.unplaced == []
    assert result.meeting_created
    meeting = result.agenda.meeting
    assert meeting.status == Meeting.Status.DRAFT
    assert outline(result.agenda) == EXPECTED[path]


def test_the_header_gives_organiser_date_time_and_place_in_any_case_and_either_date_form():
    referat = import_agenda_text(REFERAT.read_text(encoding="utf-8")).agenda.meeting
    assert referat.organiser.name == "KKR Syddanmark"  # "KKR SYDDANMARK" in the file
    assert f"{referat.starts_at.astimezone():%d-%m-%Y %H:%M}" == "14-03-2022 09:30"
    assert (referat.venue_name, referat.address) == (
        "Hotel Koldingfjord",
        "Fjordvej 154, 6000 Kolding",
    )
    long = import_agenda_text(LONG_DATES.read_text(encoding="utf-8")).agenda.meeting
    assert long.organiser.name == "KL's Socialudvalg"  # "kl's socialudvalg"
    local = (long.starts_at.astimezone(), long.ends_at.astimezone())
    assert [f"{t:%d-%m-%Y %H:%M}" for t in local] == ["30-08-2021 10:00", "30-08-2021 13:00"]


def test_the_referat_keeps_its_attendance_its_decisions_and_its_closed_item_closed():
    agenda = import_agenda_text(REFERAT.read_text(encoding="utf-8")).agenda
    assert agenda.attendance.splitlines() == [
        "Til stede: Erik Lauritzen, Peter Rahbæk Juel, Jacob Bjerregaard",
        "Fraværende: Mette Nielsen (afbud), Søren Steen Andersen",
    ]
    closed = Item.objects.get(title="Køb af ejendom til nyt botilbud")
    assert closed.closed
    decision = closed.sections.get(kind=Section.Kind.DECISION)
    assert "Strandvejen 12 for 14 mio. kr." in decision.body


def test_sub_items_past_nine_a_heading_alone_a_tab_table_and_every_list_style():
    agenda = import_agenda_text(NORDJYLLAND.read_text(encoding="utf-8")).agenda
    numbers = [n for _, n in agenda.numbered_items()]
    assert numbers[-3:] == ["3.9", "3.10", "3.11"]
    assert not Item.objects.get(title="Udpegninger").children.exists()
    klynger = Item.objects.get(title="Status på sundhedsklyngerne")
    body = {s.kind: s.body for s in klynger.sections.all()}
    # the leading tab makes no empty column; the first row is the header
    assert (
        "<thead><tr><th><p>Klynge</p></th><th><p>Kommuner</p></th><th><p>Pladser</p></th>"
        in (body["case_presentation"])
    )
    assert (
        "<tr><td><p>Aalborg</p></td><td><p>4</p></td><td><p>12</p></td></tr>"
        in (body["case_presentation"])
    )
    assert "<ul><li><p>Aalborg Universitetshospital</p></li>" in body["background"]  # •
    assert "<ul><li><p>tager status til efterretning</p></li>" in body["recommendation"]  # –
    assert "<ul><li><p>Hvordan inddrages almen praksis?</p></li>" in body["case_presentation"]  # *
    assert (
        "<ol><li><p>Fælles forløb for ældre medicinske patienter</p></li>"
        in (body["case_presentation"])
    )
    assert "<p>./. Kommissoriet for klyngerne er vedlagt.</p>" in body["case_presentation"]
    ramme = Item.objects.get(title__startswith="Rammeaftalen").sections.get().body
    assert '<ol type="a"><li><p>styringsaftalen</p></li>' in ramme


def test_a_word_document_with_heading_styles_bold_headings_and_a_real_table_imports_the_same():
    text = read_document("dagsorden.docx", io.BytesIO(word_agenda()))
    result = import_agenda_text(text)
    assert result.unplaced == []
    assert outline(result.agenda) == WORD_EXPECTED
    assert result.agenda.attendance == "Fraværende: Carsten Rasmussen"
    busplan = Item.objects.get(title="Busplan 2025")
    body = {s.kind: s.body for s in busplan.sections.all()}
    assert "<li><p>Nye linjer i Køge</p></li>" in body["background"]
    assert "<th><p>Linje</p></th><th><p>Afgange</p></th>" in body["case_presentation"]
    assert "<td><p>101A</p></td><td><p>48</p></td>" in body["case_presentation"]


def test_import_agenda_command_takes_txt_and_docx_and_says_the_meeting_was_made(tmp_path):
    docx = tmp_path / "kkr-sjaelland.docx"
    docx.write_bytes(word_agenda())
    out = io.StringIO()
    call_command("import_agenda", str(docx), stdout=out)
    assert "oprettet som kladde" in out.getvalue()
    assert "Alt blev placeret." in out.getvalue()
    out = io.StringIO()
    call_command("import_agenda", str(LONG_DATES), stdout=out)
    assert "3 punkter indlæst" in out.getvalue()
    assert Meeting.objects.filter(status=Meeting.Status.DRAFT).count() == 2


def test_the_meeting_is_found_by_organiser_and_day_and_meeting_id_reports_a_disagreeing_header():
    meeting = factories.meeting(
        Meeting.Kind.KKR, organiser="KKR Syddanmark"
    )  # 30-08-2021 10:00, not the file's day
    text = REFERAT.read_text(encoding="utf-8")
    result = import_agenda_text(text, meeting)
    assert result.agenda.meeting == meeting
    said = " ".join(result.notes)
    assert "14-03-2022 09:30" in said and "30-08-2021 10:00" in said
    assert "Hotel Koldingfjord" in said
    # the same day at another hour is the same meeting
    from datetime import datetime

    sameday = factories.meeting(Meeting.Kind.KKR, day=datetime(2021, 8, 30, 13, 0))
    found = import_agenda_text(factories.AGENDA_SEED.read_text(encoding="utf-8"))
    assert found.agenda.meeting == sameday and not found.meeting_created


def test_a_referat_over_the_existing_agenda_fills_in_decisions_and_attendance():
    # the agenda the referat was written from: the same document without its decisions
    agenda_text = re.sub(
        r"\nBeslutning\n\n[^\n]+\n",
        "\n",
        REFERAT.read_text(encoding="utf-8").replace("REFERAT", "DAGSORDEN 2022"),
    )
    agenda = import_agenda_text(agenda_text).agenda
    assert not Section.objects.filter(kind=Section.Kind.DECISION).exists()
    result = import_agenda_text(REFERAT.read_text(encoding="utf-8"))
    assert result.agenda == agenda and result.unplaced == []
    assert result.decisions == 4
    agenda.refresh_from_db()
    assert "Fraværende: Mette Nielsen (afbud), Søren Steen Andersen" in agenda.attendance
    decisions = build_document(agenda, minutes=True)
    by_number = {i["number"]: [s["html"] for s in i["sections"]] for i in decisions["items"]}
    assert "Dagsordenen blev godkendt." in by_number["1"][0]
    assert "14 mio. kr." in by_number["2.2"][0]
    assert Item.objects.get(title="Køb af ejendom til nyt botilbud").closed


def test_what_is_closed_only_probably_is_imported_closed_and_said():
    text = NORDJYLLAND.read_text(encoding="utf-8").replace(
        "3.5. Klimaplanerne", "3.5. Klimaplanerne (fortroligt indtil 1. juni)"
    )
    result = import_agenda_text(text)
    assert result.unplaced == []
    assert Item.objects.get(title__startswith="Klimaplanerne").closed
    assert any("3.5" in note and "lukket" in note for note in result.notes)
    staff = build_document(result.agenda)
    assert STAFF and any(i["closed"] for i in staff["items"])
