"""Anything posted to the tilmeld form gets a Danish answer, never a 500, and either one
registration (with its e-mail) or no change at all."""

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from meetings.models import Municipality, Person, Role
from outbox.models import Message
from registrations.models import FieldMode, Registration, RegistrationSettings
from tests import factories
from tests.checks.fuzz_helpers import budget, counts, nasty_text, rolled_back

pytestmark = pytest.mark.django_db

FIELDS = ["name", "email", "municipality", "role", "party_letter", "phone", "dietary_needs",
          "session", "dinner", "comment", "consent"]  # fmt: skip


@pytest.fixture
def meeting():
    meeting = factories.meeting(capacity=1)
    factories.session(meeting, 1, capacity=1)
    factories.session(meeting, 2)
    RegistrationSettings.objects.filter(meeting=meeting).update(
        phone_mode=FieldMode.REQUIRED, session_mode=FieldMode.REQUIRED, dinner_label="Middag"
    )
    return meeting


def valid_values(meeting):
    return {
        "name": st.just("Birgit Hansen"),
        "email": st.sampled_from(["birgit@example.dk", "BIRGIT@example.dk", "ole@example.dk"]),
        "municipality": st.sampled_from(
            [str(pk) for pk in Municipality.objects.values_list("pk", flat=True)[:3]]
        ),
        "role": st.sampled_from(Role.values),
        "party_letter": st.sampled_from(["A", "ø", ""]),
        "phone": st.just("20 30 40 50"),
        "dietary_needs": st.just(""),
        "session": st.sampled_from([str(s.pk) for s in meeting.sessions.all()]),
        "dinner": st.sampled_from(["on", ""]),
        "comment": st.just(""),
        "consent": st.just("on"),
    }


@budget(50)
@given(data=st.data())
def test_any_post_to_the_form_is_answered_and_saves_all_or_nothing(meeting, client, data):
    valid = valid_values(meeting)
    post = {
        name: data.draw(st.one_of(valid[name], nasty_text) if bad else valid[name], label=name)
        for name, bad in data.draw(
            st.fixed_dictionaries(
                {name: st.integers(0, 4).map(lambda n: n == 0) for name in FIELDS}
            ),
            label="bad",
        ).items()
        if data.draw(st.integers(0, 9), label=f"{name} sent") > 0
    }
    models = (Registration, Message, Person)
    with rolled_back():
        cache.clear()
        before = counts(*models)
        response = client.post(f"/tilmeld/{meeting.registration_slug}/", post)
        after = counts(*models)
        assert response.status_code in (200, 302, 400), response.status_code
        if response.status_code == 302:
            assert after["Registration"] - before["Registration"] in (0, 1)
            assert after["Message"] == before["Message"] + 1
        else:
            assert after == before
            page = response.content.decode()
            assert "Tilmeldingen er ikke gennemført" in page or response.status_code == 400
