"""A public visitor reads published agendas, their PDFs, search, the RSS feed and calendars,
and never a closed item or a closed section through any of them; the members' edition and
the admin send them to a login."""

import pytest

from tests import factories

from .access_helpers import (
    OPEN_TITLE,
    agenda_with_closed_item,
    assert_no_closed_content,
    fast_password_hashing,  # noqa: F401 - an autouse fixture
    public_channels,
)

pytestmark = pytest.mark.django_db


def test_a_visitor_sees_the_open_items_and_no_closed_one_through_any_channel(client):
    agenda = agenda_with_closed_item()
    channels = public_channels(client, agenda)
    assert_no_closed_content(channels)
    # the channels do carry the agenda, so the absence above means something
    for name in ("page", "version page", "pdf", "rss"):
        assert OPEN_TITLE in channels[name], name
    assert "Indstilling" in channels["page"]
    assert "BEGIN:VEVENT" in channels["meeting ics"]


def test_search_finds_the_open_items_of_the_agenda_but_not_the_closed_ones(client):
    agenda_with_closed_item()
    found = client.get("/dagsordener/soeg/", {"q": "udpegelser"}).content.decode()
    assert "1 dagsorden fundet" in found
    assert OPEN_TITLE in found


@pytest.mark.parametrize(
    "path", ["/dagsordener/{pk}/medlemmer/", "/dagsordener/{pk}/dagsorden-fuld.pdf"]
)
def test_the_members_edition_sends_a_visitor_to_the_members_login(client, path):
    agenda = agenda_with_closed_item()
    response = client.get(path.format(pk=agenda.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/?next=/dagsordener/")
    response = client.get("/dagsordener/medlemmer/")
    assert response["Location"].startswith("/log-ind/")


def test_a_visitor_gets_nothing_from_the_admin(client):
    agenda = agenda_with_closed_item()
    for path in (
        "/admin/",
        f"/admin/agendas/agenda/{agenda.pk}/change/",
        f"/admin/agendas/agenda/{agenda.pk}/pdf/fuld/",
        f"/admin/meetings/meeting/{agenda.meeting.pk}/pdf/invitation/",
        "/admin/registrations/registration/",
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/"), path


def test_a_draft_agenda_is_not_public_at_all(client):
    agenda = factories.import_agenda().agenda
    assert client.get(agenda.get_absolute_url()).status_code == 404
    assert client.get(f"/dagsordener/{agenda.pk}/dagsorden.pdf").status_code == 404
