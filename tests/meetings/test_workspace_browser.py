"""In a real browser (Debian's chromium): a secretary goes from login to a published KKR
meeting with its invitation, open registration and a published agenda, in few actions; the
mailing preview and the registration chart show their content; the admin's lists fit 1280 px."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from agendas.models import Agenda
from meetings.models import Meeting
from registrations.models import Registration
from registrations.services import registration as services
from tests import factories
from tests.factories import registration_data
from tests.support import pdf_pages, squash

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_ACTIONS = 25
AGENDA = """Godkendelse af dagsorden
Meddelelser
- Nyt fra KKR's formandskab
Udpegninger til regionale udvalg (lukket)
Sundhedsaftalen 2099
Eventuelt"""


class Secretary:
    """The secretary's hands: every click and every field filled or chosen is one action."""

    def __init__(self, page):
        self.page = page
        self.actions = 0

    def fill(self, selector, value):
        self.actions += 1
        self.page.fill(selector, value)

    def choose(self, selector, label):
        self.actions += 1
        self.page.select_option(selector, label=label)

    def click(self, selector):
        self.actions += 1
        self.page.click(selector)


def log_in(page, live_server, next_path="/admin/"):
    factories.admin("sekretaer")
    page.goto(f"{live_server.url}/admin/login/?next={next_path}")
    page.fill("#id_username", "sekretaer")
    page.fill("#id_password", factories.PASSWORD)
    page.click("input[type=submit]")


def test_from_login_to_a_published_kkr_meeting_with_agenda_in_at_most_25_actions(
    live_server, page, settings
):
    settings.SITE_URL = live_server.url
    factories.admin("sekretaer")
    day = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    deadline = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    me = Secretary(page)
    page.goto(f"{live_server.url}/admin/")
    me.fill("#id_username", "sekretaer")
    me.fill("#id_password", factories.PASSWORD)
    me.click("input[type=submit]")

    me.click('a.addlink[href$="/admin/meetings/meeting/add/"]')
    me.choose("#id_organiser", "KKR Midtjylland")
    me.choose("#id_kind", "KKR-møde")
    me.fill("#id_title", "Møde i KKR Midtjylland")
    me.fill("#id_starts_at_0", day)
    me.fill("#id_starts_at_1", "10:00")
    me.fill("#id_ends_at_0", day)
    me.fill("#id_ends_at_1", "13:00")
    me.click("text=Hele Region Midtjylland")  # who is invited is always said
    me.fill("#id_venue_name", "Scandic Silkeborg")
    me.fill("#id_registration_slug", "kkr-midt")
    me.fill("#id_registration_deadline_0", deadline)
    me.fill("#id_registration_deadline_1", "12:00")
    me.fill("#id_contact_name", "Karen Holm")
    me.fill("#id_contact_email", "kho@kl.dk")
    me.click("input[name=_save]")
    expect(page.locator("#state")).to_have_text("Status: Kladde")

    me.click("button:text-is('Offentliggør')")
    expect(page.locator(".messagelist")).to_contain_text("Mødet er offentliggjort")
    expect(page.locator("#state")).to_have_text("Status: Offentliggjort")

    me.click("text=Opret dagsorden")
    me.fill("#id_quick_items", AGENDA)
    me.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("6 punkter er tilføjet")
    me.click("button:text-is('Offentliggør dagsordenen')")
    expect(page.locator(".messagelist")).to_contain_text("Dagsordenen er offentliggjort")

    print(f"\nThe secretary's actions: {me.actions}")
    assert me.actions <= MAX_ACTIONS

    # What the public sees now: the meeting, its open tilmeld link, its invitation and agenda.
    meeting = Meeting.objects.get(title="Møde i KKR Midtjylland")
    assert meeting.status == Meeting.Status.PUBLISHED
    page.goto(f"{live_server.url}/tilmeld/kkr-midt/")
    expect(page.locator("input[name=email]")).to_be_visible()
    invitation = page.request.get(
        f"{live_server.url}{reverse('admin:meetings_meeting_pdf', args=[meeting.pk, 'invitation'])}"
    )
    text = squash("".join(pdf_pages(invitation.body())))
    for fact in ["kl. 10.00-13.00", "Scandic Silkeborg", "kl. 12.00", "/tilmeld/kkr-midt/"]:
        assert squash(fact) in text, fact
    agenda = Agenda.objects.get(meeting=meeting)
    numbers = [(n, item.title, item.closed) for item, n in agenda.numbered_items()]
    assert len([n for n in numbers if "." not in n[0]]) == 5  # five items
    assert ("2.1", "Nyt fra KKR's formandskab", False) in numbers  # one sub-item
    assert ("3", "Udpegninger til regionale udvalg", True) in numbers  # one closed
    page.goto(f"{live_server.url}/dagsordener/{agenda.pk}/")
    expect(page.locator("main")).to_contain_text("Sundhedsaftalen 2099")
    expect(page.locator("main")).not_to_contain_text("Udpegninger til regionale udvalg")


def test_the_mailing_preview_and_the_registration_chart_show_their_content(live_server, page):
    meeting = factories.meeting(invitees=2)
    reg_settings = services.settings_for(meeting)
    reg_settings.invitations_at = timezone.now() + datetime.timedelta(days=1)
    reg_settings.save()
    for number in range(3):
        services.register(meeting, registration_data(10 + number))
    Registration.objects.filter(email="politiker10@example.dk").update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    log_in(page, live_server)
    page.goto(
        live_server.url
        + reverse("admin:registrations_mailing_preview", args=[meeting.pk, "invitation"])
    )
    preview = page.frame_locator("iframe[title='HTML-udgaven']").locator("body")
    expect(preview).to_contain_text("Du inviteres hermed til Social- og Sundhedspolitisk Forum")
    expect(preview).to_contain_text("Tilmeld dig her")

    page.goto(live_server.url + reverse("admin:registrations_overview", args=[meeting.pk]))
    bars = page.locator("svg.chart rect")
    expect(bars.first).to_be_visible()
    heights = [bars.nth(i).bounding_box()["height"] for i in range(bars.count())]
    assert max(heights) > 20  # the day with two registrations fills the chart
    assert sum(1 for h in heights if h > 0) == 2


def test_the_index_is_grouped_by_task_and_the_lists_fit_1280_px(live_server, page):
    long_title = "Social- og Sundhedspolitisk Forum 2099: Det nære sundhedsvæsen og ældreplejen"
    meeting = factories.meeting(invitees=1, title=long_title)
    long_name = "Borgmester Anne-Marie Christensen-Bøgelund"
    services.register(meeting, registration_data(1, name=long_name))
    Agenda.objects.create(meeting=meeting)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server)
    # the captions' text as written (the admin's CSS shows them in capitals)
    captions = page.locator("#content-main .module caption").all_text_contents()
    assert [c.strip() for c in captions] == [
        "Møder",
        "Dagsordener",
        "Tilmeldinger",
        "Personer og organisationer",
        "System",
    ]
    system = page.locator("#content-main .module", has_text="System").inner_text()
    assert "Loginforsøg" in system and "Regioner" in system and "Kommuner" in system
    assert not re.search(r"access|axes", page.locator("#content-main").inner_text(), re.I)
    for name in ("registrations_registration", "meetings_meeting", "agendas_agenda"):
        page.goto(live_server.url + reverse(f"admin:{name}_changelist"))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, (name, width)
        # nor is the table cut off inside its own scrolling box
        results = page.locator("#changelist .results")
        overflow = results.evaluate("box => box.scrollWidth - box.clientWidth")
        assert overflow <= 0, (name, overflow)
