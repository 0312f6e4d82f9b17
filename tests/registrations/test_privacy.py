"""Personal data of participants: anonymised a while after the meeting with its figures intact,
exported and erased by the secretariat on request, and explained on a privacy page the tilmeld
form links to."""

import datetime
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core import serializers
from django.core.cache import cache
from django.db.models import Q

from klmeetings.celery import app as celery_app
from meetings.models import Municipality, Person, Role
from outbox.models import Message
from registrations.models import Invitation, Registration
from registrations.services import emails, privacy, reports, waiting_list
from registrations.services import registration as services
from registrations.tasks import anonymise_expired_registrations
from tests import factories

pytestmark = pytest.mark.django_db

PERSONAL_DATA_URL = "/admin/registrations/registration/persondata/"
PERSONAL = {
    "name": "Birgit Hjortshøj",
    "email": "birgit.hjortshoj@example.dk",
    "phone": "20 30 40 50",
    "party_letter": "Ø",
    "dietary_needs": "Glutenallergi",
    "comment": "Kommer med kørestol",
}


def everything_in_the_database():
    """Every row of every table (history tables included) as one string."""
    return "\n".join(
        serializers.serialize("json", model.objects.all(), ensure_ascii=False)
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    )


@pytest.fixture
def past_meeting():
    """A meeting with four registrations (one with every personal field, one cancelled, one
    waiting), a personal invitation and the e-mails sent about them."""
    meeting = factories.meeting(capacity=2)
    session = factories.session(meeting, 1)
    person = Person.objects.create(
        name="Ole Invitation", email="ole@example.dk", role=Role.MAYOR, phone="11 22 33 44"
    )
    Invitation.objects.create(meeting=meeting, person=person)
    services.register(meeting, factories.registration_data(1, **PERSONAL, session=session))
    services.register(meeting, factories.registration_data(2, session=session), person=person)
    third = services.register(meeting, factories.registration_data(3)).registration
    waiting_list.cancel(third)
    services.register(meeting, factories.registration_data(4))
    Message.objects.update(status=Message.Status.SENT)
    return meeting


def after_retention(meeting, days=1):
    return meeting.ends_at + datetime.timedelta(days=privacy.retention_days() + days)


def test_anonymisation_keeps_the_meetings_figures_and_leaves_no_personal_data(past_meeting, client):
    registrations = Registration.objects.filter(meeting=past_meeting)
    old_secrets = list(registrations.values_list("secret", flat=True))
    figures = reports.overview(past_meeting)
    kept = list(
        registrations.order_by("pk").values_list(
            "status", "session", "municipality", "role", "dinner", "queued_at", "confirmed_at"
        )
    )
    assert sorted(registrations.values_list("status", flat=True)) == [
        "cancelled",
        "confirmed",
        "confirmed",
        "waiting",
    ]

    sent = Message.objects.count()
    assert privacy.anonymise_expired(now=after_retention(past_meeting)) == (4, sent)

    assert reports.overview(past_meeting) == figures
    assert (
        list(
            registrations.order_by("pk").values_list(
                "status", "session", "municipality", "role", "dinner", "queued_at", "confirmed_at"
            )
        )
        == kept
    )
    dump = everything_in_the_database()
    for value in [*PERSONAL.values(), "politiker2@example.dk", "Politiker 3", "Politiker 4"]:
        assert value not in dump
    assert set(registrations.values_list("name", flat=True)) == {"Anonymiseret"}
    assert not Message.objects.exists()
    assert not Invitation.objects.exists()
    # The person register is master data, not the registration's: it stays.
    assert Person.objects.filter(email="ole@example.dk").exists()
    for secret in old_secrets:
        url = f"/tilmeld/{past_meeting.registration_slug}/min-tilmelding/{secret}/"
        assert client.get(url).status_code == 404


def test_registrations_are_kept_until_the_retention_period_is_over_and_a_second_run_does_nothing(
    past_meeting,
):
    assert privacy.anonymise_expired(now=after_retention(past_meeting, days=-1))[0] == 0
    assert Registration.objects.filter(name="Politiker 2").exists()

    later = after_retention(past_meeting)
    assert privacy.anonymise_expired(now=later)[0] == 4
    assert privacy.anonymise_expired(now=later) == (0, 0)


def test_recent_emails_go_with_the_registration_unless_the_address_is_still_registered(
    past_meeting,
):
    upcoming = factories.meeting(slug="kommende", title="Kommunaldirektørmøde", days_ahead=400)
    services.register(upcoming, factories.registration_data(1, **PERSONAL))
    now = after_retention(past_meeting)
    recent = now - datetime.timedelta(days=1)
    Message.objects.create(to="politiker4@example.dk", subject="Tak", body_text="Kære Politiker 4")
    Message.objects.update(status=Message.Status.SENT)
    Message.objects.filter(Q(subject__contains=upcoming.title) | Q(subject="Tak")).update(
        created_at=recent
    )

    privacy.anonymise_expired(now=now)

    assert Registration.objects.get(meeting=upcoming).email == PERSONAL["email"]
    remaining = Message.objects.get()
    assert remaining.to == PERSONAL["email"] and upcoming.title in remaining.subject


