"""An agenda built on one page: new headings and their sub-items in one save, whether typed
one a line ("Punkter i en fart") or added as items with "Underpunkt til overskriften over"."""

import pytest
from django.urls import reverse

from agendas.models import Agenda
from agendas.services.editing import add_items_from_lines
from meetings.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db

ITEMS = """Godkendelse af dagsorden
Meddelelser
- Nyt fra formandskabet
Sager til beslutning (lukket)

Eventuelt
"""


def outline(agenda):
    return [(number, item.title, item.closed) for item, number in agenda.numbered_items()]


def test_items_typed_one_a_line_with_a_sub_item_and_a_closed_one_in_one_save(admin_client):
    meeting = factories.meeting(Meeting.Kind.KKR)
    response = admin_client.post(
        reverse("admin:agendas_agenda_add"),
        {
            "meeting": meeting.pk,
            "quick_items": ITEMS,
            "items-TOTAL_FORMS": 0,
            "items-INITIAL_FORMS": 0,
            "versions-TOTAL_FORMS": 0,
            "versions-INITIAL_FORMS": 0,
        },
        follow=True,
    )
    assert "5 punkter er tilføjet." in response.content.decode()
    agenda = Agenda.objects.get(meeting=meeting)
    assert outline(agenda) == [
        ("1", "Godkendelse af dagsorden", False),
        ("2", "Meddelelser", False),
        ("2.1", "Nyt fra formandskabet", False),
        ("3", "Sager til beslutning", True),
        ("4", "Eventuelt", False),
    ]
    # more lines later go after the items there are
    assert add_items_from_lines(agenda, "- Spørgsmål fra medlemmerne") == 1
    assert outline(agenda)[-1] == ("4.1", "Spørgsmål fra medlemmerne", False)


def test_a_new_heading_and_its_new_sub_item_need_no_save_in_between(admin_client):
    meeting = factories.meeting(Meeting.Kind.KKR)
    agenda = Agenda.objects.create(meeting=meeting)
    data = {
        "meeting": meeting.pk,
        "quick_items": "",
        "items-TOTAL_FORMS": 2,
        "items-INITIAL_FORMS": 0,
        "versions-TOTAL_FORMS": 0,
        "versions-INITIAL_FORMS": 0,
    }
    for index, title in enumerate(["Overskrift", "Underpunkt"]):
        data |= {f"items-{index}-title": title, f"items-{index}-position": index}
    data["items-1-sub_item"] = "on"
    response = admin_client.post(reverse("admin:agendas_agenda_change", args=[agenda.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert outline(agenda) == [("1", "Overskrift", False), ("1.1", "Underpunkt", False)]


def test_opening_an_item_that_was_closed_says_it_stays_out_of_the_public_editions(admin_client):
    meeting = factories.meeting(Meeting.Kind.KKR)
    agenda = Agenda.objects.create(meeting=meeting)
    item = agenda.items.create(title="Personsag", position=0, closed=True)
    data = {
        "meeting": meeting.pk,
        "quick_items": "",
        "items-TOTAL_FORMS": 1,
        "items-INITIAL_FORMS": 1,
        "items-0-id": item.pk,
        "items-0-agenda": agenda.pk,
        "items-0-title": "Personsag",
        "items-0-position": 0,
        "versions-TOTAL_FORMS": 0,
        "versions-INITIAL_FORMS": 0,
    }
    url = reverse("admin:agendas_agenda_change", args=[agenda.pk])
    response = admin_client.post(url, data, follow=True)
    assert outline(agenda) == [("1", "Personsag", False)]
    html = response.content.decode()
    assert "«Personsag» har været lukket og vises derfor stadig ikke offentligt" in html

    # Saving it again without touching "lukket" says nothing more.
    html = admin_client.post(url, data, follow=True).content.decode()
    assert "har været lukket" not in html
