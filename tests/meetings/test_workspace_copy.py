""" "Kopiér møde": the secretariat makes this year's meeting from last year's on a new date, as a
draft with its letter, programme, registration settings and mailings, every time moved alike."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from klmeetings.dates import danish_date
from meetings.models import Meeting, Municipality, ProgrammeSlot
from registrations.models import Invitation, Registration, RegistrationSettings, SessionCapacity
from registrations.services import registration as services
from registrations.services.mailings import plan
from tests import factories
from tests.factories import registration_data

pytestmark = pytest.mark.django_db


def test_copy_a_meeting_to_a_new_date_as_a_draft_with_letter_programme_and_settings(
    admin_client,
):
    source = factories.seed_meeting("002")
    source.registration_slug = "forum"
    source.registration_deadline = source.starts_at - datetime.timedelta(days=14)
    source.save()
    reg_settings = services.settings_for(source)
    reg_settings.invitations_at = source.starts_at - datetime.timedelta(days=40)
    reg_settings.capacity = 300
    reg_settings.save()
    session = source.sessions.order_by("number").first()
    SessionCapacity.objects.create(settings=reg_settings, session=session, capacity=40)
    data = {k: v for k, v in registration_data().items() if k != "consent"}
    Registration.objects.create(meeting=source, status="confirmed", **data)

    local = timezone.localtime(source.starts_at)
    new_date = local.date() + datetime.timedelta(days=364)
    url = reverse("admin:meetings_meeting_copy", args=[source.pk])
    assert "Ny dato" in admin_client.get(url).content.decode()
    refused = admin_client.post(url, {"date": "den 31. februar", "title": "X"})
    assert refused.status_code == 200 and "Indtast en gyldig dato" in refused.content.decode()

    response = admin_client.post(
        url, {"date": new_date.isoformat(), "title": "Forum 2027"}, follow=True
    )
    assert "Mødet er kopieret som kladde" in response.content.decode()
    copy = Meeting.objects.get(title="Forum 2027")
    delta = copy.starts_at - source.starts_at
    assert delta == datetime.timedelta(days=364)
    assert copy.status == Meeting.Status.DRAFT
    assert timezone.localtime(copy.starts_at).time() == local.time()
    assert copy.ends_at - copy.starts_at == source.ends_at - source.starts_at
    assert copy.registration_deadline == source.registration_deadline + delta
    assert copy.registration_slug == f"forum-{new_date:%Y-%m-%d}"
    assert copy.letter_date is None
    assert [s.heading for s in copy.letter_sections.all()] == [
        s.heading for s in source.letter_sections.all()
    ]
    assert copy.signatories.count() == source.signatories.count()
    assert list(copy.invited_municipalities.all()) == list(source.invited_municipalities.all())
    assert ProgrammeSlot.objects.filter(day__meeting=copy).count() == 39

    copied = RegistrationSettings.objects.get(meeting=copy)
    assert copied.capacity == 300
    assert copied.invitations_at == reg_settings.invitations_at + delta
    assert SessionCapacity.objects.get(settings=copied).session.meeting_id == copy.pk
    # the mailings follow: each planned at the same distance later
    source_plan = {m.slug: m.due_at for m in plan(source, reg_settings)}
    copy_plan = {m.slug: m.due_at for m in plan(copy, copied)}
    assert set(copy_plan) == set(source_plan)
    assert all(copy_plan[slug] - source_plan[slug] == delta for slug in copy_plan)
    assert not Registration.objects.filter(meeting=copy).exists()


def test_a_title_left_as_it_was_gets_the_new_date_and_year(admin_client):
    source = factories.seed_meeting("002")
    assert source.title == "Social- og Sundhedspolitisk Forum 2022"
    next_year = timezone.localtime(source.starts_at).date() + datetime.timedelta(days=364)
    url = reverse("admin:meetings_meeting_copy", args=[source.pk])
    admin_client.post(url, {"date": next_year.isoformat(), "title": source.title})
    assert Meeting.objects.filter(title="Social- og Sundhedspolitisk Forum 2023").exists()

    source.title = f"KKR-møde den {danish_date(source.starts_at)}"
    source.save()
    admin_client.post(url, {"date": next_year.isoformat(), "title": source.title})
    copy = Meeting.objects.latest("pk")
    assert copy.title == f"KKR-møde den {danish_date(copy.starts_at)}"
    assert str(next_year.year) in copy.title


def test_a_copy_invites_the_same_people_with_links_of_its_own_and_a_new_dated_address(
    admin_client,
):
    source = factories.meeting(invitees=3, slug="kkr-sjaelland-2027-01-16")
    url = reverse("admin:meetings_meeting_copy", args=[source.pk])
    assert 'value="Social- og Sundhedspolitisk Forum"' in admin_client.get(url).content.decode()
    new_date = timezone.localdate(source.starts_at) + datetime.timedelta(days=91)
    page = admin_client.post(
        url, {"date": new_date.isoformat(), "title": "Forum igen"}, follow=True
    ).content.decode()
    copy = Meeting.objects.get(title="Forum igen")
    assert copy.registration_slug == f"kkr-sjaelland-{new_date:%Y-%m-%d}"
    assert Invitation.objects.filter(meeting=copy).count() == 3
    assert not set(Invitation.objects.filter(meeting=copy).values_list("secret", flat=True)) & set(
        Invitation.objects.filter(meeting=source).values_list("secret", flat=True)
    )
    assert copy.invites_all_municipalities
    assert "Samme inviterede som før: alle landets kommuner." in page

    source.invites_all_municipalities = False
    source.save()
    source.invited_municipalities.set(Municipality.objects.filter(name="Aalborg"))
    later = new_date + datetime.timedelta(days=91)
    page = admin_client.post(
        url, {"date": later.isoformat(), "title": "Forum tredje gang"}, follow=True
    ).content.decode()
    assert "Samme inviterede som før: 1 kommune." in page
