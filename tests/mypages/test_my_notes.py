"""My notes (issue 27, points 3 and 6): a private note per agenda item, on the item's row so
it survives a new version, saved as typed (one note) or by the form (all of them), in her
"dagsorden med mine noter" PDF and nowhere else: not another member's pages, not the public
or members' editions, not search, feeds or the admin."""

import pytest
from django.core.cache import cache

from agendas.models import Item, Section
from agendas.services.publishing import publish_agenda
from meetings.models import Organiser
from registrations.models import Invitation
from tests.agendas.access_helpers import (
    CLOSED_TITLE,
    OPEN_TITLE,
    agenda_with_closed_item,
    fast_password_hashing,  # noqa: F401 - an autouse fixture
    member,
    members_edition,
    public_channels,
    secretary,
)
from tests.support import pdf_text

from .helpers import politician, sign_in

pytestmark = pytest.mark.django_db

NOTE = "Spørg til budgettet for Viborg-projektet"


@pytest.fixture(autouse=True)
def no_limits_used():
    cache.clear()


def signed_in_member(client):
    agenda = agenda_with_closed_item()
    politician(member_of="KKR Midtjylland")
    sign_in(client)
    return agenda


def note_on(client, item, text):
    return client.post(f"/mine-moeder/noter/{item.pk}/", {"text": text})


def test_a_note_saved_as_typed_is_on_her_page_and_in_her_pdf(client):
    agenda = signed_in_member(client)
    item = Item.objects.get(agenda=agenda, title=OPEN_TITLE)
    response = note_on(client, item, NOTE)
    assert response.status_code == 200 and response.json()["saved"].startswith("Gemt kl. ")
    page = client.get(f"/mine-moeder/{agenda.meeting.pk}/dagsorden/").content.decode()
    assert NOTE in page and CLOSED_TITLE in page  # a member: closed items too
    pdf = client.get(f"/mine-moeder/{agenda.meeting.pk}/dagsorden-med-mine-noter.pdf")
    assert pdf["Cache-Control"] == "private, no-store"
    text = pdf_text(pdf.content)
    assert "Mine noter" in text and NOTE in " ".join(text.split())
    assert "Med personlige noter af Anne Hansen" in " ".join(text.split())


