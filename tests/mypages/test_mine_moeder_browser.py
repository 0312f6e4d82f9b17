"""The politician's own pages in Debian's chromium on a phone (390 px), as issue 27 accepts
them: a member asks for a link, opens it from the e-mail the test SMTP server received (sent
by a real Celery worker through the outbox), sees Mine møder, reads a closed item, writes a
note that is saved as she types and appears in her PDF, and approves the referat; the link
fails the second time; an unknown address gets the same page; a politician who is no member
sees no closed item. Each page passes axe and does not scroll sideways at 320 px."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from agendas.services import minutes_review
from registrations.models import Invitation
from tests.a11y_helpers import PHONE_AT_200_PERCENT, axe_violations, horizontal_overflow
from tests.agendas.access_helpers import CLOSED_TITLE, OPEN_TITLE, agenda_with_closed_item
from tests.support import pdf_text, wait_for

from .helpers import EMAIL, link_in, politician
from .test_minutes_approval import decided

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
NOTE = "Spørg til budgettet for Viborg-projektet"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE}


@pytest.fixture
def portal(live_server, settings, smtp_server, celery_worker):
    """The live portal whose e-mails reach the test SMTP server through the outbox."""
    settings.SITE_URL = live_server.url
    cache.clear()
    return live_server.url


def checked(page):
    """No axe violation on the page, and no sideways scrolling at 320 px."""
    assert axe_violations(page) == [], page.url
    page.set_viewport_size(PHONE_AT_200_PERCENT)
    assert not horizontal_overflow(page), page.url
    page.set_viewport_size(PHONE)


def ask_for_link(page, portal, smtp_server, email=EMAIL):
    page.goto(portal + "/log-ind/")
    checked(page)
    page.get_by_label("Din e-mailadresse").fill(email)
    page.get_by_role("button", name="Send mig et link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek din e-mail")

    def the_email():
        return next((m for m in smtp_server.messages if m["To"] == email
                     and m["Subject"].startswith("Dit link")), None)  # fmt: skip

    assert wait_for(the_email)
    message = the_email()
    return link_in(message.get_body(preferencelist=("plain",)).get_content())


def test_a_member_signs_in_by_the_link_reads_notes_and_approves(portal, page, smtp_server):
    agenda = decided(agenda_with_closed_item())
    politician(member_of="KKR Midtjylland")
    minutes_review.send_for_approval(agenda)
    link = ask_for_link(page, portal, smtp_server)
    assert link.startswith(portal)
    page.goto(link)
    checked(page)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine møder")
    checked(page)
    # the members' edition with the closed item
    page.get_by_role("link", name=re.compile("^Medlemsudgave med lukkede punkter")).click()
    expect(page.get_by_role("heading", name=re.compile(CLOSED_TITLE))).to_be_visible()
    page.go_back()
    # a note, saved as she types
    page.get_by_role("link", name=re.compile("^Dagsorden med mine noter")).click()
    checked(page)
    field = page.get_by_label(re.compile("^Min note til punkt 3.1$"))
    expect(page.get_by_text(OPEN_TITLE).first).to_be_visible()
    field.fill(NOTE)
    expect(page.locator("[data-note-status]").filter(has_text="Gemt kl.")).to_have_count(1)
    page.reload()
    expect(page.get_by_label(re.compile("^Min note til punkt 3.1$"))).to_have_value(NOTE)
    # her PDF with the note
    pdf_link = page.get_by_role("link", name="Dagsorden med mine noter som PDF")
    response = page.request.get(portal + pdf_link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert NOTE in " ".join(pdf_text(response.body()).split())
    # the referat, approved from Mine møder
    page.get_by_role("link", name="Mine møder").first.click()
    page.get_by_role("link", name=re.compile("^Referat til godkendelse")).click()
    checked(page)
    page.get_by_role("button", name="Godkend referatet").click()
    expect(page.get_by_role("status").filter(has_text="Du har godkendt referatet.")).to_be_visible()
    expect(page.get_by_text(re.compile("^Du godkendte referatet"))).to_be_visible()
    assert agenda.minutes_responses.get().approved_at is not None


def test_the_link_fails_the_second_time(portal, page, browser, smtp_server):
    politician()
    link = ask_for_link(page, portal, smtp_server)
    page.goto(link)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine møder")
    other = browser.new_page(viewport=PHONE)
    other.goto(link)
    expect(other.get_by_role("heading", level=1)).to_have_text("Linket virker ikke længere")
    checked(other)
    other.close()


def test_an_unknown_address_gets_the_same_page(portal, page, smtp_server):
    page.goto(portal + "/log-ind/")
    page.get_by_label("Din e-mailadresse").fill("ukendt@example.dk")
    page.get_by_role("button", name="Send mig et link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek din e-mail")
    expect(page.get_by_role("status")).to_contain_text("Hvis KL har adressen ukendt@example.dk")
    checked(page)
    assert smtp_server.messages == []


def test_a_politician_who_is_no_member_sees_no_closed_item(portal, page, smtp_server):
    agenda = agenda_with_closed_item()
    Invitation.objects.create(meeting=agenda.meeting, person=politician())
    page.goto(ask_for_link(page, portal, smtp_server))
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("link", name=re.compile("^Offentlig udgave")).click()
    expect(page.get_by_role("heading", name=re.compile(OPEN_TITLE))).to_be_visible()
    assert CLOSED_TITLE not in page.content()
    page.go_back()
    page.get_by_role("link", name=re.compile("^Dagsorden med mine noter")).click()
    expect(page.get_by_label(re.compile("^Min note til punkt"))).not_to_have_count(0)
    assert CLOSED_TITLE not in page.content()
