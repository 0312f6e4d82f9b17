"""A politician who uses only the keyboard registers: Tab to move, typing to fill in and pick
from lists, Space to tick, Enter to send. Every field passed on the way shows its focus."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from meetings.models import Municipality
from registrations.models import Registration
from tests import factories
from tests.a11y_helpers import focused, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_registering_with_only_tab_space_and_enter(live_server, page):
    cache.clear()
    meeting = factories.meeting(slug="tastatur-forum")
    factories.session(meeting, 1, title="Fælles data er en del af svaret", capacity=5)
    factories.session(meeting, 2, title="Dør borgerne godt i din kommune?", capacity=5)
    page.goto(f"{live_server.url}/tilmeld/tastatur-forum/")

    tab_to(page, "Navn")
    page.keyboard.type("Tove Tastesen")
    tab_to(page, "E-mail")
    page.keyboard.type("tove@example.dk")
    tab_to(page, "Kommune")
    page.keyboard.type("Viborg")  # a closed list picks the option typed
    tab_to(page, "Rolle")
    page.keyboard.type("Kommunalbestyrelsesmedlem")
    tab_to(page, "Fælles data")  # Tab enters a group of radio buttons at its first
    page.keyboard.press("Space")
    assert focused(page)["tag"] == "input"
    tab_to(page, "samtykke")
    page.keyboard.press("Space")
    tab_to(page, "Tilmeld mig")
    page.keyboard.press("Enter")

    expect(
        page.get_by_text("Tak. Vi har sendt en bekræftelse til tove@example.dk.")
    ).to_be_visible()
    registration = Registration.objects.get(meeting=meeting)
    assert registration.name == "Tove Tastesen"
    assert registration.municipality == Municipality.objects.get(name="Viborg")
    assert registration.role == "kommunalbestyrelsesmedlem"
    assert registration.session.number == 1
