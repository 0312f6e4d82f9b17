"""The pages a politician reaches through a personal link: cancelling asks first and says what
is given up, a registration through the invitation ends on a summary with the calendar entry,
a change ends on "Dine ændringer er gemt". And the form offers only who may register."""

import re

import pytest
from django.test import Client

from meetings.models import Municipality, Person, Role
from outbox.models import Message
from registrations.forms import ManualRegistrationForm, RegistrationForm
from registrations.models import Invitation, Registration, RegistrationSettings
from registrations.services import registration as services
from registrations.services import waiting_list
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]

FORM = "/tilmeld/sundhedsforum/"
DINNER = "Aftenarrangement – middag og underholdning kl. 19.30"


def conference_with_a_small_session():
    """The default conference with a dinner and session 2 of one seat."""
    meeting = factories.meeting()
    RegistrationSettings.objects.create(meeting=meeting, dinner_label=DINNER)
    factories.session(meeting, 1, capacity=10)
    factories.session(meeting, 2, capacity=1)
    return meeting


def personal_path(registration, tail=""):
    return f"{FORM}min-tilmelding/{registration.secret}/{tail}"


def test_cancelling_asks_first_naming_the_full_session_and_the_dinner(client):
    meeting = conference_with_a_small_session()
    birgit = services.register(
        meeting,
        factories.registration_data(session=meeting.sessions.get(number=2), dinner=True),
    ).registration

    manage = client.get(personal_path(birgit)).content.decode()
    # "Afmeld mig mødet" is a link to the question, not a form that cancels.
    link = re.search(r'<a [^>]*href="([^"]+)"[^>]*>Afmeld mig mødet</a>', manage)
    assert link.group(1) == personal_path(birgit, "afmeld/")

    response = client.get(link.group(1))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"].startswith("noindex")
    assert f"Vil du afmelde dig {meeting.title}?" in html
    assert "Du mister din plads i session 2, som er fuld." in html
    assert "Du afmelder dig også aftenarrangement – middag og underholdning" in html
    assert "Ja, afmeld mig" in html
    assert f'href="{personal_path(birgit)}">Nej, behold min tilmelding' in html
    birgit.refresh_from_db()
    assert birgit.status == "confirmed"  # asking changed nothing

    answer = client.post(link.group(1))
    assert "Du er afmeldt." in answer.content.decode()
    birgit.refresh_from_db()
    assert birgit.status == "cancelled"
    # Once cancelled, the question is not asked again.
    assert client.get(link.group(1)).status_code == 302


def test_cancelling_says_what_is_lost_with_a_free_seat_and_on_the_waiting_list(client):
    meeting = conference_with_a_small_session()
    first = services.register(
        meeting, factories.registration_data(1, session=meeting.sessions.get(number=1))
    ).registration
    html = client.get(personal_path(first, "afmeld/")).content.decode()
    assert "Du mister din plads ved mødet og i session 1." in html
    assert "afmelder dig også" not in html

    session_2 = meeting.sessions.get(number=2)
    services.register(meeting, factories.registration_data(2, session=session_2))
    waiting = services.register(
        meeting, factories.registration_data(3, session=session_2)
    ).registration
    assert waiting.status == "waiting"
    html = client.get(personal_path(waiting, "afmeld/")).content.decode()
    assert "Du mister din plads som nummer 1 på ventelisten." in html


def test_the_form_offers_only_the_invited_municipalities_and_politicians_roles(client):
    meeting = factories.meeting(
        only_for_politicians=True, invited_roles=[], invites_all_municipalities=False
    )
    invited = Municipality.objects.filter(name__in=["Viborg", "Herning"])
    meeting.invited_municipalities.set(invited)
    html = client.get(FORM).content.decode()
    municipalities = re.search(r'<select name="municipality".*?</select>', html, re.S).group(0)
    assert re.findall(r"<option [^>]*>([^<]+)</option>", municipalities) == [
        "Vælg kommune",
        "Herning Kommune",
        "Viborg Kommune",
    ]
    roles = re.search(r'<select name="role".*?</select>', html, re.S).group(0)
    assert "Borgmester" in roles and "Embedsperson" not in roles and "Andet" not in roles

    meeting.invited_roles = [Role.MAYOR, Role.OFFICIAL]
    meeting.save()
    form = RegistrationForm(reg_settings=services.settings_for(meeting))
    assert [value for value, _ in form.fields["role"].widget.choices] == ["", Role.MAYOR]
    # The secretariat registers whom it decides: its form offers everyone.
    staff_form = ManualRegistrationForm(reg_settings=services.settings_for(meeting))
    assert len(list(staff_form.fields["municipality"].widget.choices)) == (
        Municipality.objects.count() + 1
    )
    assert len(staff_form.fields["role"].widget.choices) == len(Role.choices) + 1


