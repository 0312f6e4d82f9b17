"""Issue 24, the round trip: the portal's own Word exports import again to the same agenda.
The members' edition gives back every number, title, Sags ID with initials, section (its
heading and its text), decision and closed flag, and the attendance without the edition's
note; the public edition gives the same agenda without its closed items, and says where its
numbering jumps. Held for every agenda in the demo data and for the family's referat with a
closed item and decisions; the export's header and footer parts, if it has them, are left out
and said to be."""

import io
import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from agendas import demo
from agendas.models import Agenda, Item
from agendas.services.document import PUBLIC, STAFF, build_document
from agendas.services.docx_export import agenda_docx, minutes_docx
from agendas.services.text_import import import_agenda_text, read_document
from meetings.models import Meeting

from .import_family_helpers import REFERAT

pytestmark = pytest.mark.django_db


def plain(html_text):
    """The text of a section: inline marks dropped, blocks apart."""
    text = re.sub(r"</?(?:a|em|strong|b|i|u|span)\b[^>]*>", "", html_text)
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def outline(agenda, *, minutes=False, without_closed=False):
    """What a reader of the agenda sees, item by item; numbers given by the order."""
    items = build_document(agenda, minutes=minutes)["items"]
    if without_closed:
        items = [item for item in items if not item["closed"]]
    rows, top, sub = [], 0, 0
    for item in items:
        if item["level"] == 1:
            top, sub = top + 1, 0
            number = str(top)
        else:
            sub += 1
            number = f"{top}.{sub}"
        rows.append(
            (
                number if without_closed else item["number"],
                item["title"],
                item["case_line"],
                item["closed"],
                [(s["heading"], plain(s["html"])) for s in item["sections"]],
            )
        )
    return rows


def empty_meeting(organiser, days):
    """A meeting of the same organiser on another day, with no place and no agenda."""
    starts_at = timezone.make_aware(datetime(2030, 1, 1, 10, 0)) + timedelta(days=days)
    return Meeting.objects.create(
        organiser=organiser,
        kind=Meeting.Kind.KKR,
        title="Møde til indlæsning",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
    )


def reimport(data, meeting):
    return import_agenda_text(read_document("eksport.docx", io.BytesIO(data)), meeting)


def agendas_to_check():
    """The demo's agenda (seed 003, published) with an item and a sub-item closed since, and
    the family's referat (decisions, a closed last sub-item)."""
    demo.load()
    Item.objects.filter(title__in=["Udpegninger", "Aktuelt om kommunestyret"]).update(closed=True)
    import_agenda_text(REFERAT.read_text(encoding="utf-8"))
    return list(Agenda.objects.filter(items__isnull=False).distinct().order_by("pk"))


def test_the_members_word_export_of_every_demo_agenda_imports_to_the_same_agenda():
    agendas = agendas_to_check()
    assert len(agendas) >= 2
    for n, agenda in enumerate(agendas):
        organiser = agenda.meeting.organiser
        meeting = empty_meeting(organiser, n)
        result = reimport(agenda_docx(agenda, STAFF), meeting)
        assert result.unplaced == [], result.unplaced
        assert outline(result.agenda) == outline(agenda)
        assert result.agenda.attendance == agenda.attendance  # no edition note appended
        assert any(line.startswith("Udgavens note: 1 linje udeladt") for line in result.left_out)
        if any(item["sections"] for item in build_document(agenda, minutes=True)["items"]):
            referat = reimport(minutes_docx(agenda, STAFF), meeting)
            assert referat.agenda == result.agenda and referat.unplaced == []
            assert outline(result.agenda, minutes=True) == outline(agenda, minutes=True)
        # the meeting had no place: the document's is filled in
        meeting.refresh_from_db()
        assert meeting.place == agenda.meeting.place


def test_the_public_word_export_imports_without_its_closed_items_and_reports_the_gaps():
    agendas = agendas_to_check()
    for n, agenda in enumerate(agendas):
        result = reimport(agenda_docx(agenda, PUBLIC), empty_meeting(agenda.meeting.organiser, n))
        assert result.unplaced == []
        assert outline(result.agenda) == outline(agenda, without_closed=True)
        assert not any(item.closed for item in result.agenda.items.all())
    gaps = [note for note in result.notes if "springer" in note]
    assert len(gaps) == 0  # the referat's closed item was the last under its heading
    seed = reimport(agenda_docx(agendas[0], PUBLIC), empty_meeting(agendas[0].meeting.organiser, 9))
    gaps = [note.split(": ", 1)[1] for note in seed.notes if "springer" in note]
    assert [gap.split(":")[0] for gap in gaps] == [
        "nummereringen springer fra 3 til 5",
        "nummereringen springer fra 5 til 5.2",
    ]
