"""One place: the meeting's page is where the secretary works from, and every save on the
registration settings, the agenda or an item returns to where they came from; the agenda's
page links to its meeting. Small things that cost actions: Sags ID and initials typed on an
agenda's lines, and the Sags ID's format shown before saving."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from agendas.models import Agenda
from agendas.services.editing import add_items_from_lines
from meetings.models import Meeting
from tests import factories
from tests.checks.test_fuzz_admin import empty_inlines

pytestmark = pytest.mark.django_db


def workspace(meeting):
    return reverse("admin:meetings_meeting_workspace", args=[meeting.pk])


def test_saving_the_registration_settings_returns_to_the_meetings_page(admin_client):
    meeting = factories.meeting()
    url = reverse("admin:registrations_registrationsettings_change", args=[meeting.pk])
    admin_client.get(workspace(meeting))  # the page makes the settings it links to
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data = {k: v for k, v in data.items() if k != "meeting"} | {"capacity": "60"}
    data |= empty_inlines(admin_client, url)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert response.url == workspace(meeting)


def test_the_agenda_page_links_to_its_meeting_and_its_save_returns_there(admin_client):
    meeting = factories.meeting(Meeting.Kind.KKR)
    agenda = Agenda.objects.create(meeting=meeting)
    item = agenda.items.create(title="Eventuelt", position=1)
    url = reverse("admin:agendas_agenda_change", args=[agenda.pk])
    page = admin_client.get(url).content.decode()
    assert f'href="{workspace(meeting)}"' in page and "Mødets side" in page
    assert 'placeholder="SAG-2026-01234"' in page
    data = {
        "meeting": meeting.pk,
        "quick_items": "",
        "items-TOTAL_FORMS": 1,
        "items-INITIAL_FORMS": 1,
        "items-0-id": item.pk,
        "items-0-agenda": agenda.pk,
        "items-0-title": "Eventuelt",
        "items-0-position": 1,
        "versions-TOTAL_FORMS": 0,
        "versions-INITIAL_FORMS": 0,
        "_save": "Gem",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302 and response.url == workspace(meeting)

    item_url = reverse("admin:agendas_item_change", args=[item.pk])
    item_data = {"agenda": agenda.pk, "title": "Eventuelt", "position": 1}
    response = admin_client.post(item_url, item_data | empty_inlines(admin_client, item_url))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert response.url == url


def test_the_meeting_form_shows_the_sags_id_format(admin_client):
    meeting = factories.meeting()
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    form = admin_client.get(url).context["adminform"].form
    assert 'placeholder="SAG-2026-01234"' in str(form["case_number"])


def test_sags_id_and_initials_go_at_the_end_of_an_agenda_line():
    agenda = Agenda.objects.create(meeting=factories.meeting(Meeting.Kind.KKR))
    lines = (
        "Sundhedsaftalen SAG-2026-01234 udy/jhp\nUdpegninger sag-2026-00007 abc (lukket)\nEventuelt"
    )
    assert add_items_from_lines(agenda, lines) == 3
    items = [
        (i.title, i.case_number, i.case_initials, i.closed)
        for i in agenda.items.order_by("position")
    ]
    assert items == [
        ("Sundhedsaftalen", "SAG-2026-01234", "udy/jhp", False),
        ("Udpegninger", "SAG-2026-00007", "abc", True),
        ("Eventuelt", "", "", False),
    ]


def test_the_meeting_form_opens_short_with_the_rest_in_sections(admin_client):
    page = admin_client.get(reverse("admin:meetings_meeting_add")).content.decode()
    summaries = re.findall(r"<details(?: open)?>\s*<summary>\s*<h2[^>]*>([^<]+)</h2>", page)
    assert summaries[:4] == [
        "Brevhoved",
        "Brevets overskrift, hilsner og baggrund",
        "Program",
        "Medarrangører",
    ]
    assert "<details open>" not in page
    # the basics are open, and the letter's own sections stay at hand
    for field in ("id_title", "id_starts_at_0", "id_invite_regions_0", "id_registration_slug"):
        before = page[: page.index(f'id="{field}"')]
        assert before.count("<details") == 0, field


def test_every_meeting_picker_shows_title_organiser_and_date(admin_client):
    march = factories.meeting(
        Meeting.Kind.KKR, organiser="KKR Sjælland", days_ahead=60, slug="kkr-marts"
    )
    factories.meeting(Meeting.Kind.KKR, organiser="KKR Sjælland", days_ahead=120, slug="kkr-maj")
    label = f"Møde i KKR Sjælland (KKR Sjælland, {timezone.localtime(march.starts_at):%d-%m-%Y})"
    for url in (
        reverse("admin:agendas_agenda_add"),
        reverse("admin:registrations_invitation_add"),
    ):
        form = admin_client.get(url).context["adminform"].form
        labels = [str(choice[1]) for choice in form.fields["meeting"].choices]
        assert label in labels, (url, labels)
    agenda = factories.import_agenda(
        factories.meeting(Meeting.Kind.KKR, organiser="KKR Sjælland", days_ahead=10)
    ).agenda
    Agenda.objects.create(meeting=march)
    item = agenda.items.first()
    form = (
        admin_client.get(reverse("admin:agendas_item_change", args=[item.pk]))
        .context["adminform"]
        .form
    )
    assert label in [str(choice[1]) for choice in form.fields["move_to"].choices]
