"""Her notes and calendar feed on the admin's personal-data page (issue 27, item 6): the export
for her address lists her notes with the item and meeting they belong to, erasing removes them
and her feed, and a secretariat sees them only when her person record is in its scope (every
registration and invitation of the address is on its meetings); administrators always."""

import json

import pytest
from django.core.cache import cache

from agendas.models import Item
from meetings.models import Meeting, Person
from mypages.models import CalendarFeed, ItemNote
from registrations.models import Invitation
from tests import factories
from tests.agendas.access_helpers import (
    CLOSED_TITLE,
    OPEN_TITLE,
    agenda_with_closed_item,
    fast_password_hashing,  # noqa: F401 - an autouse fixture
    member,
    secretary,
)

from .helpers import EMAIL, politician, sign_in

pytestmark = pytest.mark.django_db

URL = "/admin/registrations/registration/persondata/"
NOTE = "Spørg til budgettet for Viborg-projektet"
CLOSED_NOTE = "Hvem har ellers søgt pladsen?"
OTHERS_NOTE = "Et andet medlems note"


@pytest.fixture
def her_notes(client):
    """Anne, a member of KKR Midtjylland invited to its meeting, signed in, with a note on an
    open and on a closed item and her calendar feed; another member's note on the same item."""
    cache.clear()
    agenda = agenda_with_closed_item()
    anne = politician(member_of="KKR Midtjylland")
    Invitation.objects.create(meeting=agenda.meeting, person=anne)
    sign_in(client)
    open_item = Item.objects.get(agenda=agenda, title=OPEN_TITLE)
    client.post(f"/mine-moeder/noter/{open_item.pk}/", {"text": NOTE})
    closed = Item.objects.get(agenda=agenda, title=CLOSED_TITLE)
    client.post(f"/mine-moeder/noter/{closed.pk}/", {"text": CLOSED_NOTE})
    client.get("/mine-moeder/")  # makes her calendar feed
    ItemNote.objects.create(item=open_item, user=member(username="andet-medlem"), text=OTHERS_NOTE)
    assert ItemNote.objects.count() == 3 and CalendarFeed.objects.count() == 1
    client.logout()
    return agenda


def export(client):
    response = client.post(URL, {"email": EMAIL, "action": "export"})
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_export_for_her_address_lists_her_notes_with_item_and_meeting(client, her_notes):
    client.force_login(secretary())
    page = client.get(URL, {"email": EMAIL}).content.decode()
    assert "1 personer" in page
    assert "2 personlige noter" in page and "1 personlige kalendere" in page

    document = export(client)
    notes = document["personlige noter"]
    assert {(note["text"], note["item_title"]) for note in notes} == {
        (NOTE, OPEN_TITLE),
        (CLOSED_NOTE, CLOSED_TITLE),
    }
    assert {note["meeting_title"] for note in notes} == {her_notes.meeting.title}
    assert OTHERS_NOTE not in json.dumps(document, ensure_ascii=False)
    feed = CalendarFeed.objects.get()
    assert len(document["personlige kalendere"]) == 1
    assert feed.secret not in json.dumps(document)


def test_erasing_her_address_deletes_her_notes_and_feed_and_says_so(client, her_notes):
    client.force_login(secretary())
    done = client.post(URL, {"email": EMAIL, "action": "erase", "confirm": "on"}, follow=True)
    message = done.content.decode()
    assert "1 personer" in message
    assert "2 personlige noter, 1 personlige kalendere" in message
    assert list(ItemNote.objects.values_list("text", flat=True)) == [OTHERS_NOTE]
    assert not CalendarFeed.objects.exists()


def test_another_secretariat_sees_exports_and_erases_none_of_her_notes(
    client, admin_client, her_notes
):
    client.force_login(secretary("KKR Hovedstaden", username="hovedstaden"))
    page = client.get(URL, {"email": EMAIL}).content.decode()
    assert "0 personlige noter" in page and "0 personlige kalendere" in page
    document = export(client)
    assert document["personlige noter"] == [] and document["personlige kalendere"] == []
    client.post(URL, {"email": EMAIL, "action": "erase", "confirm": "on"})
    assert ItemNote.objects.count() == 3 and CalendarFeed.objects.count() == 1

    # Invited to a Hovedstaden meeting too, her person and notes are no longer Midtjylland's
    # alone: that secretariat sees none either, an administrator all.
    other = factories.meeting(Meeting.Kind.KKR, organiser="KKR Hovedstaden", slug="hovedstaden")
    Invitation.objects.create(meeting=other, person=Person.objects.get(email=EMAIL))
    client.force_login(secretary())
    assert "0 personlige noter" in client.get(URL, {"email": EMAIL}).content.decode()
    assert export(client)["personlige noter"] == []
    assert "2 personlige noter" in admin_client.get(URL, {"email": EMAIL}).content.decode()
    assert len(export(admin_client)["personlige noter"]) == 2
