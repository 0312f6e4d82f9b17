"""The secretariat's admin: an agenda's page costs the same number of queries with 10 items as
with 60; standard items, moving and copying an item to a later meeting, PDF preview."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agendas.models import Agenda, Item, Section, StandardItem
from agendas.services.editing import add_standard_items, move_item, set_sections
from meetings.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = factories.admin()
    client.force_login(user)
    return client


def agenda_with(items, day):
    agenda = Agenda.objects.create(
        meeting=factories.meeting(Meeting.Kind.KKR, day=datetime(2026, 1, day, 10, 0))
    )
    headings = []
    for n in range(items):
        if n % 3 == 0:
            item = Item.objects.create(agenda=agenda, title=f"Overskrift {n}", position=n)
            headings.append(item)
        else:
            item = Item.objects.create(
                agenda=agenda, parent=headings[-1], title=f"Punkt {n}", position=n,
                case_number="SAG-2026-00001", case_initials="jhp",
            )  # fmt: skip
            set_sections(
                item,
                {
                    Section.Kind.BACKGROUND: f"<p>Baggrund {n}</p>",
                    Section.Kind.RECOMMENDATION: "<ul><li><p>Det indstilles</p></li></ul>",
                },
            )
    return agenda


def change_page_queries(client, agenda):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/admin/agendas/agenda/{agenda.pk}/change/")
    assert response.status_code == 200
    return response, len(queries)


def test_the_agenda_change_page_runs_as_many_queries_with_60_items_as_with_10(admin_client):
    small, large = agenda_with(10, 5), agenda_with(60, 6)
    change_page_queries(admin_client, small)  # warm caches (content types, session)
    response_small, count_small = change_page_queries(admin_client, small)
    response_large, count_large = change_page_queries(admin_client, large)
    assert response_large.content.decode().count('class="inline-related') >= 60
    assert "Baggrund 59" in response_large.content.decode()
    assert count_large == count_small, f"{count_small} with 10 items, {count_large} with 60"


def test_the_admin_shows_derived_numbers_and_previews_the_pdf(admin_client):
    agenda = factories.import_agenda().agenda
    page = admin_client.get(f"/admin/agendas/agenda/{agenda.pk}/change/").content.decode()
    assert "5.2" in page and "Liste over udpegelser i næste valgperiode" in page
    response = admin_client.get(f"/admin/agendas/agenda/{agenda.pk}/pdf/offentlig/")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_standard_items_of_the_organiser_are_added_once():
    meeting = factories.meeting(Meeting.Kind.KKR, day=datetime(2021, 10, 11, 10, 0))
    organiser = meeting.organiser
    StandardItem.objects.create(
        organiser=organiser,
        heading="Godkendelse af referat",
        title="Godkendelse af referat fra sidste møde",
        position=0,
        recommendation="Det indstilles, at referatet godkendes.",
    )
    StandardItem.objects.create(
        organiser=organiser, heading="Eventuelt", title="Eventuelt", position=1
    )
    agenda = Agenda.objects.create(meeting=meeting)
    assert add_standard_items(agenda) == 4
    assert add_standard_items(agenda) == 0
    numbered = [(n, i.title) for i, n in agenda.numbered_items()]
    assert numbered == [
        ("1", "Godkendelse af referat"),
        ("1.1", "Godkendelse af referat fra sidste møde"),
        ("2", "Eventuelt"),
        ("2.1", "Eventuelt"),
    ]
    first = Item.objects.get(title="Godkendelse af referat fra sidste møde")
    assert "referatet godkendes" in first.sections.get(kind="recommendation").body


def test_an_item_is_moved_or_copied_to_a_later_meeting_under_the_same_heading():
    agenda = factories.import_agenda().agenda
    later = Agenda.objects.create(
        meeting=factories.meeting(Meeting.Kind.KKR, day=datetime(2021, 10, 11, 10, 0))
    )
    earlier = Agenda.objects.create(
        meeting=factories.meeting(Meeting.Kind.KKR, day=datetime(2021, 6, 8, 10, 0))
    )
    item = Item.objects.get(title="Liste over udpegelser i næste valgperiode")
    with pytest.raises(ValidationError, match="senere møde"):
        move_item(item, earlier)
    copy = move_item(item, later, copy=True)
    assert copy.pk != item.pk and copy.sections.count() == 3
    moved = move_item(Item.objects.get(title="Aktuelt om kommunestyret"), later)
    assert [(n, i.title) for i, n in later.numbered_items()] == [
        ("1", "KKR"),
        ("1.1", "Liste over udpegelser i næste valgperiode"),
        ("1.2", "Aktuelt om kommunestyret"),
    ]
    assert moved.sections.count() == 3
    # the source renumbers: 5.2 is now 5.1
    assert ("5.1", "Liste over udpegelser i næste valgperiode") in [
        (n, i.title) for i, n in agenda.numbered_items()
    ]


def item_post(item, **extra):
    data = {
        "agenda": item.agenda_id,
        "parent": item.parent_id or "",
        "position": item.position,
        "title": item.title,
        "case_number": item.case_number,
        "case_initials": item.case_initials,
        "docx_kind": "case_presentation",
        "sections-TOTAL_FORMS": 0,
        "sections-INITIAL_FORMS": 0,
        "attachments-TOTAL_FORMS": 0,
        "attachments-INITIAL_FORMS": 0,
    }
    return data | extra


def test_a_word_file_fills_a_section_and_a_broken_one_is_refused_in_danish(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_agenda_import import minimal_docx, paragraph

    factories.import_agenda()
    item = Item.objects.get(title="Aktuelt om kommunestyret")
    url = f"/admin/agendas/item/{item.pk}/change/"
    broken = SimpleUploadedFile("oplaeg.docx", b"not a zip file")
    response = admin_client.post(url, item_post(item, docx=broken, title="Ændret titel"))
    assert response.status_code == 200
    assert "Word-filen kunne ikke læses." in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Aktuelt om kommunestyret"  # nothing saved
    docx = SimpleUploadedFile(
        "oplaeg.docx", minimal_docx(paragraph("Fra Word: kommunestyret.")).read()
    )
    response = admin_client.post(url, item_post(item, docx=docx))
    assert response.status_code == 302
    body = item.sections.get(kind="case_presentation").body
    assert body == "<p>Fra Word: kommunestyret.</p>"


def test_the_item_page_copies_an_item_to_a_later_meeting(admin_client):
    factories.import_agenda()
    later = Agenda.objects.create(
        meeting=factories.meeting(Meeting.Kind.KKR, day=datetime(2021, 10, 11, 10, 0))
    )
    item = Item.objects.get(title="Eventuelt", parent__isnull=False)
    response = admin_client.post(
        f"/admin/agendas/item/{item.pk}/change/", item_post(item, move_to=later.pk, copy="on")
    )
    assert response.status_code == 302
    assert [(n, i.title) for i, n in later.numbered_items()] == [
        ("1", "Eventuelt"),
        ("1.1", "Eventuelt"),
    ]
    assert Item.objects.filter(title="Eventuelt", parent__isnull=False).count() == 2


def test_the_publish_action_makes_a_version_and_says_so_when_nothing_changed(admin_client):
    agenda = factories.import_agenda().agenda
    data = {"action": "publish", "_selected_action": [agenda.pk]}
    response = admin_client.post("/admin/agendas/agenda/", data, follow=True)
    assert "Dagsorden (version 1)" in response.content.decode()
    response = admin_client.post("/admin/agendas/agenda/", data, follow=True)
    assert "Intet er ændret siden version 1." in response.content.decode()
    assert agenda.versions.count() == 1


def test_a_heading_with_sub_items_cannot_be_put_under_another_heading(admin_client):
    factories.import_agenda()
    kkr = Item.objects.get(title="KKR")
    response = admin_client.post(
        f"/admin/agendas/item/{kkr.pk}/change/",
        item_post(kkr, parent=Item.objects.get(title="Siden sidst").pk),
    )
    assert response.status_code == 200
    assert "En overskrift med underpunkter kan ikke" in response.content.decode()
    kkr.refresh_from_db()
    assert kkr.parent_id is None
