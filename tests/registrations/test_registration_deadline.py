"""The deadline holds to the second in Copenhagen time, on both sides of a daylight-saving
change: the last moment before it is accepted, the deadline itself is refused, and the page
names it in local time."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from registrations.models import Registration
from registrations.services import registration as services
from tests import factories

pytestmark = pytest.mark.django_db

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
UTC = datetime.UTC
JUST_BEFORE = datetime.timedelta(microseconds=1)

# Local deadline, the same instant in UTC, and how the page writes it. Daylight saving began
# 29 March 2026 at 02.00 and ended 25 October 2026 at 03.00.
DEADLINES = [
    pytest.param(
        datetime.datetime(2026, 3, 28, 12, 0, tzinfo=COPENHAGEN),
        datetime.datetime(2026, 3, 28, 11, 0, tzinfo=UTC),
        "lørdag den 28. marts 2026 kl. 12.00",
        id="winter-time-the-day-before-spring-forward",
    ),
    pytest.param(
        datetime.datetime(2026, 3, 29, 12, 0, tzinfo=COPENHAGEN),
        datetime.datetime(2026, 3, 29, 10, 0, tzinfo=UTC),
        "søndag den 29. marts 2026 kl. 12.00",
        id="summer-time-the-day-of-spring-forward",
    ),
    pytest.param(
        datetime.datetime(2026, 10, 24, 23, 59, tzinfo=COPENHAGEN),
        datetime.datetime(2026, 10, 24, 21, 59, tzinfo=UTC),
        "lørdag den 24. oktober 2026 kl. 23.59",
        id="summer-time-the-night-before-fall-back",
    ),
    pytest.param(
        datetime.datetime(2026, 10, 25, 12, 0, tzinfo=COPENHAGEN),
        datetime.datetime(2026, 10, 25, 11, 0, tzinfo=UTC),
        "søndag den 25. oktober 2026 kl. 12.00",
        id="winter-time-the-day-of-fall-back",
    ),
]


@pytest.mark.parametrize(("local_deadline", "utc_deadline", "written"), DEADLINES)
def test_the_deadline_is_kept_to_the_moment_in_copenhagen_time(
    local_deadline, utc_deadline, written, client
):
    assert local_deadline == utc_deadline
    meeting = factories.meeting(
        starts_at=datetime.datetime(2026, 11, 10, 10, 0, tzinfo=COPENHAGEN),
        ends_at=datetime.datetime(2026, 11, 10, 16, 0, tzinfo=COPENHAGEN),
        registration_deadline=local_deadline,
    )
    # An hour's error either way (the wrong UTC offset) would fail one of these.
    one_hour = datetime.timedelta(hours=1)
    registered = services.register(
        meeting, factories.registration_data(1), now=utc_deadline - JUST_BEFORE
    ).registration
    assert registered.status == "confirmed"
    for late in (utc_deadline, utc_deadline + JUST_BEFORE, utc_deadline + one_hour):
        with pytest.raises(services.RegistrationClosed):
            services.register(meeting, factories.registration_data(2), now=late)
    assert services.settings_for(meeting).is_open(utc_deadline - one_hour + JUST_BEFORE)
    assert Registration.objects.count() == 1
    # The closed page (the deadline is long past) says when it was, in Copenhagen time.
    html = client.get(f"/tilmeld/{meeting.registration_slug}/").content.decode()
    assert f"Fristen var {written}" in html


def test_the_secretariat_may_register_past_the_deadline_and_it_is_logged(admin_user):
    meeting = factories.meeting(
        registration_deadline=datetime.datetime(2026, 3, 29, 12, 0, tzinfo=COPENHAGEN)
    )
    late = datetime.datetime(2026, 3, 30, 9, 0, tzinfo=COPENHAGEN)
    outcome = services.register(
        meeting, factories.registration_data(1), staff_user=admin_user, note="Ringede ind", now=late
    )
    override = outcome.registration.overrides.get()
    assert override.passed_deadline and not override.passed_capacity
    assert override.user == admin_user and override.note == "Ringede ind"


def test_registration_that_has_not_opened_yet_says_when_it_opens(client):
    meeting = factories.meeting()
    reg_settings = services.settings_for(meeting)
    reg_settings.opens_at = datetime.datetime(2099, 1, 5, 9, 0, tzinfo=COPENHAGEN)
    reg_settings.save()
    html = client.get(f"/tilmeld/{meeting.registration_slug}/").content.decode()
    assert (
        "Tilmeldingen er ikke åbnet endnu. Den åbner mandag den 5. januar 2099 kl. 09.00." in html
    )


@pytest.mark.django_db(transaction=True)
def test_a_closing_time_of_the_settings_becomes_the_meetings_one_deadline(admin_client):
    """The settings had a closing time of their own beside the meeting's deadline; the
    migration carries it into the meeting's deadline, which is then the only one."""
    meeting = factories.meeting(registration_deadline=None, capacity=50)
    untouched = factories.meeting(slug="uden-lukketid", capacity=50)
    deadline = untouched.registration_deadline
    closing = datetime.datetime(2026, 10, 24, 23, 59, tzinfo=COPENHAGEN)
    before = [("registrations", "0004_secret_digest_field")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model(
        "registrations", "RegistrationSettings"
    )
    old.objects.filter(meeting_id=meeting.pk).update(closes_at=closing)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    meeting.refresh_from_db()
    untouched.refresh_from_db()
    assert meeting.registration_deadline == closing
    assert untouched.registration_deadline == deadline
    page = admin_client.get(f"/admin/registrations/registrationsettings/{meeting.pk}/change/")
    assert page.status_code == 200 and "closes_at" not in page.content.decode()
