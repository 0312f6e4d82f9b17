"""The public tilmeld form after the penetration test (issue 14): a stranger who knows a
politician's address can neither change their registration nor learn that it exists (item 3);
a flood of the form cannot lock the politician out of their change page (item 6); a line break
cannot reach an e-mail and a comment has a limit (item 7)."""

import pytest
from django import forms as django_forms
from django.test import Client

from meetings.models import Municipality, Person, Role
from outbox.models import Message
from registrations import views
from registrations.forms import RegistrationForm
from registrations.models import FieldMode, Invitation, Registration, RegistrationSettings
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]

FORM = "/tilmeld/sundhedsforum/"
BIRGIT = "birgit.hansen@example.dk"


def receipt(client, data):
    """The answer to a post of the public form and the page it leads to (html)."""
    answer = client.post(FORM, data)
    page = client.get(answer["Location"]) if answer.status_code == 302 else answer
    return answer, page.content.decode()


def registered_birgit(meeting):
    Client().post(FORM, factories.tilmeld_form(phone="11 11 11 11"))
    return Registration.objects.get(meeting=meeting)


def personal_fields(registration):
    registration.refresh_from_db()
    return (
        registration.name,
        registration.phone,
        registration.party_letter,
        registration.dietary_needs,
        registration.session_id,
        registration.status,
        registration.municipality_id,
    )


@pytest.mark.parametrize("cancelled", [False, True])
def test_a_stranger_with_a_known_address_changes_nothing_and_learns_nothing(cancelled):
    meeting = factories.meeting()
    factories.session(meeting, 1)
    other_session = factories.session(meeting, 2)
    birgit = registered_birgit(meeting)
    if cancelled:
        Client().post(f"{FORM}min-tilmelding/{birgit.secret}/afmeld/")
        birgit.refresh_from_db()
        assert birgit.status == "cancelled"
    before = personal_fields(birgit)
    Message.objects.all().delete()

    forged = factories.tilmeld_form(
        name="Mallory",
        email=BIRGIT.upper(),
        phone="99 99 99 99",
        party_letter="X",
        dietary_needs="Kun kaviar",
        session=str(other_session.pk),
        municipality=str(Municipality.objects.get(name="Aalborg").pk),
    )
    stranger, stranger_page = receipt(Client(), forged)
    newcomer, newcomer_page = receipt(Client(), forged | {"email": "ny.person@example.dk"})

    assert personal_fields(birgit) == before
    assert Registration.objects.filter(meeting=meeting).count() == 2
    # The same answer as a new registrant's with the same choices, word for word but for the
    # address typed: what the stranger typed, as a new registration would have it.
    assert stranger.status_code == newcomer.status_code == 302
    assert stranger["Location"] == newcomer["Location"]
    assert stranger_page == newcomer_page.replace("ny.person@example.dk", BIRGIT.upper())
    assert "Tak. Vi har sendt en bekræftelse til" in stranger_page
    assert "Tak for din tilmelding, Mallory" in stranger_page and "Kun kaviar" in stranger_page
    for revealing in ("Birgit Hansen", "11 11 11 11", "afmeldt"):
        assert revealing not in stranger_page
    # Birgit, not the stranger, gets her personal link, through the outbox.
    mail = Message.objects.get(to=BIRGIT)
    assert mail.subject == f"Din tilmelding: {meeting.title}"
    assert f"/tilmeld/sundhedsforum/min-tilmelding/{birgit.secret}/" in mail.body_text
    assert "intet er ændret" in mail.body_text
    assert not Message.objects.filter(to=BIRGIT.upper()).exclude(pk=mail.pk).exists()


def test_a_cancelled_registration_comes_back_through_the_personal_link_only():
    meeting = factories.meeting()
    birgit = registered_birgit(meeting)
    client = Client()
    client.post(f"{FORM}min-tilmelding/{birgit.secret}/afmeld/")
    client.post(FORM, factories.tilmeld_form())
    birgit.refresh_from_db()
    assert birgit.status == "cancelled"

    manage = f"{FORM}min-tilmelding/{birgit.secret}/"
    page = client.get(manage).content.decode()
    assert "Tilmeld mig igen" in page
    assert client.post(manage, factories.tilmeld_form(phone="22 22 22 22")).status_code == 302
    birgit.refresh_from_db()
    assert (birgit.status, birgit.phone) == ("confirmed", "22 22 22 22")


