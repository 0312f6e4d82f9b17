"""The politician's public path has no dead ends (issue 27, point 5): the tilmeld page links
to the meeting and says when the sessions run; the receipt links to the meeting, its agenda
and its calendar file (and is the same for an address already registered); the confirmation
names the session with day and time and links to its place in the programme; the change page
links to the meeting and its agenda."""

import datetime

import pytest
from django.utils import timezone

from agendas.services.publishing import publish_agenda
from meetings.models import ProgrammeDay, ProgrammeSlot
from registrations.services import registration as registrations
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]


def conference():
    """The default conference with two sessions at 13.30-15.00 on its first day, and a
    published agenda."""
    meeting = factories.meeting()
    day = ProgrammeDay.objects.create(meeting=meeting, date=timezone.localdate(meeting.starts_at))
    ProgrammeSlot.objects.create(
        day=day,
        starts_at=datetime.time(13, 30),
        ends_at=datetime.time(15, 0),
        kind=ProgrammeSlot.Kind.SESSIONS,
        title="Parallelle sessioner",
    )
    first = factories.session(meeting, 1, title="Sundhedsklynger")
    factories.session(meeting, 2, title="Rekruttering")
    publish_agenda(factories.import_agenda(meeting).agenda)
    when = f"{meeting.sessions_when}"
    assert when.endswith("kl. 13.30-15.00") and "den" in when
    return meeting, first


def test_the_tilmeld_page_links_to_the_meeting_and_says_when_the_sessions_run(client):
    meeting, _ = conference()
    html = client.get("/tilmeld/sundhedsforum/").content.decode()
    assert f'href="/moeder/{meeting.pk}/">Mødets side med program og dagsorden' in html
    assert f"Sessionerne foregår {meeting.sessions_when}." in html
    assert f'href="/moeder/{meeting.pk}/#sessioner"' in html
    assert 'id="sessioner"' in client.get(f"/moeder/{meeting.pk}/").content.decode()


def test_the_receipt_links_to_the_meeting_its_agenda_and_calendar_and_tells_nothing(client):
    meeting, first = conference()
    form = factories.tilmeld_form(session=str(first.pk))
    receipt = client.get(client.post("/tilmeld/sundhedsforum/", form)["Location"])
    html = receipt.content.decode()
    agenda = meeting.agenda
    assert f'href="/moeder/{meeting.pk}/">Mødets side med program og dokumenter' in html
    assert f'href="/dagsordener/{agenda.pk}/">Dagsorden</a>' in html
    assert f'href="/moeder/{meeting.pk}/kalender.ics" download>Læg mødet i din kalender' in html
    assert html.count("Læg mødet i din kalender") == 1
    assert 'href="/log-ind/"' in html
    # the same address again (known now): the very same page
    again = client.get(client.post("/tilmeld/sundhedsforum/", form)["Location"])
    assert again.content.decode() == html


def test_the_confirmation_names_the_session_with_day_and_time_and_its_place(client):
    meeting, first = conference()
    registration = registrations.register(
        meeting, factories.registration_data(1, session=first)
    ).registration
    path = f"/tilmeld/sundhedsforum/min-tilmelding/{registration.secret}/"
    html = client.get(path + "tilmeldt/").content.decode()
    assert (
        f'<a href="/moeder/{meeting.pk}/#session-1">1. Sundhedsklynger</a>, '
        f"{meeting.sessions_when}" in html
    )
    assert f'href="/dagsordener/{meeting.agenda.pk}/">Dagsorden</a>' in html
    assert html.count("Læg mødet i din kalender") == 1
    change = client.get(path).content.decode()
    assert f'href="/moeder/{meeting.pk}/">Mødets side med program og dokumenter' in change
    assert f'href="/dagsordener/{meeting.agenda.pk}/">Dagsorden</a>' in change
