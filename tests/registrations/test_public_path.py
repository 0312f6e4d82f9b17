"""The politician's public path has no dead ends (issue 27, point 5): the tilmeld page links
to the meeting and says when the sessions run; the receipt links to the meeting, its agenda
and its calendar file, and says the registration's status, session, dinner and diet (an address
already registered is told only that its link was sent); the confirmation
names the session with day and time and links to its place in the programme; the change page
links to the meeting and its agenda."""

import datetime

import pytest
from django.utils import timezone

from agendas.services.publishing import publish_agenda
from meetings.models import ProgrammeDay, ProgrammeSlot
from registrations.models import FieldMode, Registration
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


def test_the_receipt_shows_status_session_dinner_diet_calendar_and_links(client):
    meeting, first = conference()
    second = meeting.sessions.get(number=2)
    reg_settings = registrations.settings_for(meeting)
    reg_settings.dinner_label = "Middag i Tivoli"
    reg_settings.dietary_mode = reg_settings.session_mode = FieldMode.OPTIONAL
    reg_settings.save()
    form = factories.tilmeld_form(session=str(first.pk), dinner="on", dietary_needs="Vegetar")
    receipt = client.get(client.post("/tilmeld/sundhedsforum/", form)["Location"])
    html = receipt.content.decode()
    agenda = meeting.agenda
    assert "Tak for din tilmelding, Birgit Hansen" in html
    assert "Du er tilmeldt." in html
    assert (
        f'<a href="/moeder/{meeting.pk}/#session-1">1. Sundhedsklynger</a>, '
        f"{meeting.sessions_when}" in html
    )
    assert "Du deltager: Middag i Tivoli" in html
    assert "Vegetar" in html
    assert f'href="/moeder/{meeting.pk}/">Mødets side med program og dokumenter' in html
    assert f'href="/dagsordener/{agenda.pk}/">Dagsorden</a>' in html
    assert f'href="/moeder/{meeting.pk}/kalender.ics" download>Læg mødet i din kalender' in html
    assert html.count("Læg mødet i din kalender") == 1
    assert 'href="/log-ind/"' in html

    # The same address again, typed by anyone: the page of a new registrant, nothing changed.
    again = factories.tilmeld_form(session=str(second.pk), name="Mallory")
    html = client.get(client.post("/tilmeld/sundhedsforum/", again)["Location"]).content.decode()
    assert "Tak for din tilmelding, Mallory" in html and "2. Rekruttering" in html
    assert "Var adressen allerede tilmeldt, er intet ændret" in html
    assert Registration.objects.get().session == first


def test_the_receipt_of_a_full_meeting_says_waiting_list_and_which_number(client):
    meeting, first = conference()
    reg_settings = registrations.settings_for(meeting)
    reg_settings.capacity = 1
    reg_settings.save()
    registrations.register(meeting, factories.registration_data(1, session=first))
    registrations.register(meeting, factories.registration_data(2, session=first))
    form = factories.tilmeld_form(session=str(first.pk))
    html = client.get(client.post("/tilmeld/sundhedsforum/", form)["Location"]).content.decode()
    assert "Du er på venteliste." in html
    assert "Du er nummer 2 på ventelisten." in html
    assert "Læg mødet i din kalender" not in html  # not before a seat is given


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