def test_the_invitation_link_changes_its_own_registration_and_nobody_elses():
    meeting = factories.meeting()
    birgit = registered_birgit(meeting)
    mads = Person.objects.create(name="Mads Duedahl", email="mads@example.dk", role=Role.MAYOR)
    url = f"{FORM}invitation/{Invitation.objects.create(meeting=meeting, person=mads).secret}/"
    client = Client()
    first = client.post(url, factories.tilmeld_form(name="Mads Duedahl", email="mads@example.dk"))
    assert first.status_code == 302, first.content.decode()[-3000:]
    again = client.post(
        url, factories.tilmeld_form(name="Mads", email="MADS@example.dk", phone="1")
    )
    assert again.status_code == 302
    assert Registration.objects.get(email__iexact="mads@example.dk").phone == "1"

    before = personal_fields(birgit)
    answer = client.post(
        url, factories.tilmeld_form(name="Mads", email=BIRGIT, phone="66 66 66 66")
    )
    assert answer.status_code == 302
    assert personal_fields(birgit) == before
    assert Message.objects.filter(to=BIRGIT, subject__startswith="Din tilmelding:").exists()


def test_a_flood_of_the_form_does_not_lock_the_politician_out_of_her_change_page():
    meeting = factories.meeting()
    factories.meeting(slug="andet-moede", title="Et andet møde")
    birgit = registered_birgit(meeting)
    flood = Client(REMOTE_ADDR="10.1.2.3")
    for number in range(views.RATE_LIMIT):
        flood.post(FORM, factories.tilmeld_form(email=f"spam{number}@example.dk"))
    assert flood.post(FORM, factories.tilmeld_form(email="one-more@example.dk")).status_code == 429

    # The politician behind the same address (a town hall) can still change her registration,
    manage = f"{FORM}min-tilmelding/{birgit.secret}/"
    changed = flood.post(manage, factories.tilmeld_form(dietary_needs="Vegetar"))
    assert changed.status_code == 302
    birgit.refresh_from_db()
    assert birgit.dietary_needs == "Vegetar"
    # and the limit is per meeting: another meeting's form still answers that address.
    other = flood.post("/tilmeld/andet-moede/", factories.tilmeld_form(email="spam@example.dk"))
    assert other.status_code == 302


def test_the_personal_link_pages_have_a_limit_of_their_own():
    meeting = factories.meeting()
    birgit = registered_birgit(meeting)
    manage = f"{FORM}min-tilmelding/{birgit.secret}/"
    client = Client(REMOTE_ADDR="10.1.2.4")
    for _ in range(views.RATE_LIMIT):
        client.post(manage, factories.tilmeld_form())
    assert client.post(manage, factories.tilmeld_form()).status_code == 429
    assert client.post(FORM, factories.tilmeld_form(email="ny@example.dk")).status_code == 302


@pytest.mark.parametrize("field", ["name", "phone", "party_letter", "dietary_needs"])
def test_a_line_break_in_a_field_that_reaches_an_email_is_refused_in_danish(client, field):
    meeting = factories.meeting()
    RegistrationSettings.objects.create(meeting=meeting, party_mode=FieldMode.OPTIONAL)
    value = {"party_letter": "A\nB"}.get(field, "Birgit\r\nBcc: alle@example.dk")
    response = client.post(FORM, factories.tilmeld_form(**{field: value}))
    assert response.status_code == 200
    assert (
        "Feltet skal stå på én linje uden linjeskift eller kontroltegn."
        in response.content.decode()
    )
    assert not Registration.objects.exists()
    assert not Message.objects.exists()


def test_a_comment_over_the_limit_is_refused_in_danish(client):
    meeting = factories.meeting()
    RegistrationSettings.objects.create(meeting=meeting, comment_mode=FieldMode.OPTIONAL)
    response = client.post(FORM, factories.tilmeld_form(comment="x" * 2_000_000))
    assert response.status_code == 200
    assert "Kommentaren må højst være 2000 tegn" in response.content.decode()
    assert not Registration.objects.exists()
    ok = client.post(FORM, factories.tilmeld_form(comment="Kommer med\nkørestol"))
    assert ok.status_code == 302
    assert Registration.objects.get().comment == "Kommer med\nkørestol"


def test_every_free_text_field_of_the_public_forms_has_a_max_length():
    for name, field in RegistrationForm.base_fields.items():
        if type(field) is django_forms.CharField:
            assert field.max_length, name


@pytest.mark.parametrize("url", ["/log-ind/adgangskode/", "/admin/login/"])
def test_a_password_of_a_megabyte_is_refused_in_danish_before_the_hasher(client, url):
    response = client.post(url, {"username": "medlem", "password": "x" * 1_000_000})
    assert response.status_code == 200
    assert "Adgangskoden må højst være 1024 tegn." in response.content.decode()
