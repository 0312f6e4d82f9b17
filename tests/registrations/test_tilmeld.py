"""A politician opens the tilmeld link from an invitation and registers; the page is Danish,
works without JavaScript (plain form posts), and refuses what it should."""

import base64
import datetime
import re

import icalendar
import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import Municipality, Person, Role
from outbox.models import Message
from registrations.models import (
    FieldMode,
    Invitation,
    Registration,
    RegistrationSettings,
    find_by_secret,
)
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]


def test_the_page_shows_title_time_place_and_deadline_and_a_form(
    client, django_assert_max_num_queries
):
    meeting = factories.meeting()
    with django_assert_max_num_queries(10):
        response = client.get("/tilmeld/sundhedsforum/")
    html = response.content.decode()
    assert response.status_code == 200
    assert meeting.title in html
    assert "Aalborg Kongres &amp; Kultur Center" in html
    assert "Tilmeldingsfrist" in html and "Senest " in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="website"' in html  # the honeypot
    assert "<script" not in html  # works without JavaScript
    assert 'name="robots"' not in html  # the public page may be found


def test_unknown_slug_is_a_404(client):
    assert client.get("/tilmeld/findes-ikke/").status_code == 404


def test_after_the_deadline_the_page_says_so_and_names_the_contact_person(client):
    factories.meeting(
        registration_deadline=timezone.now() - datetime.timedelta(minutes=1),
    )
    response = client.get("/tilmeld/sundhedsforum/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tilmeldingen er lukket" in html
    assert "Karen Holm" in html and "kho@kl.dk" in html
    assert 'name="email"' not in html
    response = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form())
    assert "Tilmeldingen er lukket" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_valid_registration_redirects_to_a_receipt_without_any_id(client):
    meeting = factories.meeting()
    response = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form(party_letter="v"))
    assert response.status_code == 302
    assert response["Location"] == "/tilmeld/sundhedsforum/tak/"
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.party_letter == "V"
    assert registration.consent_at is not None
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert "Tak. Vi har sendt en bekræftelse til birgit.hansen@example.dk." in html
    assert receipt["X-Robots-Tag"].startswith("noindex")
    assert str(registration.pk) not in response["Location"]
    mail = Message.objects.get()
    assert mail.to == "birgit.hansen@example.dk"
    assert mail.subject == f"Bekræftelse af tilmelding: {meeting.title}"
    assert [a["filename"] for a in mail.attachments] == ["moede.ics"]


def test_the_receipt_is_read_from_a_signed_cookie_of_its_own_not_a_database_session(client):
    factories.meeting()
    response = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form())
    cookie = response.cookies["tilmeld_kvittering"]
    assert cookie["path"] == "/tilmeld/sundhedsforum/tak/"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not Session.objects.exists()
    assert "birgit.hansen@example.dk" in client.get("/tilmeld/sundhedsforum/tak/").content.decode()

    # A cookie written by hand names no address: back to the form.
    client.cookies["tilmeld_kvittering"] = "mallory@example.dk"
    forged = client.get("/tilmeld/sundhedsforum/tak/")
    assert forged.status_code == 302
    assert forged["Location"] == "/tilmeld/sundhedsforum/"
    assert not Client().get("/tilmeld/sundhedsforum/tak/").content
    # A receipt signed by the previous release held the address alone: back to the form.
    previous = HttpResponse()
    previous.set_signed_cookie(
        "tilmeld_kvittering", "birgit.hansen@example.dk", salt="tilmeld_kvittering"
    )
    client.cookies["tilmeld_kvittering"] = previous.cookies["tilmeld_kvittering"].value
    old = client.get("/tilmeld/sundhedsforum/tak/")
    assert (old.status_code, old["Location"]) == (302, "/tilmeld/sundhedsforum/")


def test_errors_are_shown_in_danish_and_nothing_is_saved(client):
    factories.meeting()
    response = client.post(
        "/tilmeld/sundhedsforum/", factories.tilmeld_form(email="birgit@", name="", consent="")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tilmeldingen er ikke gennemført" in html
    assert "Dette felt er påkrævet." in html
    assert "Indtast en gyldig e-mail-adresse." in html
    assert "Du skal give samtykke" in html
    assert not Registration.objects.exists()


def test_the_same_email_registering_again_updates_instead_of_adding(client):
    factories.meeting()
    client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form())
    # The public form never changes a registration (tests/test_security_public_form.py);
    # the personal link does, by the same address.
    secret = Registration.objects.get().secret
    client.post(
        f"/tilmeld/sundhedsforum/min-tilmelding/{secret}/",
        factories.tilmeld_form(email="Birgit.Hansen@EXAMPLE.dk", dietary_needs="Vegetar"),
    )
    registration = Registration.objects.get()
    assert registration.dietary_needs == "Vegetar"
    assert Message.objects.filter(subject__startswith="Din tilmelding er opdateret").count() == 1


