"""As a politician on the meeting page I find all of the meeting (issue 16): a "Tilmeld dig"
button at the top and again after the programme while registration is open (none once it has
closed or the meeting has passed), the latest published agenda, the referat, the public bilag,
the invitation and programme PDFs and the calendar file."""

import datetime
import re

import pytest
from django.utils import timezone

from agendas.models import Item
from agendas.services.publishing import publish_agenda
from meetings.models import Meeting
from registrations.models import RegistrationSettings
from tests.factories import meeting as open_meeting
from tests.factories import seed_meeting

from .politician_helpers import meeting_with_agenda

pytestmark = pytest.mark.django_db

BUTTON = re.compile(r'<a class="btn btn-primary btn-lg" href="/tilmeld/([^/"]+)/">Tilmeld dig</a>')


def page(client, meeting):
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_an_open_registration_has_a_button_at_the_top_and_after_the_programme(client):
    meeting = open_meeting()
    html = page(client, meeting)
    assert BUTTON.findall(html) == ["sundhedsforum", "sundhedsforum"]
    top, end = (m.start() for m in BUTTON.finditer(html))
    assert top < html.index("Mødets dokumenter") < end
    assert '<a href="/tilmeld/sundhedsforum/">Tilmeld dig her</a>' in html


def test_no_button_once_registration_has_closed_or_the_meeting_has_passed(client):
    closed = open_meeting(slug="lukket")
    closed.registration_deadline = timezone.now() - datetime.timedelta(hours=1)
    closed.save()
    RegistrationSettings.objects.create(meeting=closed)
    past = seed_meeting("000")  # 2020, with a registration link
    for meeting in (closed, past):
        html = page(client, meeting)
        assert not BUTTON.search(html)
        assert "/tilmeld/" not in html
        assert "Tilmeldingen er lukket" in html


def test_a_registration_not_yet_open_says_when_it_opens(client):
    meeting = open_meeting(slug="snart")
    opens_at = timezone.now() + datetime.timedelta(days=3)
    RegistrationSettings.objects.create(meeting=meeting, opens_at=opens_at)
    html = page(client, meeting)
    assert not BUTTON.search(html)
    assert "Åbner den " in html


def test_the_meeting_page_leads_to_agenda_referat_bilag_pdfs_and_calendar(client):
    agenda = meeting_with_agenda()
    meeting = agenda.meeting
    html = page(client, meeting)
    for link in (
        f'href="/dagsordener/{agenda.pk}/"',
        f'href="/dagsordener/{agenda.pk}/dagsorden.pdf"',
        f'href="/dagsordener/{agenda.pk}/referat.pdf"',
        f'href="/moeder/{meeting.pk}/kalender.ics"',
    ):
        assert link in html, link
    bilag = Item.objects.get(agenda=agenda, title="Udpegninger").attachments.get()
    assert f'<a href="/dagsordener/bilag/{bilag.pk}/">Oversigt over udpegninger</a>' in html
    for path in (
        f"/dagsordener/{agenda.pk}/dagsorden.pdf",
        f"/dagsordener/{agenda.pk}/referat.pdf",
        f"/dagsordener/bilag/{bilag.pk}/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"] == "application/pdf", path


def test_a_bilag_of_a_closed_item_is_not_on_the_meeting_page(client):
    agenda = meeting_with_agenda()
    Item.objects.filter(agenda=agenda, title="Udpegninger").update(closed=True)
    html = page(client, agenda.meeting)
    assert "Oversigt over udpegninger" not in html
    assert "Dagsorden og referat" in html


def test_a_corrected_agenda_is_linked_as_the_latest_version(client):
    agenda = meeting_with_agenda()
    Item.objects.filter(agenda=agenda, title="Udpegninger").update(title="Udpegninger 2026")
    publish_agenda(agenda)
    html = page(client, agenda.meeting)
    assert "Rettet dagsorden</a> (version 2)" in html


def test_a_meeting_without_agenda_or_registration_shows_neither(client):
    meeting = seed_meeting("004")
    html = page(client, meeting)
    assert "Dagsorden og referat" not in html
    assert not BUTTON.search(html)


def test_the_invitation_and_programme_pdfs_of_a_public_meeting(client):
    letter, conference = seed_meeting("000"), seed_meeting("002")
    for meeting, name in ((letter, "invitation"), (conference, "program")):
        path = f"/moeder/{meeting.pk}/{name}.pdf"
        assert f'href="{path}"' in page(client, meeting)
        response = client.get(path)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_no_pdf_of_a_draft_meeting_nor_of_a_document_it_lacks(client):
    letter, conference = seed_meeting("000"), seed_meeting("002")
    Meeting.objects.filter(pk__in=[letter.pk, conference.pk]).update(status=Meeting.Status.DRAFT)
    assert client.get(f"/moeder/{letter.pk}/invitation.pdf").status_code == 404
    assert client.get(f"/moeder/{conference.pk}/program.pdf").status_code == 404
    without_programme = seed_meeting("001")
    assert client.get(f"/moeder/{without_programme.pk}/program.pdf").status_code == 404
    assert f"/moeder/{without_programme.pk}/program.pdf" not in page(client, without_programme)
    assert client.get("/moeder/999999/invitation.pdf").status_code == 404


def test_the_meeting_page_costs_the_same_queries_with_more_bilag(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    agenda = meeting_with_agenda()
    client.get(agenda.meeting.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        client.get(agenda.meeting.get_absolute_url())
    for item in Item.objects.filter(agenda=agenda)[:5]:
        bilag = Item.objects.get(title="Udpegninger").attachments.get()
        bilag.pk = None
        bilag.item = item
        bilag.save()
    publish_agenda(agenda)
    with django_assert_num_queries(len(queries)):
        html = page(client, agenda.meeting)
    assert html.count("Oversigt over udpegninger") >= 5


def test_the_header_links_meetings_agendas_and_search_marking_the_current_page(client):
    for path, current in (("/", "Møder"), ("/dagsordener/", "Dagsordener"), ("/soeg/", "Søg")):
        html = client.get(path).content.decode()
        nav = html[html.index('aria-label="Hovedmenu"') : html.index("</nav>")]
        links = re.findall(r'<a class="nav-link" href="([^"]+)"([^>]*)>([^<]+)</a>', nav)
        assert [(href, text) for href, _, text in links] == [
            ("/", "Møder"),
            ("/dagsordener/", "Dagsordener"),
            ("/soeg/", "Søg"),
            ("/log-ind/", "Log ind"),  # Mine møder once signed in (tests/mypages/)
        ]
        assert [text for _, attrs, text in links if 'aria-current="page"' in attrs] == [current]
