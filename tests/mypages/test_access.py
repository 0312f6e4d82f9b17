"""Who reaches the politician's own pages (issue 27, point 6): a visitor is sent to sign in
from every one of them and changes nothing; a signed-in user who is none of the meeting's
(not invited, registered or a member) gets a 404 or 403 and no content."""

import pytest

from agendas.models import Item
from mypages.models import ItemNote
from tests.agendas.access_helpers import (
    CLOSED_TITLE,
    OPEN_TITLE,
    agenda_with_closed_item,
    fast_password_hashing,  # noqa: F401 - an autouse fixture
    make_user,
)

pytestmark = pytest.mark.django_db


def pages(agenda):
    """(method, path) of every page of the feature that needs a signed-in user."""
    meeting = agenda.meeting.pk
    item = Item.objects.get(agenda=agenda, title=OPEN_TITLE).pk
    return [
        ("get", "/mine-moeder/"),
        ("post", "/mine-moeder/kalender/ny-adresse/"),
        ("get", f"/mine-moeder/{meeting}/dagsorden/"),
        ("post", f"/mine-moeder/{meeting}/dagsorden/"),
        ("get", f"/mine-moeder/{meeting}/dagsorden-med-mine-noter.pdf"),
        ("post", f"/mine-moeder/noter/{item}/"),
        ("get", f"/dagsordener/{agenda.pk}/referat/godkend/"),
        ("post", f"/dagsordener/{agenda.pk}/referat/godkend/"),
    ]


def test_a_visitor_is_sent_to_sign_in_from_every_page(client):
    agenda = agenda_with_closed_item()
    for method, path in pages(agenda):
        response = getattr(client, method)(path, {"text": "x", "answer": "approve"})
        assert response.status_code == 302, path
        assert response["Location"].startswith("/log-ind/?next="), path
    assert not ItemNote.objects.exists()


def test_a_user_who_is_none_of_the_meetings_gets_nothing(client):
    agenda = agenda_with_closed_item()
    client.force_login(make_user("borger"))
    for method, path in pages(agenda)[2:]:
        response = getattr(client, method)(path, {"text": "x", "answer": "approve"})
        assert response.status_code in (403, 404), path
        assert CLOSED_TITLE not in response.content.decode(errors="replace"), path
    assert not ItemNote.objects.exists()
    assert agenda.meeting.title not in client.get("/mine-moeder/").content.decode()
