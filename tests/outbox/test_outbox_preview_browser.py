"""The secretariat reads an e-mail's HTML version in the admin's preview, in a real browser:
the sandboxed frame shows the text (the site's Content Security Policy must let it)."""

import pytest
from playwright.sync_api import expect

from outbox import services
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_html_preview_shows_the_email(live_server, page):
    factories.admin()
    message = services.enqueue_template("a@example.dk", "test", {"sender": "Sekretariatet"})
    page.goto(f"{live_server.url}/admin/login/?next=/admin/outbox/message/{message.pk}/change/")
    page.get_by_label("Brugernavn").fill("admin")
    page.get_by_label("Adgangskode").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    frame = page.frame_locator('iframe[title="HTML-udgaven"]')
    expect(frame.get_by_text("sendt af Sekretariatet")).to_be_visible()