def test_only_politicians_are_told_so_in_danish(client):
    factories.meeting(only_for_politicians=True)
    response = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form(role=Role.OFFICIAL))
    assert "Mødet er kun for kommunalpolitikere." in response.content.decode()
    assert not Registration.objects.exists()


def test_only_the_invited_municipalities_may_register(client):
    meeting = factories.meeting(invites_all_municipalities=False)
    meeting.invited_municipalities.set(Municipality.objects.filter(name__in=["Viborg", "Skive"]))
    response = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form())
    assert "Mødet er kun for de inviterede kommuner: Skive, Viborg." in response.content.decode()
    ok = client.post(
        "/tilmeld/sundhedsforum/",
        factories.tilmeld_form(municipality=str(Municipality.objects.get(name="Skive").pk)),
    )
    assert ok.status_code == 302


def test_the_honeypot_refuses_quietly_and_saves_nothing(client):
    factories.meeting()
    response = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form(website="http://spam"))
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_submissions_are_limited_per_ip_address(client, settings):
    factories.meeting()
    from registrations import views

    for number in range(views.RATE_LIMIT):
        response = client.post(
            "/tilmeld/sundhedsforum/", factories.tilmeld_form(email=f"p{number}@x.dk")
        )
        assert response.status_code == 302
    response = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form(email="one-more@x.dk"))
    assert response.status_code == 429
    assert "for mange tilmeldinger" in response.content.decode()
    other_ip = client.post(
        "/tilmeld/sundhedsforum/",
        factories.tilmeld_form(email="other@x.dk"),
        REMOTE_ADDR="10.0.0.9",
    )
    assert other_ip.status_code == 302


def test_a_post_without_the_csrf_token_is_refused():
    factories.meeting()
    response = Client(enforce_csrf_checks=True).post(
        "/tilmeld/sundhedsforum/", factories.tilmeld_form()
    )
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_a_meeting_without_registration_settings_uses_the_defaults(client):
    meeting = factories.meeting()
    assert not RegistrationSettings.objects.filter(meeting=meeting).exists()
    assert client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form()).status_code == 302
    assert RegistrationSettings.objects.get(meeting=meeting).capacity is None


