"""Every page of the politician's own pages is valid HTML (the Nu Html Checker), as the
public pages are (tests/checks/test_accessibility.py); axe and reflow are checked in
test_mine_moeder_browser.py."""

import pytest
from django.core.cache import cache

from agendas.services import minutes_review
from tests.a11y_helpers import html_errors
from tests.agendas.access_helpers import agenda_with_closed_item

from .helpers import EMAIL, last_link, path_of, politician, sign_in, token_of
from .test_minutes_approval import decided

pytestmark = pytest.mark.django_db


def test_the_sign_in_pages_mine_moeder_notes_and_the_referat_are_valid_html(client):
    cache.clear()
    agenda = decided(agenda_with_closed_item())
    politician(member_of="KKR Midtjylland")
    minutes_review.send_for_approval(agenda)
    pages = {
        "log ind": client.get("/log-ind/?next=/mine-moeder/").content.decode(),
        "log ind, fejl": client.post("/log-ind/", {"email": "forkert"}).content.decode(),
        "tjek din e-mail": client.post("/log-ind/", {"email": EMAIL}).content.decode(),
        "log ind med linket": client.get(path_of(last_link())).content.decode(),
    }
    token = token_of(last_link())
    sign_in(client)
    pages["linket virker ikke"] = client.post("/log-ind/link/", {"sesame": token}).content.decode()
    pages["mine møder"] = client.get("/mine-moeder/").content.decode()
    meeting = agenda.meeting.pk
    pages["dagsorden med mine noter"] = client.get(
        f"/mine-moeder/{meeting}/dagsorden/"
    ).content.decode()
    pages["referat til godkendelse"] = client.get(
        f"/dagsordener/{agenda.pk}/referat/godkend/"
    ).content.decode()
    for _ in range(4):
        too_many = client.post("/log-ind/", {"email": EMAIL})
    assert too_many.status_code == 429
    pages["for mange forsøg"] = too_many.content.decode()
    assert html_errors(pages) == []
