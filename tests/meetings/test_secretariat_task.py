"""The secretariat's whole task in a real browser (chromium, 1280 px), from a database holding
only the reference data, one secretary of KKR Sjælland and three politicians of the region: a
meeting with the region invited and a letter, registration with 60 seats, a dinner and a diet
question, a 6-item agenda (Sags IDs with initials, a sub-item, an Indstilling, a closed item),
published, and the invitations sent now; at most 40 counted actions. The three invitations
arrive at the SMTP server with personal links that open a filled-in form.

On the way it takes the screenshots of the secretariat's guide (shown at /admin/vejledning/):
into var/test/guide/, or with UPDATE_GUIDE=1 (`make guide`) into static/guide/, so the guide's
pictures are the screens of such a run and a test run leaves the working tree as it was."""

import datetime
import os
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agendas.models import Agenda
from meetings.models import Meeting, Municipality, Person, Role
from registrations.models import Invitation, RegistrationSettings
from tests.agendas.access_helpers import PASSWORD, make_user
from tests.support import ROOT, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_ACTIONS = 40
GUIDE_PICTURES = ROOT / ("static" if os.environ.get("UPDATE_GUIDE") else "var/test") / "guide"
POLITICIANS = [
    ("Anne Roskilde", "Roskilde", Role.MAYOR),
    ("Bo Køge", "Køge", Role.COMMITTEE_CHAIR),
    ("Cecilie Næstved", "Næstved", Role.COUNCILLOR),
]
AGENDA = """Godkendelse af dagsorden SAG-2099-00101 jhp
Meddelelser SAG-2099-00102 udy/jhp
- Nyt fra KKR Sjællands formandskab SAG-2099-00103 jhp
Sundhedsaftalen 2099 SAG-2099-00104 akr
Udpegninger til regionale udvalg SAG-2099-00105 jhp (lukket)
Eventuelt"""
RECOMMENDATION = "Det indstilles, at KKR Sjælland godkender sundhedsaftalen."


class Secretary:
    """The secretary's hands: every page opened, click, field filled or choice made is one
    action; `picture` saves the screen for the guide (not an action)."""

    def __init__(self, page):
        self.page = page
        self.actions = 0

    def open(self, url):
        self.actions += 1
        self.page.goto(url)

    def fill(self, selector, value):
        self.actions += 1
        self.page.locator(selector).fill(value)

    def click(self, selector):
        self.actions += 1
        self.page.locator(selector).first.click()

    def picture(self, name, part=None):
        """The screen as it is, from its top, or only `part` (a selector)."""
        GUIDE_PICTURES.mkdir(parents=True, exist_ok=True)
        options = {"path": GUIDE_PICTURES / f"{name}.jpg", "type": "jpeg", "quality": 70}
        if part:
            self.page.locator(part).first.screenshot(**options)
        else:
            self.page.evaluate("window.scrollTo(0, 0)")
            self.page.screenshot(**options)


@pytest.fixture
def region_of_kkr_sjaelland():
    """One secretary of KKR Sjælland and three politicians of Region Sjælland, with e-mail."""
    make_user("sekretaer", "KKR Sjælland", "secretariat", staff=True)
    for name, municipality, role in POLITICIANS:
        Person.objects.create(
            name=name,
            role=role,
            municipality=Municipality.objects.get(name=municipality),
            email=f"{name.split()[0].lower()}@example.dk",
        )


