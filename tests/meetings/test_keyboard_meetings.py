"""A politician who uses only the keyboard finds her KKR's meetings, opens the conference and
jumps to a parallel session, seeing at every step where the focus is."""

import pytest
from playwright.sync_api import expect

from meetings.models import Municipality
from tests import factories
from tests.a11y_helpers import focused, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_filter_by_kkr_open_a_meeting_and_jump_to_a_session_with_the_keyboard(live_server, page):
    conference = factories.meeting(seed="002", days_ahead=60)
    debate = factories.meeting(seed="004", days_ahead=90)  # for Region Midtjylland
    conference.invited_municipalities.add(Municipality.objects.get(name="Aarhus"))
    # Bootstrap scrolls smoothly to a link's target unless the visitor asks for less motion.
    page.emulate_media(reduced_motion="reduce")
    page.goto(live_server.url + "/")

    # The skip link comes first and lands in the main content.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Gå til indhold"
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # Choose the KKR in the select with the arrow keys, then send the filter with Enter.
    tab_to(page, "KKR (rådets egne møder")
    for _ in range(3):  # Hele landet, KKR Hovedstaden, KKR Midtjylland
        page.keyboard.press("ArrowDown")
        if page.locator("#kkr option:checked").inner_text() == "KKR Midtjylland":
            break
    tab_to(page, "Vis møder")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?arrangoer=&kkr=kkr-midtjylland*")
    expect(page.get_by_role("heading", level=2)).to_have_text([conference.title, debate.title])

    # Open the conference from the list, then a session from its programme.
    tab_to(page, conference.title)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{conference.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(conference.title)
    tab_to(page, "3. Dør borgerne godt i din kommune?")
    page.keyboard.press("Enter")
    assert page.url.endswith("#session-3")
    expect(page.locator("#session-3")).to_be_in_viewport()