def test_the_secretariat_chooses_which_fields_are_shown_and_required(client):
    meeting = factories.meeting()
    factories.session(meeting, 1, title="Fælles data")
    RegistrationSettings.objects.create(
        meeting=meeting,
        party_mode=FieldMode.HIDDEN,
        phone_mode=FieldMode.REQUIRED,
        session_mode=FieldMode.REQUIRED,
        dinner_label="Aftenarrangement – middag og underholdning",
    )
    html = client.get("/tilmeld/sundhedsforum/").content.decode()
    assert 'name="party_letter"' not in html
    assert "Fælles data" in html
    assert "Jeg deltager i aftenarrangement – middag og underholdning" in html
    response = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form())
    errors = re.findall(r"Dette felt er påkrævet", response.content.decode())
    assert len(errors) == 2  # phone and session
    session = meeting.sessions.get()
    response = client.post(
        "/tilmeld/sundhedsforum/",
        factories.tilmeld_form(phone="20 30 40 50", session=str(session.pk), dinner="on"),
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.session == session and registration.dinner


def test_a_full_session_is_marked_in_the_form(client):
    meeting = factories.meeting()
    factories.session(meeting, 1, capacity=0, title="Dør borgerne godt i din kommune?")
    html = client.get("/tilmeld/sundhedsforum/").content.decode()
    assert "Dør borgerne godt i din kommune? (fuld – du kommer på venteliste)" in html


def test_a_personal_invitation_link_fills_the_form_in_from_the_person(client):
    meeting = factories.meeting()
    person = Person.objects.create(
        name="Mads Duedahl",
        role=Role.MAYOR,
        email="mads@example.dk",
        municipality=Municipality.objects.get(name="Aalborg"),
        party_letter="V",
        phone="99 31 31 31",
    )
    invitation = Invitation.objects.create(meeting=meeting, person=person)
    assert len(invitation.secret) >= 43
    url = f"/tilmeld/sundhedsforum/invitation/{invitation.secret}/"
    response = client.get(url)
    html = response.content.decode()
    assert 'value="Mads Duedahl"' in html and 'value="mads@example.dk"' in html
    assert 'value="99 31 31 31"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"].startswith("noindex")
    data = factories.tilmeld_form(name="Mads Duedahl", email="mads@example.dk")
    assert client.post(url, data).status_code == 302
    registration = Registration.objects.get()
    assert registration.person == person and registration.source == "invitation"


def test_a_wrong_or_foreign_invitation_secret_is_a_404(client):
    meeting = factories.meeting()
    other = factories.meeting(slug="andet-moede")
    person = Person.objects.create(name="Anna", email="anna@example.dk")
    invitation = Invitation.objects.create(meeting=other, person=person)
    assert client.get(f"/tilmeld/sundhedsforum/invitation/{invitation.secret}/").status_code == 404
    assert client.get("/tilmeld/sundhedsforum/invitation/" + "a" * 43 + "/").status_code == 404
    assert client.get("/tilmeld/sundhedsforum/invitation/kort/").status_code == 404
    assert client.get(f"/tilmeld/andet-moede/invitation/{invitation.secret}/").status_code == 200
    assert meeting.invitations.count() == 0


def test_the_change_link_opens_the_registration_and_expires_with_the_meeting(client):
    meeting = factories.meeting()
    client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form())
    registration = Registration.objects.get()
    url = f"/tilmeld/sundhedsforum/min-tilmelding/{registration.secret}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Du er tilmeldt" in response.content.decode()
    assert response["X-Robots-Tag"].startswith("noindex")
    assert client.get(url.replace(registration.secret[:5], "AAAAA")).status_code == 404
    meeting.starts_at = timezone.now() - datetime.timedelta(days=2)
    meeting.ends_at = timezone.now() - datetime.timedelta(days=1)
    meeting.registration_deadline = None
    meeting.save()
    assert client.get(url).status_code == 410


def test_a_confirmed_participant_cannot_lose_the_seat_by_choosing_a_full_session(client):
    meeting = factories.meeting()
    free = factories.session(meeting, 1)
    full = factories.session(meeting, 2, capacity=0)
    client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form(session=str(free.pk)))
    registration = Registration.objects.get()
    url = f"/tilmeld/sundhedsforum/min-tilmelding/{registration.secret}/"
    response = client.post(url, factories.tilmeld_form(session=str(full.pk)))
    assert "Session 2 er fuld. Din tilmelding er ikke ændret" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed" and registration.session == free


def test_invitation_links_are_made_for_the_invited_politicians_once(admin_client):
    meeting = factories.meeting(only_for_politicians=True, invites_all_municipalities=False)
    skive, viborg = Municipality.objects.filter(name__in=["Viborg", "Skive"]).order_by("name")
    meeting.invited_municipalities.set([viborg, skive])
    mayor = Person.objects.create(
        name="Ulrik Wilbek", role=Role.MAYOR, municipality=viborg, email="uw@viborg.dk"
    )
    Person.objects.create(name="Uden e-mail", role=Role.COUNCILLOR, municipality=skive)
    Person.objects.create(name="Embedsperson", role=Role.OFFICIAL, municipality=skive, email="e@x")
    Person.objects.create(name="Aalborg", role=Role.MAYOR, email="a@aalborg.dk")
    from registrations.services.invitations import create_invitations

    assert create_invitations(meeting) == 1
    assert create_invitations(meeting) == 0
    invitation = Invitation.objects.get()
    assert invitation.person == mayor
    assert find_by_secret(Invitation.objects.all(), invitation.secret) == invitation
    response = admin_client.post(
        "/admin/registrations/invitation/",
        {"action": "export_links", "_selected_action": [invitation.pk]},
    )
    rows = response.content.decode("utf-8-sig").splitlines()
    assert rows[1].startswith("Ulrik Wilbek;uw@viborg.dk;Viborg;")
    assert rows[1].endswith(f"/tilmeld/sundhedsforum/invitation/{invitation.secret}/")