def test_the_fields_tell_a_phone_what_they_hold(client):
    factories.meeting()
    html = client.get(FORM).content.decode()
    email = re.search(r'<input [^>]*name="email"[^>]*>', html).group(0)
    assert 'type="email"' in email and 'autocomplete="email"' in email
    phone = re.search(r'<input [^>]*name="phone"[^>]*>', html).group(0)
    assert 'type="tel"' in phone and 'autocomplete="tel"' in phone
    assert 'inputmode="tel"' in phone
    name = re.search(r'<input [^>]*name="name"[^>]*>', html).group(0)
    assert 'autocomplete="name"' in name


def invited_mads(meeting):
    mads = Person.objects.create(
        name="Mads Duedahl",
        email="mads@example.dk",
        role=Role.MAYOR,
        municipality=Municipality.objects.get(name="Aalborg"),
    )
    return Invitation.objects.create(meeting=meeting, person=mads)


def test_an_invitee_ends_on_a_summary_with_the_calendar_entry(client):
    meeting = conference_with_a_small_session()
    invitation = invited_mads(meeting)
    data = factories.tilmeld_form(
        name="Mads Duedahl",
        email="Mads@example.dk",
        session=str(meeting.sessions.get(number=1).pk),
        dinner="on",
        dietary_needs="Glutenfri",
    )
    response = client.post(f"{FORM}invitation/{invitation.secret}/", data)
    registration = Registration.objects.get()
    assert response["Location"] == personal_path(registration, "tilmeldt/")

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page["X-Robots-Tag"].startswith("noindex")
    assert "Tak for din tilmelding, Mads Duedahl" in html and "Du er tilmeldt." in html
    assert meeting.title in html and "Aalborg Kongres &amp; Kultur Center" in html
    assert "1. Session nummer 1" in html
    assert "Du deltager: Aftenarrangement – middag" in html
    assert "Glutenfri" in html
    assert f'href="/moeder/{meeting.pk}/kalender.ics"' in html
    assert f'href="{personal_path(registration)}"' in html

    # Cancelled later, the link shows the change page instead of a thank-you.
    waiting_list.cancel(registration)
    assert client.get(response["Location"])["Location"] == personal_path(registration)


def test_an_invitee_who_types_another_address_gets_the_public_receipt_known_or_not(client):
    """Only the invitation's own address leads to the summary; another address, whether it
    is registered already or not, gets the receipt every visitor gets."""
    meeting = factories.meeting()
    services.register(meeting, factories.registration_data(email="birgit@example.dk"))
    url = f"{FORM}invitation/{invited_mads(meeting).secret}/"
    known = client.post(url, factories.tilmeld_form(name="Mads", email="birgit@example.dk"))
    unknown = client.post(url, factories.tilmeld_form(name="Mads", email="mads.privat@example.dk"))
    assert known["Location"] == unknown["Location"] == f"{FORM}tak/"


def test_a_change_ends_on_a_saved_notice_and_registering_again_on_the_summary(client):
    meeting = factories.meeting()
    client.post(FORM, factories.tilmeld_form())
    birgit = Registration.objects.get()
    manage = personal_path(birgit)
    response = client.post(manage, factories.tilmeld_form(dietary_needs="Vegetar"), follow=True)
    assert response.redirect_chain == [(manage, 302)]
    html = response.content.decode()
    assert '<div class="alert alert-success" role="status">Dine ændringer er gemt.</div>' in html
    assert "Dine ændringer er gemt." not in client.get(manage).content.decode()

    waiting_list.cancel(birgit)
    response = client.post(manage, factories.tilmeld_form(), follow=True)
    assert response.redirect_chain == [(personal_path(birgit, "tilmeldt/"), 302)]
    assert "Tak for din tilmelding, Birgit Hansen" in response.content.decode()
    assert f'href="/moeder/{meeting.pk}/kalender.ics"' in response.content.decode()


def test_the_confirmation_email_summarises_and_links_the_calendar_entry(settings):
    settings.SITE_URL = "https://moeder.example.dk"
    meeting = conference_with_a_small_session()
    services.register(
        meeting,
        factories.registration_data(
            session=meeting.sessions.get(number=2), dinner=True, dietary_needs="Ingen nødder"
        ),
    )
    mail = Message.objects.get()
    calendar_url = f"https://moeder.example.dk/moeder/{meeting.pk}/kalender.ics"
    for body in (mail.body_text, mail.body_html):
        assert "Session: 2. Session nummer 2" in body
        assert "Du deltager i aftenarrangementet." in body
        assert "Kosthensyn: Ingen nødder" in body
        assert calendar_url in body
        assert "Aalborg Kongres &" in body
    assert [a["filename"] for a in mail.attachments] == ["moede.ics"]


def test_a_waiting_list_email_has_no_calendar_entry():
    meeting = factories.meeting(capacity=0)
    services.register(meeting, factories.registration_data())
    mail = Message.objects.get()
    assert "kalender" not in mail.body_text.lower()
    assert mail.attachments == []


def test_the_personal_pages_of_a_wrong_secret_are_a_404():
    factories.meeting()
    client = Client()
    for tail in ("tilmeldt/", "afmeld/"):
        assert client.get(f"{FORM}min-tilmelding/{'a' * 43}/{tail}").status_code == 404
