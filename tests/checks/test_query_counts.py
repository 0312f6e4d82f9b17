"""As the lead engineer I want every public meeting page and the admin change pages of a
meeting, a person, an organiser and an outbox message to run the same number of SQL queries
with ten times the data, so that an N+1 query cannot creep back in."""

import re

import pytest

from bench.data import multiply
from bench.queries import pages
from meetings import demo
from meetings.demo_seeds import SEEDS
from meetings.models import Meeting, ProgrammeSlot, Signatory, Speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeds():
    """The demo data: the seed meetings and the people who sign their letters."""
    demo.load()


def count_queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # per-process caches (templates, content types) warmed
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_pages_cost_the_same_number_of_queries_with_ten_times_the_data(
    seeds, client, admin_client, django_assert_num_queries
):
    clients = {"offentlig": client, "admin": admin_client}
    listed = pages()
    assert {group for group, _, _ in listed} == {"offentlig", "admin"}
    before = {path: count_queries(clients[group], path) for group, _, path in listed}
    slots, speakers = ProgrammeSlot.objects.count(), Speaker.objects.count()

    multiply(10)

    assert Meeting.objects.upcoming().count() == 9 * len(SEEDS)
    assert ProgrammeSlot.objects.count() >= 10 * slots
    assert Speaker.objects.count() >= 10 * speakers
    for group, name, path in listed:
        clients[group].get(path)
        with django_assert_num_queries(before[path]):
            response = clients[group].get(path)
        assert response.status_code == 200, name


def test_the_list_shows_every_coming_meeting_in_a_fixed_number_of_queries(
    seeds, client, django_assert_num_queries
):
    multiply(3)
    with django_assert_num_queries(2):
        response = client.get("/")
    assert response.content.decode().count('class="card meeting-card') == 2 * len(SEEDS)


def test_the_meeting_admin_still_shows_who_signs_each_row(seeds, admin_client):
    signatory = Signatory.objects.filter(person__isnull=False).select_related("person").first()
    response = admin_client.get(f"/admin/meetings/meeting/{signatory.meeting_id}/change/")
    html = response.content.decode()
    name = re.escape(signatory.person.name)
    assert re.search(rf'<option value="{signatory.person_id}" selected>{name}</option>', html)
