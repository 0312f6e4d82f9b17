"""The tilmeld page on the day the invitation goes out: served from the page cache with each
visitor's own CSRF token, never kept by a shared cache, and new as soon as a seat is taken.
The pages of a personal link are rendered for their owner alone."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klmeetings.page_cache import TOKEN_SLOT
from registrations.models import Invitation, Registration
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
PATH = "/tilmeld/sundhedsforum/"


def visit(client, path=PATH):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, len(queries)


def token(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)


def test_a_second_visitor_gets_the_page_from_the_cache_with_a_token_of_their_own():
    factories.meeting(capacity=10)
    first, _ = visit(Client())
    second, queries = visit(Client())
    assert queries == 0
    assert TOKEN_SLOT not in first.text and TOKEN_SLOT not in second.text
    assert token(first) != token(second)
    assert "csrftoken" in second.cookies
    for response in (first, second):
        assert "private" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]


def test_the_token_of_a_cached_page_is_accepted():
    meeting = factories.meeting(capacity=10)
    visit(Client())
    client = Client(enforce_csrf_checks=True)
    page, _ = visit(client)
    data = factories.registration_data(1)
    response = client.post(
        PATH,
        {
            "csrfmiddlewaretoken": token(page),
            "name": data["name"],
            "email": data["email"],
            "municipality": str(data["municipality"].pk),
            "role": "borgmester",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_a_seat_taken_shows_at_once():
    meeting = factories.meeting()
    factories.session(meeting, 1, title="Fælles data", capacity=1)
    before, _ = visit(Client())
    assert "fuld" not in before.text
    factories.registration_services.register(
        meeting, factories.registration_data(1, session=meeting.sessions.get(number=1))
    )
    after, queries = visit(Client())
    assert queries > 0
    assert "1. Fælles data (fuld – du kommer på venteliste)" in after.text


def test_a_page_is_kept_only_until_registration_opens():
    meeting = factories.meeting()
    settings = factories.registration_services.settings_for(meeting)
    settings.opens_at = timezone.now() + datetime.timedelta(minutes=1)
    settings.save()
    closed, _ = visit(Client())
    assert 0 < closed.page_cache_seconds <= 60
    _, queries = visit(Client())
    assert queries == 0


def test_a_personal_link_is_rendered_for_its_owner_and_kept_by_nobody():
    meeting = factories.meeting(invitees=1)
    invitation = Invitation.objects.get(meeting=meeting)
    path = f"{PATH}invitation/{invitation.secret}/"
    first, _ = visit(Client(), path)
    again, queries = visit(Client(), path)
    assert queries > 0
    assert again["Cache-Control"] == "private, no-store"
    assert invitation.person.name in again.text and TOKEN_SLOT not in again.text
