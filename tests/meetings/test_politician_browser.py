"""The politician's path on a phone (390 x 844, JavaScript off) in Debian's chromium (issue
16): from the meeting page to its agenda and the agenda's PDF; the header's three links; one
search that finds a meeting and an agenda, the hits marked. The pages this path adds to (the
meeting page with its agenda and tilmeld button, the search page with hits) pass axe, reflow
at 320 px and pass the Nu Html Checker."""

import re

import pytest
from playwright.sync_api import expect

from tests.a11y_helpers import (
    PHONE_AT_200_PERCENT,
    PublicPage,
    axe_violations,
    horizontal_overflow,
    html_errors,
    visit,
)
from tests.factories import meeting as open_meeting

from .politician_helpers import meeting_with_agenda

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "java_script_enabled": False}


def test_from_the_meeting_page_to_the_agenda_and_its_pdf(live_server, page):
    agenda = meeting_with_agenda()
    page.goto(live_server.url + agenda.meeting.get_absolute_url())
    documents = page.get_by_role("region", name="Mødets dokumenter")
    documents.get_by_role("link", name="Dagsorden", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("KKR Midtjylland")
    expect(page.get_by_role("link", name="4. Udpegninger").first).to_be_visible()
    pdf_link = page.get_by_role("link", name="Dagsorden som PDF")
    response = page.request.get(live_server.url + pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_the_header_has_three_links(live_server, page):
    page.goto(live_server.url + "/")
    nav = page.get_by_role("navigation", name="Hovedmenu")
    for name in ("Møder", "Dagsordener", "Søg"):
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name="Møder", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    nav.get_by_role("link", name="Dagsordener", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dagsordener")
    expect(
        page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Dagsordener")
    ).to_have_attribute("aria-current", "page")


def test_one_search_finds_a_meeting_title_and_an_agenda_item(live_server, page):
    meeting_with_agenda()
    open_meeting(title="Udpegninger til regionale råd")
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Søg").click()
    page.get_by_role("searchbox", name="Søgeord").fill("udpegninger")
    page.get_by_role("button", name="Søg").click()
    meetings = page.get_by_role("region", name="Møder")
    agendas = page.get_by_role("region", name="Dagsordener")
    expect(meetings.locator("mark").first).to_have_text(re.compile("^Udpegninger$", re.I))
    expect(meetings.get_by_role("link", name="Udpegninger til regionale råd")).to_be_visible()
    expect(agendas.locator("mark").first).to_have_text(re.compile("^udpegning", re.I))
    expect(agendas.get_by_role("link", name="4. Udpegninger")).to_be_visible()


def meeting_page_with_everything():
    agenda = meeting_with_agenda()
    meeting = agenda.meeting
    meeting.registration_slug = "kkr-moede"
    meeting.save()
    return meeting.get_absolute_url()


def search_with_hits():
    meeting_with_agenda()
    open_meeting(title="Udpegninger til regionale råd")
    return "/soeg/?q=udpegninger"


PAGES = [
    PublicPage("mødeside med dagsorden, referat, bilag, tilmelding", meeting_page_with_everything),
    PublicPage("søgning med hits i møder og dagsordener", search_with_hits),
    PublicPage("søgning uden ord", "/soeg/"),
]


def test_the_pages_of_the_path_pass_axe_the_html_checker_and_reflow(live_server, browser):
    """As tests/test_accessibility.py audits them: axe runs in the page, so JavaScript on."""
    page = browser.new_page()
    problems, served = {}, {}
    for public_page in PAGES:
        page.set_viewport_size({"width": 1280, "height": 800})
        status, served[public_page.name] = visit(page, live_server.url, public_page)
        found = [f"HTTP {status}"] if status != 200 else []
        found += axe_violations(page)
        page.set_viewport_size(PHONE_AT_200_PERCENT)
        if overflow := horizontal_overflow(page):
            found.append(f"{overflow} px horizontal scrolling at 320 CSS px")
        if found:
            problems[public_page.name] = found
    page.close()
    if errors := html_errors(served):
        problems["Nu Html Checker"] = errors
    assert not problems, problems
