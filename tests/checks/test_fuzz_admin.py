"""Whatever a secretary types into the admin's add and change forms (meeting, person, agenda
item), the admin answers with the form and its Danish errors or saves it: never a 500, and a
refused form leaves every table as it was."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agendas.models import Agenda, Item, Section
from agendas.models import Attachment as Bilag
from meetings.models import (
    Attachment,
    LetterSection,
    Meeting,
    Municipality,
    Organiser,
    ParallelSession,
    Person,
    Role,
)
from tests import factories

from .fuzz_helpers import budget, counts, nasty_text, rolled_back

pytestmark = pytest.mark.django_db

MEETING_MODELS = (Meeting, LetterSection, Attachment, ParallelSession, Person)
AGENDA_MODELS = (Agenda, Item, Section, Bilag, Item.history.model)


@pytest.fixture
def admin_client(client):
    user = factories.admin()
    client.force_login(user)
    return client


INLINE_PREFIXES = {}


def empty_inlines(client, url):
    """Every inline formset of the page, with no forms: the fuzzing is of the main form."""
    if url not in INLINE_PREFIXES:
        page = client.get(url).content.decode()
        INLINE_PREFIXES[url] = set(re.findall(r'name="([\w-]+)-TOTAL_FORMS"', page))
    prefixes = INLINE_PREFIXES[url]
    return {
        f"{prefix}-{name}": "0" for prefix in prefixes for name in ["TOTAL_FORMS", "INITIAL_FORMS"]
    }


def mutate(valid):
    """`valid` with some fields replaced by hostile text, dropped, or doubled."""
    names = sorted(valid)
    return st.fixed_dictionaries(
        {},
        optional={name: st.one_of(nasty_text, st.just(None)) for name in names},
    ).map(lambda changes: _apply(valid, changes))


def _apply(valid, changes):
    post = dict(valid)
    for name, value in changes.items():
        if value is None:
            post.pop(name)
        else:
            post[name] = value
    return post


def check(client, url, post, models, extra=None):
    """Posts `post`; a refusal changes nothing, a save answers with a redirect."""
    with rolled_back():
        before = counts(*models)
        response = client.post(url, post | (extra or {}))
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:
            assert counts(*models) == before
            assert "errornote" in response.content.decode()
        return response.status_code


def meeting_data():
    return {
        "organiser": str(Organiser.objects.get(name="KKR Midtjylland").pk),
        "kind": Meeting.Kind.KKR,
        "title": "Møde i KKR Midtjylland",
        "starts_at_0": "2027-03-01",
        "starts_at_1": "10:00",
        "ends_at_0": "2027-03-01",
        "ends_at_1": "13:00",
        "venue_name": "Scandic",
        "address": "Udgårdsvej 2, 8600 Silkeborg",
        "invited_roles": Role.MAYOR,
        "invite_regions": str(Organiser.objects.get(name="KKR Midtjylland").region_id),
        "case_number": "SAG-2021-03487",
        "registration_slug": "kkr-marts",
        "registration_deadline_0": "2027-02-20",
        "registration_deadline_1": "12:00",
        "contact_email": "kho@kl.dk",
        "letter_date": "2027-02-01",
    }


def test_the_valid_meeting_is_saved(admin_client):
    """The control: the fuzzing starts from a form that the admin accepts."""
    url = "/admin/meetings/meeting/add/"
    assert (
        check(admin_client, url, meeting_data(), MEETING_MODELS, empty_inlines(admin_client, url))
        == 302
    )


@budget(40)
@given(data=st.data())
def test_the_meeting_add_form_never_fails_or_half_saves(admin_client, data):
    url = "/admin/meetings/meeting/add/"
    post = data.draw(mutate(meeting_data()))
    check(admin_client, url, post, MEETING_MODELS, empty_inlines(admin_client, url))


def person_data():
    return {
        "name": "Birgit Hansen",
        "role": Role.MAYOR,
        "title": "Borgmester",
        "municipality": str(Municipality.objects.get(name="Aalborg").pk),
        "organisation": "",
        "party_letter": "A",
        "email": "birgit@example.dk",
        "phone": "20 30 40 50",
    }


@budget(40)
@given(data=st.data(), change=st.booleans())
def test_the_person_forms_never_fail_or_half_save(admin_client, data, change):
    post = data.draw(mutate(person_data()))
    with rolled_back():
        if change:
            person = Person.objects.create(name="Ole Olsen", email="ole@example.dk")
            url = f"/admin/meetings/person/{person.pk}/change/"
        else:
            url = "/admin/meetings/person/add/"
        check(admin_client, url, post, (Person,))
        if change:
            person.refresh_from_db()
            assert person.name in ("Ole Olsen", post.get("name", "").strip())


@pytest.fixture
def item():
    factories.import_agenda()
    return Item.objects.get(title="Aktuelt om kommunestyret")


def item_data(item):
    return {
        "agenda": str(item.agenda_id),
        "parent": str(item.parent_id or ""),
        "position": str(item.position),
        "title": "Aktuelt om kommunestyret",
        "case_number": item.case_number,
        "case_initials": item.case_initials,
        "docx_kind": "case_presentation",
        "move_to": "",
    }


@budget(40)
@given(data=st.data())
def test_the_agenda_item_change_form_never_fails_or_half_saves(admin_client, item, data):
    url = f"/admin/agendas/item/{item.pk}/change/"
    post = data.draw(mutate(item_data(item)))
    extra = {
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    check(admin_client, url, post, AGENDA_MODELS, extra)