def test_the_whole_task_from_an_empty_database_in_at_most_40_actions(
    live_server, page, settings, smtp_server, celery_worker, region_of_kkr_sjaelland
):
    settings.SITE_URL = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    day = timezone.localdate() + datetime.timedelta(days=40)
    deadline = day - datetime.timedelta(days=10)
    me = Secretary(page)

    me.open(f"{live_server.url}/admin/")
    me.fill("#id_username", "sekretaer")
    me.fill("#id_password", PASSWORD)
    me.click("input[type=submit]")
    me.picture("01-forside")

    # 1. The meeting: KKR Sjælland, KKR-møde and the whole region are filled in already.
    me.click('a.addlink[href$="/admin/meetings/meeting/add/"]')
    expect(page.locator("#id_organiser")).to_have_value(
        str(Meeting._meta.get_field("organiser").related_model.objects.get(name="KKR Sjælland").pk)
    )
    me.fill("#id_title", "Møde i KKR Sjælland")
    me.fill("#id_starts_at_0", day.isoformat())
    me.fill("#id_starts_at_1", "10:00")
    me.fill("#id_ends_at_0", day.isoformat())
    me.fill("#id_ends_at_1", "13:00")
    me.fill("#id_venue_name", "Comwell Roskilde")
    me.fill("#id_registration_slug", "kkr-sjaelland")
    me.fill("#id_registration_deadline_0", deadline.isoformat())
    me.fill("#id_registration_deadline_1", "12:00")
    me.click("#letter_sections-group .add-row a")
    me.fill(
        "#letter_sections-0 .ProseMirror[contenteditable=true]",
        "KKR Sjælland inviterer til møde om sundhedsaftalen.",
    )
    me.picture("02-nyt-moede")
    me.picture("03-brevet", "#letter_sections-group")
    me.click("input[name=_save]")
    expect(page.locator("#state")).to_have_text("Status: Kladde")
    me.picture("04-moedets-side")

    # 2. Registration: 60 seats and a dinner; the diet question is on the form by default.
    me.click("text=Ret tilmeldingen og udsendelserne")
    me.fill("#id_capacity", "60")
    me.fill("#id_dinner_label", "Middag kl. 13.00")
    me.picture("05-tilmelding")
    me.click("input[name=_save]")
    expect(page.locator("#state")).to_be_visible()  # back on the meeting's page

    # 3. The agenda: six lines with Sags IDs, a sub-item and a closed item, and an Indstilling.
    me.click("text=Opret dagsorden")
    me.fill("#id_quick_items", AGENDA)
    me.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("6 punkter er tilføjet")
    item = page.locator(
        ".agenda-items .inline-related", has=page.locator('input[value="Sundhedsaftalen 2099"]')
    )
    me.fill(
        f"#{item.get_attribute('id')} .field-recommendation .ProseMirror[contenteditable=true]",
        RECOMMENDATION,
    )
    me.picture("06-dagsorden", f"#{item.get_attribute('id')}")
    me.click("input[name=_save]")
    me.click("button:text-is('Offentliggør dagsordenen')")
    expect(page.locator(".messagelist")).to_contain_text("bliver offentlig sammen med mødet")

    # 4. Publish, then send the invitations now.
    me.click("button:text-is('Offentliggør')")
    expect(page.locator(".messagelist")).to_contain_text("Mødet er offentliggjort")
    expect(page.locator(".invitation-recipients")).to_contain_text("3 inviterede")
    me.picture("07-invitationer", "section[aria-labelledby=registrations-panel]")
    me.click("button:text('Send invitationer')")
    expect(page.locator(".messagelist")).to_contain_text("Invitationen er sendt til 3 inviterede")
    me.picture("08-sendt", "section[aria-labelledby=registrations-panel]")

    print(f"\nThe secretary's actions: {me.actions}")
    assert me.actions <= MAX_ACTIONS

    meeting = Meeting.objects.get(title="Møde i KKR Sjælland")
    assert meeting.status == Meeting.Status.PUBLISHED
    assert meeting.invited_municipalities.count() == 17
    reg_settings = RegistrationSettings.objects.get(meeting=meeting)
    assert (reg_settings.capacity, reg_settings.dinner_label) == (60, "Middag kl. 13.00")
    assert meeting.letter_sections.get().body.startswith("<p>KKR Sjælland inviterer")
    agenda = Agenda.objects.get(meeting=meeting)
    outline = [
        (number, item.case_number, item.case_initials, item.closed)
        for item, number in agenda.numbered_items()
    ]
    assert len(outline) == 6
    assert ("2.1", "SAG-2099-00103", "jhp", False) in outline  # the sub-item
    assert ("4", "SAG-2099-00105", "jhp", True) in outline  # the closed item
    item = agenda.items.get(title="Sundhedsaftalen 2099")
    recommendation = item.sections.get(kind="recommendation")
    assert RECOMMENDATION in recommendation.body
    assert agenda.versions.count() == 1

    # The three invitations arrive, each with its own link to a filled-in form.
    assert wait_for(lambda: len(smtp_server.messages) == 3)
    assert sorted(smtp_server.recipients()) == [
        "anne@example.dk",
        "bo@example.dk",
        "cecilie@example.dk",
    ]
    for message in smtp_server.messages:
        body = message.get_body(("plain",)).get_content()
        [link] = re.findall(r"http://\S+/tilmeld/kkr-sjaelland/invitation/\S+/", body)
        invitation = Invitation.objects.get(meeting=meeting, person__email=message["To"])
        assert link.endswith(f"/{invitation.secret}/")
        page.goto(link)
        expect(page.locator("input[name=name]")).to_have_value(invitation.person.name)
        expect(page.locator("input[name=email]")).to_have_value(invitation.person.email)
        expect(page.locator("main")).to_contain_text("Kosthensyn")
        expect(page.locator("main")).to_contain_text("Jeg deltager i middag kl. 13.00")

    # The guide, linked from the index, shows the pictures just taken, every one of them.
    page.goto(f"{live_server.url}/admin/")
    page.click("text=Vejledning")
    expect(page.locator("h1")).to_have_text("Vejledning: et møde fra start til slut")
    shown = page.locator(".guide img").evaluate_all(
        "images => images.map(i => [i.getAttribute('src').split('/').pop(), i.naturalWidth])"
    )
    taken = sorted(picture.name for picture in GUIDE_PICTURES.glob("*.jpg"))
    assert sorted(name for name, _width in shown) == taken
    assert all(width > 0 for _name, width in shown), shown
