"""Guessing passwords is throttled (django-axes): five wrong passwords for one username from
one address lock that pair out for 30 minutes, at the admin's login and at the members'
login alike, with a Danish page; the right password does not get through a lockout; other
addresses and other users are not locked; an administrator can lift a lockout at once."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone

from meetings.models import Membership
from tests.agendas.access_helpers import (
    PASSWORD,
    fast_password_hashing,  # noqa: F401 - an autouse fixture
    make_user,
)

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/?next=/admin/"
MEMBERS_LOGIN = "/log-ind/adgangskode/"


def attempt(client, path, username, password, address="127.0.0.1"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(response):
    return response.status_code == 302 and "login" not in response["Location"]


def fail(client, path, username, times, address="127.0.0.1"):
    for _ in range(times):
        response = attempt(client, path, username, "forkert-kodeord", address)
        if response.status_code == 429:
            return response
        assert response.status_code == 200  # the login form again, with its error
    return response


@pytest.mark.parametrize("path", [ADMIN_LOGIN, MEMBERS_LOGIN])
def test_five_wrong_passwords_lock_the_user_out_with_a_danish_message(client, path):
    make_user("sekretaer", "KKR Midtjylland", Membership.Kind.SECRETARIAT, staff=True)
    fail(client, path, "sekretaer", 4)
    locked = fail(client, path, "sekretaer", 1)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "For mange mislykkede forsøg på at logge ind" in page
    assert "efter 5 forkerte adgangskoder" in page
    assert "Prøv igen om 30 minutter" in page
    # now even the right password is refused, and nobody is logged in
    response = attempt(client, path, "sekretaer", PASSWORD)
    assert response.status_code == 429
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_lockout_holds_only_for_that_user_from_that_address(client):
    make_user("sekretaer", staff=True)
    make_user("kollega", staff=True)
    assert fail(client, ADMIN_LOGIN, "sekretaer", 5).status_code == 429
    assert logged_in(attempt(client, ADMIN_LOGIN, "kollega", PASSWORD))
    client.logout()
    assert logged_in(attempt(client, ADMIN_LOGIN, "sekretaer", PASSWORD, address="10.1.2.3"))


def test_a_right_password_in_between_starts_the_count_again(client):
    make_user("sekretaer", staff=True)
    fail(client, ADMIN_LOGIN, "sekretaer", 4)
    assert logged_in(attempt(client, ADMIN_LOGIN, "sekretaer", PASSWORD))
    client.logout()
    assert fail(client, ADMIN_LOGIN, "sekretaer", 4).status_code == 200
    assert logged_in(attempt(client, ADMIN_LOGIN, "sekretaer", PASSWORD))


def test_the_lockout_ends_after_30_minutes(client):
    make_user("sekretaer", staff=True)
    fail(client, ADMIN_LOGIN, "sekretaer", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=29))
    assert attempt(client, ADMIN_LOGIN, "sekretaer", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    assert logged_in(attempt(client, ADMIN_LOGIN, "sekretaer", PASSWORD))


def test_an_administrator_lifts_a_lockout_at_once(client):
    make_user("sekretaer", staff=True)
    fail(client, ADMIN_LOGIN, "sekretaer", 5)
    call_command("axes_reset_username", "sekretaer")
    assert logged_in(attempt(client, ADMIN_LOGIN, "sekretaer", PASSWORD))
