"""Signing in by an e-mail link (issue 27, point 1): a link valid for 15 minutes and once, the
same answer for a known and an unknown address, limits per address and per client, the user
tied to the person so memberships apply, a session of a working day, never the admin."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from meetings.models import Person
from outbox.models import Message

from .helpers import EMAIL, last_link, path_of, politician, sign_in, token_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_limits_used():
    cache.clear()


def test_a_politician_asks_for_a_link_and_signs_in_with_it(client, settings):
    politician()
    response = client.post("/log-ind/", {"email": "Anne.Hansen@Silkeborg.dk"})
    assert "Tjek din e-mail" in response.content.decode()
    message = Message.objects.get(to=EMAIL)
    assert message.subject == "Dit link til at logge ind på KL-møder"
    assert "virker i 15 minutter og kan bruges én gang" in message.body_text
    path = path_of(last_link())
    # Opening the link (as a mail scanner would) shows a button and spends nothing.
    assert "Log ind som Anne Hansen" in client.get(path).content.decode()
    assert "Log ind som Anne Hansen" in client.get(path).content.decode()
    response = client.post("/log-ind/link/", {"sesame": token_of(path)})
    assert response.status_code == 302 and response["Location"] == "/mine-moeder/"
    assert "Logget ind som Anne Hansen" in client.get("/mine-moeder/").content.decode()
    assert client.session.get_expiry_age() == settings.SIGN_IN_SESSION_SECONDS == 9 * 3600


def test_the_link_works_once(client):
    politician()
    assert sign_in(client).status_code == 302
    client.logout()
    token = token_of(last_link())
    response = client.post("/log-ind/link/", {"sesame": token})
    assert response.status_code == 410
    assert "Linket virker ikke længere" in response.content.decode()
    assert client.get(path_of(last_link())).status_code == 410
    assert client.get("/mine-moeder/").status_code == 302


def test_the_link_fails_after_15_minutes(client, settings, monkeypatch):
    politician()
    client.post("/log-ind/", {"email": EMAIL})
    token = token_of(last_link())
    import time as real_time

    later = real_time.time() + 15 * 60 + 5
    monkeypatch.setattr("sesame.tokens_v2.time.time", lambda: later)
    assert client.post("/log-ind/link/", {"sesame": token}).status_code == 410
    assert "_auth_user_id" not in client.session


def test_a_forged_or_cut_link_does_not_sign_in(client):
    politician()
    client.post("/log-ind/", {"email": EMAIL})
    token = token_of(last_link())
    for forged in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "", "x" * 600):
        assert client.post("/log-ind/link/", {"sesame": forged}).status_code == 410


def test_an_unknown_address_gets_the_same_page_and_no_email(client):
    politician()
    known = client.post("/log-ind/", {"email": EMAIL}).content.decode()
    unknown = client.post("/log-ind/", {"email": "ukendt@example.dk"}).content.decode()
    strip = lambda html, email: html.replace(email, "ADRESSE")  # noqa: E731
    assert strip(known, EMAIL) == strip(unknown, "ukendt@example.dk")
    assert list(Message.objects.values_list("to", flat=True)) == [EMAIL]
    assert not get_user_model().objects.filter(email="ukendt@example.dk").exists()


def test_a_wrong_address_gets_a_danish_message(client):
    response = client.post("/log-ind/", {"email": "ikke en adresse"})
    assert "Skriv en gyldig e-mailadresse" in response.content.decode()
    response = client.post("/log-ind/", {"email": ""})
    assert "Skriv din e-mailadresse." in response.content.decode()


def test_links_are_limited_per_address_from_anywhere(client):
    politician()
    for number in range(3):
        address = f"10.0.{number}.1"
        assert client.post("/log-ind/", {"email": EMAIL}, REMOTE_ADDR=address).status_code == 200
    response = client.post("/log-ind/", {"email": EMAIL}, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429
    assert "For mange forsøg" in response.content.decode()
    assert Message.objects.filter(to=EMAIL).count() == 3
    # the limit is the same for an address nobody has: it tells nothing
    for _ in range(3):
        client.post("/log-ind/", {"email": "ukendt@example.dk"}, REMOTE_ADDR="10.1.1.1")
    assert client.post("/log-ind/", {"email": "ukendt@example.dk"}).status_code == 429


def test_links_are_limited_per_client(client):
    for number in range(10):
        response = client.post("/log-ind/", {"email": f"p{number}@example.dk"})
        assert response.status_code == 200
    assert client.post("/log-ind/", {"email": "p99@example.dk"}).status_code == 429
    other = client.post("/log-ind/", {"email": "p99@example.dk"}, REMOTE_ADDR="10.2.2.2")
    assert other.status_code == 200


def test_signing_in_ties_the_secretariats_user_with_her_memberships(client):
    person = politician(member_of="KKR Midtjylland")
    sign_in(client)
    person.refresh_from_db()
    assert person.user.username == "anne.hansen"  # the one the secretariat made
    assert person.user.memberships.get().organiser.name == "KKR Midtjylland"
    assert client.session["_auth_user_id"] == str(person.user.pk)


def test_signing_in_makes_one_user_for_a_person_and_finds_it_again(client):
    person = politician()
    sign_in(client)
    client.logout()
    sign_in(client)
    person.refresh_from_db()
    assert get_user_model().objects.count() == 1
    assert person.user.username == f"person-{person.pk}"
    assert not person.user.has_usable_password()


def test_a_link_never_opens_the_admin(client):
    politician()
    sign_in(client)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_staff_get_no_link_and_a_user_made_staff_is_signed_out(client):
    person = politician()
    sign_in(client)
    user = Person.objects.get(pk=person.pk).user
    user.is_staff = True
    user.save()
    assert client.get("/mine-moeder/").status_code == 302  # signed out
    Message.objects.all().delete()
    client.post("/log-ind/", {"email": EMAIL})
    assert not Message.objects.exists()


def test_the_session_of_a_link_ends_after_a_working_day(client):
    politician()
    sign_in(client)
    expiry = client.session.get_expiry_date()
    now = datetime.datetime.now(datetime.UTC)
    assert datetime.timedelta(hours=8) < expiry - now <= datetime.timedelta(hours=9)


def test_the_link_leads_on_to_the_page_she_came_from(client):
    """A member sent to sign in from the members' edition returns there, not elsewhere."""
    politician()
    client.post("/log-ind/", {"email": EMAIL, "next": "/dagsordener/medlemmer/"})
    link = last_link()
    assert "next=%2Fdagsordener%2Fmedlemmer%2F" in link
    assert (
        'name="next" value="/dagsordener/medlemmer/"' in client.get(path_of(link)).content.decode()
    )
    response = client.post(
        "/log-ind/link/", {"sesame": token_of(link), "next": "/dagsordener/medlemmer/"}
    )
    assert response["Location"] == "/dagsordener/medlemmer/"
    # another site is never a destination
    client.logout()
    client.post("/log-ind/", {"email": EMAIL, "next": "https://example.com/"})
    assert "next" not in last_link()
    response = client.post(
        "/log-ind/link/", {"sesame": token_of(last_link()), "next": "//example.com/"}
    )
    assert response["Location"] == "/mine-moeder/"


def test_a_password_posted_to_the_old_address_goes_on_to_the_password_form(client):
    response = client.post("/log-ind/", {"username": "medlem", "password": "x"})
    assert response.status_code == 307
    assert response["Location"] == "/log-ind/adgangskode/"