def test_the_daily_task_is_scheduled_and_anonymises(past_meeting, settings):
    celery_app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}
    assert "registrations.tasks.anonymise_expired_registrations" in scheduled

    past_meeting.starts_at -= datetime.timedelta(days=400)
    past_meeting.ends_at -= datetime.timedelta(days=400)
    past_meeting.save()
    anonymise_expired_registrations.apply()
    assert set(Registration.objects.values_list("name", flat=True)) == {"Anonymiseret"}


@pytest.fixture
def secretary(client, past_meeting):
    # The page works within the organisers one is secretariat for (test_security_persondata).
    permissions = ["view_registration", "change_registration", "delete_person"]
    client.force_login(factories.secretary(past_meeting.organiser, permissions=permissions))
    return client


def test_the_secretariat_exports_everything_held_about_one_person_as_json(past_meeting, secretary):
    person = Person.objects.get(email="ole@example.dk")
    Message.objects.create(
        to="OLE@example.dk",
        subject="Hej Ole",
        body_text="Kære Ole",
        scope=emails.outbox_scope(past_meeting),
    )

    page = secretary.get(PERSONAL_DATA_URL, {"email": "ole@example.dk"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 personer" in html and "1 tilmeldinger" in html and "1 personlige invitationer" in html

    response = secretary.post(PERSONAL_DATA_URL, {"email": "ole@example.dk", "action": "export"})
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    document = json.loads(response.content)
    assert [row["phone"] for row in document["personer"]] == ["11 22 33 44"]
    assert [row["person"] for row in document["tilmeldinger"]] == [person.pk]
    assert len(document["invitationer"]) == 1
    assert [row["subject"] for row in document["e-mails"]] == ["Hej Ole"]
    for row in document["tilmeldinger"] + document["invitationer"]:
        assert "secret" not in row and "secret_digest" not in row


def test_erasing_needs_a_confirmation_then_leaves_nothing_but_the_figures(past_meeting, secretary):
    figures = reports.overview(past_meeting)
    before = Registration.objects.filter(email=PERSONAL["email"]).count()

    refused = secretary.post(PERSONAL_DATA_URL, {"email": PERSONAL["email"], "action": "erase"})
    assert refused.status_code == 200
    assert "Bekræft sletningen" in refused.content.decode()
    assert Registration.objects.filter(email=PERSONAL["email"]).count() == before == 1

    done = secretary.post(
        PERSONAL_DATA_URL,
        {"email": PERSONAL["email"].upper(), "action": "erase", "confirm": "on"},
        follow=True,
    )
    assert "1 tilmeldinger anonymiseret" in done.content.decode()
    dump = everything_in_the_database()
    for value in PERSONAL.values():
        assert value not in dump
    assert reports.overview(past_meeting) == figures


def test_staff_without_the_permissions_cannot_reach_personal_data(past_meeting, client):
    user = factories.staff("gaest")
    client.force_login(user)
    assert client.get(PERSONAL_DATA_URL, {"email": PERSONAL["email"]}).status_code == 403
    user.user_permissions.set(Permission.objects.filter(codename="view_registration"))
    response = client.post(
        PERSONAL_DATA_URL, {"email": PERSONAL["email"], "action": "erase", "confirm": "on"}
    )
    assert response.status_code == 403
    assert Registration.objects.filter(email=PERSONAL["email"]).exists()


def test_the_tilmeld_form_and_every_page_link_to_the_privacy_text(client):
    cache.clear()
    factories.meeting()
    html = client.get("/tilmeld/sundhedsforum/").content.decode()
    consent = html[html.index('name="consent"') :]
    assert 'href="/privatliv/"' in consent[:2000]
    assert html.count('href="/privatliv/"') == 2  # the consent box and the footer

    page = client.get("/privatliv/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Sådan behandler KL dine oplysninger" in text
    assert f"{privacy.retention_days()} dage efter mødet" in text
    assert Municipality.objects.exists()  # reference data the form depends on stayed put


def test_the_privacy_text_names_every_cookie_registering_sets(client):
    cache.clear()
    factories.meeting()
    set_cookies = set(client.get("/tilmeld/sundhedsforum/").cookies)
    response = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form())
    set_cookies |= set(response.cookies)
    assert {"csrftoken", "tilmeld_kvittering"} <= set_cookies
    text = client.get("/privatliv/").content.decode()
    for name in set_cookies:
        assert f"<code>{name}</code>" in text
