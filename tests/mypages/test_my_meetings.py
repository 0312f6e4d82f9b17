"""Mine møder (issue 27, point 2): the meetings where she is invited, registered or a member,
upcoming and past, each with its state, her registration (change, cancel), the agenda (the
members' edition where she is a member), referat and bilag; her calendar feed at a secret,
renewable address."""

import pytest
from django.core.cache import cache
from icalendar import Calendar

from meetings.models import Meeting, Person
from registrations.models import Invitation
from registrations.services import registration as registrations
from tests import factories
from tests.agendas.access_helpers import CLOSED_TITLE, agenda_with_closed_item
from tests.meetings.politician_helpers import meeting_with_agenda

from .helpers import EMAIL, politician, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_limits_used():
    cache.clear()


def her_meetings():
    """Anne Hansen, member of KKR Midtjylland, invited to one meeting, registered at another;
    and a meeting that is none of hers, and a draft of her KKR."""
    person = politician(member_of="KKR Midtjylland")
    closed = agenda_with_closed_item()  # KKR Midtjylland, 30 August 2021: past
    invited = factories.meeting(
        Meeting.Kind.COMMITTEE, organiser="KL's Socialudvalg", title="Debatmøde om psykiatri",
        slug="psykiatri", days_ahead=40,
    )  # fmt: skip
    Invitation.objects.create(meeting=invited, person=person)
    conference = factories.meeting(title="Social- og Sundhedspolitisk Forum", capacity=100)
    registration = registrations.register(
        conference, factories.registration_data(1, email=EMAIL.upper(), name="Anne Hansen")
    ).registration
    factories.meeting(title="Et andet udvalgs møde", slug="andet", organiser="KL's Socialudvalg")
    factories.meeting(
        Meeting.Kind.KKR, title="Kladde i KKR", days_ahead=60, status=Meeting.Status.DRAFT
    )
    return closed, invited, conference, registration


def test_mine_moeder_lists_invited_registered_and_member_meetings(client):
    closed, invited, conference, registration = her_meetings()
    sign_in(client)
    page = client.get("/mine-moeder/").content.decode()
    upcoming, past = page.split('id="tidligere"')
    assert "Debatmøde om psykiatri" in upcoming and "Social- og Sundhedspolitisk Forum" in upcoming
    assert upcoming.index("Social- og Sundhedspolitisk Forum") < upcoming.index("psykiatri")
    assert closed.meeting.title in past and "Afholdt" in past
    assert "Et andet udvalgs møde" not in page and "Kladde i KKR" not in page
    # her registration, with working links to change and cancel it
    assert "Tilmeldt" in upcoming
    manage = f"/tilmeld/sundhedsforum/min-tilmelding/{registration.secret}/"
    assert manage in upcoming and manage + "afmeld/" in upcoming
    assert client.get(manage).status_code == 200
    # invited, not registered: the way to register
    assert "/tilmeld/psykiatri/" in upcoming
    # a member: the members' edition of the agenda
    assert f"/dagsordener/{closed.pk}/medlemmer/" in past
    assert "Medlemsudgave med lukkede punkter" in past


def test_a_politician_who_is_no_member_gets_the_public_edition_and_the_referat(client):
    agenda = meeting_with_agenda()
    person = politician()
    Invitation.objects.create(meeting=agenda.meeting, person=person)
    sign_in(client)
    page = client.get("/mine-moeder/").content.decode()
    assert f'href="/dagsordener/{agenda.pk}/"' in page and "Offentlig udgave" in page
    assert "medlemmer/" not in page
    assert f"/dagsordener/{agenda.pk}/referat.pdf" in page
    assert "Oversigt over udpegninger" in page  # the bilag
    bilag = agenda.items.get(title="Udpegninger").attachments.get()
    assert f"/dagsordener/bilag/{bilag.pk}/" in page


def test_the_calendar_feed_holds_her_meetings_at_a_secret_renewable_address(client):
    closed, invited, conference, _ = her_meetings()
    sign_in(client)
    page = client.get("/mine-moeder/").content.decode()
    feed_path = page.split("webcal://testserver", 1)[1].split('"', 1)[0]
    response = client.get(feed_path)
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-store"
    uids = {str(event["uid"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}
    assert uids == {f"meeting-{m.pk}@moeder.kl.dk" for m in (closed.meeting, invited, conference)}
    client.logout()
    assert client.get(feed_path).status_code == 200  # the secret alone opens it
    sign_in(client)
    client.post("/mine-moeder/kalender/ny-adresse/")
    assert client.get(feed_path).status_code == 404
    page = client.get("/mine-moeder/").content.decode()
    assert "webcal://testserver" + feed_path not in page
    assert client.get(page.split("webcal://testserver", 1)[1].split('"', 1)[0]).status_code == 200
    assert client.get("/mine-moeder/kalender/ikke-en-hemmelighed.ics").status_code == 404


def test_mine_moeder_is_for_the_signed_in_only(client):
    response = client.get("/mine-moeder/")
    assert response.status_code == 302 and response["Location"].startswith("/log-ind/")
    assert client.post("/mine-moeder/kalender/ny-adresse/").status_code == 302


def test_the_page_is_never_cached_and_keeps_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    her_meetings()
    sign_in(client)
    response = client.get("/mine-moeder/")
    assert response["Cache-Control"] == "private, no-store"
    assert CLOSED_TITLE not in response.content.decode()
    with django_assert_max_num_queries(16):
        client.get("/mine-moeder/")
    # three more meetings of hers, invited and held by others: not one query more
    person = Person.objects.get(email=EMAIL)
    for number in range(3):
        invited = factories.meeting(title=f"Møde {number}", slug=f"moede-{number}",
                                    organiser="KL's Socialudvalg")  # fmt: skip
        Invitation.objects.create(meeting=invited, person=person)
    with django_assert_max_num_queries(16):
        assert "Møde 2" in client.get("/mine-moeder/").content.decode()