def test_the_confirmation_carries_the_meeting_as_a_calendar_entry(client):
    meeting = factories.meeting()
    client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form())
    attachment = Message.objects.get().attachments[0]
    calendar = icalendar.Calendar.from_ical(base64.b64decode(attachment["content_base64"]))
    event = calendar.walk("VEVENT")[0]
    assert attachment["mimetype"] == "text/calendar"
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtend") == meeting.ends_at
    assert str(event["summary"]) == meeting.title
    assert "Aalborg Kongres" in str(event["location"])
    secret = Registration.objects.get().secret
    assert f"/tilmeld/sundhedsforum/min-tilmelding/{secret}/" in str(event["description"])


def test_registering_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    from registrations.services import registration as services

    meeting = factories.meeting(capacity=10)
    session = factories.session(meeting, 1, capacity=5)
    services.register(meeting, factories.registration_data(1, session=session))
    data = factories.registration_data(2, session=session)
    # The settings, the lock timeout and the lock, eligibility, the e-mail look-up, the seats
    # of the meeting and the session, the insert and the outbox row, with their savepoints:
    # the same however many have registered.
    with django_assert_max_num_queries(12):
        services.register(meeting, data)


@pytest.mark.django_db(transaction=True)
def test_the_form_shows_a_session_as_full_as_soon_as_its_last_seat_is_taken(client):
    """The tilmeld page is kept (committed data, as in production) until a seat is taken."""
    meeting = factories.meeting()
    factories.session(meeting, 1, title="Fælles data", capacity=1)
    first = client.get("/tilmeld/sundhedsforum/").content.decode()
    assert "1. Fælles data" in first and "fuld" not in first
    with CaptureQueriesContext(connection) as queries:
        kept = Client().get("/tilmeld/sundhedsforum/").content.decode()
    assert len(queries) == 0, "the second visitor gets the kept page"
    assert kept.count("1. Fælles data") == 1 and "fuld" not in kept
    session = meeting.sessions.get(number=1)
    client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form(session=str(session.pk)))
    after = Client().get("/tilmeld/sundhedsforum/").content.decode()
    assert "1. Fælles data (fuld – du kommer på venteliste)" in after


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("capacity, status", [(10, "confirmed"), (1, "waiting")])
def test_a_registration_through_the_form_reads_only_what_it_locks_and_writes(
    client, django_assert_max_num_queries, capacity, status
):
    """In an invitation's rush, whether seats are left or taken, the meeting with its
    settings and sessions is read once per worker, not once per registration: a seat taken
    changes the pages that show free seats, not the set-up."""
    meeting = factories.meeting(capacity=capacity)
    session = factories.session(meeting, 1)
    for email in ("foerste@example.dk", "anden@example.dk"):
        client.post(
            "/tilmeld/sundhedsforum/", factories.tilmeld_form(email=email, session=str(session.pk))
        )
    form = factories.tilmeld_form(email="tredje@example.dk", session=str(session.pk))
    # the chosen municipality; BEGIN, the lock, the count, the registration, the outbox row,
    # COMMIT
    with django_assert_max_num_queries(7):
        response = client.post("/tilmeld/sundhedsforum/", form)
    assert response.status_code == 302
    registration = Registration.objects.get(email="tredje@example.dk")
    assert (registration.status, registration.session) == (status, session)


def test_a_session_or_municipality_not_offered_is_refused_in_danish(client):
    meeting = factories.meeting()
    factories.session(meeting, 1)
    other = factories.session(factories.meeting(slug="andet-moede", title="Andet"), 1)
    for wrong in ({"session": str(other.pk)}, {"municipality": "999999"}, {"session": "x"}):
        response = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form(**wrong))
        assert response.status_code == 200
        assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_what_the_secretariat_changes_reaches_the_form_at_once(client):
    meeting = factories.meeting(invites_all_municipalities=False)
    meeting.invited_municipalities.set(Municipality.objects.filter(name="Frederikshavn"))
    client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form(email="foerste@example.dk"))
    meeting.invited_municipalities.set(Municipality.objects.filter(name="Skive"))
    response = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form())
    assert "Mødet er kun for de inviterede kommuner: Skive." in response.content.decode()
    session = factories.session(meeting, 1, capacity=5)
    skive = str(Municipality.objects.get(name="Skive").pk)
    response = client.post(
        "/tilmeld/sundhedsforum/", factories.tilmeld_form(municipality=skive, session=session.pk)
    )
    assert response.status_code == 302
    assert Registration.objects.get(municipality__name="Skive").session == session
