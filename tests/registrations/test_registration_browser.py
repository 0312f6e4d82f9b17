"""A politician on a phone, in a real browser (Debian's chromium) with JavaScript switched
off: opens the tilmeld link, makes a mistake, corrects it, registers, opens the change link
from the confirmation e-mail, changes it and cancels through the question that comes first.
An invitee ends on a summary that links the calendar file; a meeting for a few municipalities
offers only those."""

import re
from pathlib import Path
from urllib.parse import urlparse

import icalendar
import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from meetings.models import Municipality, Person, Role
from outbox import services as outbox_services
from outbox.models import Message
from registrations.models import Invitation, Registration
from registrations.services import registration as registration_services
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "java_script_enabled": False,
        # A phone set to English still gets the Danish page's messages in Danish.
        "locale": "en-US",
    }


def test_register_correct_a_mistake_then_change_and_cancel_from_the_email(
    live_server, page, smtp_server, settings
):
    cache.clear()
    settings.SITE_URL = live_server.url
    meeting = factories.meeting(slug="demo-forum")
    factories.session(meeting, 1, title="Fælles data er en del af svaret", capacity=5)
    factories.session(meeting, 3, title="Dør borgerne godt i din kommune?", capacity=5)

    page.goto(f"{live_server.url}/tilmeld/demo-forum/")
    expect(page.get_by_role("heading", name=meeting.title)).to_be_visible()
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_label("Navn").fill("Birgit Hansen")
    page.get_by_label("E-mail").fill("birgit.hansen@")  # the mistake
    page.get_by_role("combobox", name=re.compile("Kommune")).select_option(
        str(Municipality.objects.get(name="Frederikshavn").pk)
    )
    page.get_by_role("combobox", name=re.compile("Rolle eller titel")).select_option("borgmester")
    page.get_by_label("3. Dør borgerne godt i din kommune?").check()
    page.get_by_label(re.compile("Jeg giver samtykke")).check()
    page.get_by_role("button", name="Tilmeld mig").click()

    expect(page.get_by_text("Tilmeldingen er ikke gennemført")).to_be_visible()
    expect(page.get_by_text("Indtast en gyldig e-mail-adresse.")).to_be_visible()
    assert not Registration.objects.exists()

    page.get_by_label("E-mail").fill("birgit.hansen@example.dk")
    page.get_by_label(re.compile("Jeg giver samtykke")).check()
    page.get_by_role("button", name="Tilmeld mig").click()

    expect(
        page.get_by_text("Tak. Vi har sendt en bekræftelse til birgit.hansen@example.dk.")
    ).to_be_visible()
    assert page.url == f"{live_server.url}/tilmeld/demo-forum/tak/"
    registration = Registration.objects.get()
    assert registration.session.number == 3

    # The confirmation e-mail, delivered through the outbox to SMTP on loopback.
    message = Message.objects.get()
    assert outbox_services.deliver(message.pk) == "sent"
    body = smtp_server.messages[0].get_body(("plain",)).get_content()
    link = re.search(r"http://\S+/min-tilmelding/\S+/", body).group(0)
    # The link carries a 43-character secret and nothing else that names the registration.
    assert re.fullmatch(
        r"/tilmeld/demo-forum/min-tilmelding/[A-Za-z0-9_-]{43}/", urlparse(link).path
    )

    page.goto(link)
    expect(page.get_by_role("heading", name="Din tilmelding, Birgit Hansen")).to_be_visible()
    assert page.locator('meta[name="robots"]').get_attribute("content").startswith("noindex")
    page.get_by_label("Kosthensyn eller allergier").fill("Vegetar")
    page.get_by_role("button", name="Gem ændringer").click()
    expect(page.get_by_role("status").filter(has_text="Dine ændringer er gemt.")).to_be_visible()
    expect(page.get_by_label("Kosthensyn eller allergier")).to_have_value("Vegetar")

    # Cancelling asks first, and "no" leads back with nothing changed.
    page.get_by_role("link", name="Afmeld mig mødet").click()
    expect(page.get_by_role("heading", name=f"Vil du afmelde dig {meeting.title}?")).to_be_visible()
    expect(page.get_by_text("Du mister din plads ved mødet og i session 3.")).to_be_visible()
    page.get_by_role("link", name="Nej, behold min tilmelding").click()
    expect(page.get_by_role("heading", name="Din tilmelding, Birgit Hansen")).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == "confirmed"

    page.get_by_role("link", name="Afmeld mig mødet").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Ja, afmeld mig").click()
    expect(page.get_by_text("Du er afmeldt.")).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert registration.dietary_needs == "Vegetar"


def test_cancelling_a_seat_in_a_full_session_says_so_before_it_is_given_up(live_server, page):
    meeting = factories.meeting(slug="demo-forum")
    full = factories.session(meeting, 2, title="Sundhedsklynger", capacity=1)
    registration = registration_services.register(
        meeting, factories.registration_data(session=full)
    ).registration

    page.goto(f"{live_server.url}/tilmeld/demo-forum/min-tilmelding/{registration.secret}/")
    page.get_by_role("link", name="Afmeld mig mødet").click()
    expect(page.get_by_text("Du mister din plads i session 2, som er fuld.")).to_be_visible()
    page.get_by_role("button", name="Ja, afmeld mig").click()
    expect(page.get_by_text("Du er afmeldt.")).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_a_meeting_for_a_few_municipalities_offers_only_those(live_server, page):
    meeting = factories.meeting(slug="midt", invites_all_municipalities=False)
    meeting.invited_municipalities.set(Municipality.objects.filter(name__in=["Viborg", "Skive"]))

    page.goto(f"{live_server.url}/tilmeld/midt/")
    municipality = page.get_by_role("combobox", name=re.compile("Kommune"))
    expect(municipality.locator("option")).to_have_text(
        ["Vælg kommune", "Skive Kommune", "Viborg Kommune"]
    )
    assert page.get_by_label("Telefon").get_attribute("type") == "tel"
    assert page.get_by_label("E-mail").get_attribute("autocomplete") == "email"


def test_an_invitee_ends_on_a_summary_that_links_the_calendar_file(live_server, page):
    meeting = factories.meeting(slug="demo-forum")
    factories.session(meeting, 1, title="Fælles data er en del af svaret")
    mads = Person.objects.create(
        name="Mads Duedahl",
        email="mads@example.dk",
        role=Role.MAYOR,
        municipality=Municipality.objects.get(name="Aalborg"),
    )
    invitation = Invitation.objects.create(meeting=meeting, person=mads)

    page.goto(f"{live_server.url}/tilmeld/demo-forum/invitation/{invitation.secret}/")
    expect(page.get_by_label("Navn")).to_have_value("Mads Duedahl")
    page.get_by_label("1. Fælles data er en del af svaret").check()
    page.get_by_label("Kosthensyn eller allergier").fill("Glutenfri")
    page.get_by_label(re.compile("Jeg giver samtykke")).check()
    page.get_by_role("button", name="Tilmeld mig").click()

    expect(page.get_by_role("heading", name="Tak for din tilmelding, Mads Duedahl")).to_be_visible()
    expect(page.get_by_text("1. Fælles data er en del af svaret", exact=True)).to_be_visible()
    expect(page.get_by_text("Glutenfri")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    with page.expect_download() as download:
        page.get_by_role("link", name="Læg mødet i din kalender").click()
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["summary"]) == meeting.title
    assert str(event["uid"]) == f"meeting-{meeting.pk}@moeder.kl.dk"