def test_the_form_saves_every_note_without_javascript(client):
    agenda = signed_in_member(client)
    first, second = Item.objects.filter(agenda=agenda, parent__isnull=False)[:2]
    response = client.post(
        f"/mine-moeder/{agenda.meeting.pk}/dagsorden/",
        {f"note-{first.pk}": "Første note", f"note-{second.pk}": "Anden note"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Dine noter er gemt." in page
    assert "Første note" in page and "Anden note" in page
    # emptied, a note is gone
    client.post(f"/mine-moeder/{agenda.meeting.pk}/dagsorden/", {f"note-{first.pk}": " "})
    assert "Første note" not in client.get(response["Location"]).content.decode()


def test_a_note_survives_a_new_version_of_the_agenda(client):
    agenda = signed_in_member(client)
    item = Item.objects.get(agenda=agenda, title=OPEN_TITLE)
    note_on(client, item, NOTE)
    other = Item.objects.get(agenda=agenda, title="Udpegninger")
    Section.objects.create(item=other, kind=Section.Kind.BACKGROUND, body="<p>Rettet.</p>")
    assert publish_agenda(agenda).number == 2
    page = client.get(f"/mine-moeder/{agenda.meeting.pk}/dagsorden/").content.decode()
    assert "Rettet dagsorden" in page and NOTE in page


def test_too_long_a_note_gets_a_danish_message_and_loses_nothing(client):
    agenda = signed_in_member(client)
    item = Item.objects.get(agenda=agenda, title=OPEN_TITLE)
    long_note = "x" * 10_001
    response = note_on(client, item, long_note)
    assert response.status_code == 400
    assert response.json()["error"] == "Noten må højst være 10000 tegn; den er ikke gemt."
    response = client.post(
        f"/mine-moeder/{agenda.meeting.pk}/dagsorden/", {f"note-{item.pk}": long_note}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "må højst være 10000 tegn" in page
    assert long_note in page  # still in the field


def test_the_note_is_seen_by_nobody_else(client, admin_client):
    agenda = signed_in_member(client)
    item = Item.objects.get(agenda=agenda, title=OPEN_TITLE)
    note_on(client, item, NOTE)
    client.logout()
    # another member of the same KKR
    other = member(username="andet-medlem")
    client.force_login(other)
    page = client.get(f"/mine-moeder/{agenda.meeting.pk}/dagsorden/").content.decode()
    assert NOTE not in page
    assert NOTE not in pdf_text(
        client.get(f"/mine-moeder/{agenda.meeting.pk}/dagsorden-med-mine-noter.pdf").content
    )
    assert all(NOTE not in text for text in members_edition(client, agenda))
    client.logout()
    # the public, search and feeds
    channels = public_channels(client, agenda)
    channels["search"] = client.get("/soeg/", {"q": "Viborg-projektet"}).content.decode()
    assert all(NOTE not in text for text in channels.values())
    # the secretariat and an administrator in the admin
    client.force_login(secretary())
    for user_client in (client, admin_client):
        for path in (
            f"/admin/agendas/agenda/{agenda.pk}/change/",
            f"/admin/agendas/item/{item.pk}/change/",
            f"/admin/agendas/item/{item.pk}/delete/",
            f"/admin/agendas/agenda/{agenda.pk}/pdf/fuld/",
        ):
            response = user_client.get(path)
            content = (
                pdf_text(response.content)
                if response["Content-Type"] == "application/pdf"
                else response.content.decode()
            )
            assert response.status_code == 200, path
            assert NOTE not in content, path
        assert "note" not in user_client.get("/admin/").content.decode().lower()


def test_a_politician_who_is_no_member_notes_only_open_items(client):
    agenda = agenda_with_closed_item()
    person = politician()
    Invitation.objects.create(meeting=agenda.meeting, person=person)
    sign_in(client)
    page = client.get(f"/mine-moeder/{agenda.meeting.pk}/dagsorden/").content.decode()
    assert CLOSED_TITLE not in page and OPEN_TITLE in page
    closed = Item.objects.get(agenda=agenda, title=CLOSED_TITLE)
    assert note_on(client, closed, NOTE).status_code == 404
    pdf = client.get(f"/mine-moeder/{agenda.meeting.pk}/dagsorden-med-mine-noter.pdf")
    assert CLOSED_TITLE not in pdf_text(pdf.content)


def test_no_notes_on_meetings_that_are_not_hers(client):
    agenda = agenda_with_closed_item()
    politician(member_of="KKR Hovedstaden")
    assert Organiser.objects.get(name="KKR Hovedstaden") != agenda.meeting.organiser
    sign_in(client)
    item = Item.objects.get(agenda=agenda, title=OPEN_TITLE)
    assert note_on(client, item, NOTE).status_code == 404
    assert client.get(f"/mine-moeder/{agenda.meeting.pk}/dagsorden/").status_code == 404
    pdf = f"/mine-moeder/{agenda.meeting.pk}/dagsorden-med-mine-noter.pdf"
    assert client.get(pdf).status_code == 404
    client.logout()
    assert client.get(pdf)["Location"].startswith("/log-ind/")
    assert note_on(client, item, NOTE)["Location"].startswith("/log-ind/")


def test_erasing_her_personal_data_erases_her_login_and_notes(client):
    from django.contrib.auth import get_user_model

    from mypages.models import CalendarFeed, ItemNote
    from registrations.services import privacy

    agenda = signed_in_member(client)
    note_on(client, Item.objects.get(agenda=agenda, title=OPEN_TITLE), NOTE)
    client.get("/mine-moeder/")  # makes her calendar feed
    assert ItemNote.objects.exists() and CalendarFeed.objects.exists()
    staff = secretary()
    privacy.erase("anne.hansen@silkeborg.dk")
    assert not ItemNote.objects.exists() and not CalendarFeed.objects.exists()
    assert list(get_user_model().objects.all()) == [staff]
    assert client.get("/mine-moeder/").status_code == 302  # signed out
