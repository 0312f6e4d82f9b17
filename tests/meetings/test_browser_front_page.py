"""The front page in a real browser (Debian's chromium): styled, Danish, and usable from the
keyboard, starting with the skip link."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_front_page_loads_its_styles_and_the_skip_link_takes_focus_first(live_server, page):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Kommende møder")).to_be_visible()
    # Bootstrap was served: the container has its max-width rule.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.container')).maxWidth") != "none"
    )
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Gå til indhold")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#indhold")
