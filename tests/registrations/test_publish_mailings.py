"""Publishing a draft whose mailing times went by: the secretary first sees which mailings would
go out at once (with how many recipients) and publishes only by confirming; or publishes and
passes them over. A draft with nothing due is published at once. "Offentliggør dagsordenen" on
a draft's agenda says the agenda becomes public with the meeting."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from outbox.models import Message
from registrations.models import MailingRun
from registrations.services import mailings
from registrations.services import registration as services
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def draft_with_passed_invitation():
    """A draft whose invitation time has passed, and whose first reminder has too."""
    meeting = factories.meeting(invitees=3, status=Meeting.Status.DRAFT)
    reg_settings = services.settings_for(meeting)
    reg_settings.invitations_at = timezone.now() - DAY
    reg_settings.save()
    return meeting


def publish(admin_client, meeting, **data):
    url = reverse("admin:meetings_meeting_publish", args=[meeting.pk])
    return admin_client.post(url, data, follow=True)


def test_publishing_a_draft_with_passed_mailings_asks_first_and_names_them(admin_client):
    meeting = draft_with_passed_invitation()
    page = publish(admin_client, meeting).content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT  # asking changed nothing
    assert "Udsendelser, der sendes straks" in page
    assert "Invitation med personligt link" in page
    assert "3 modtagere" in page
    assert "Ja, offentliggør" in page and "Offentliggør uden at sende dem" in page
    assert mailings.send_due_mailings() == []  # still a draft: nothing went

    page = publish(admin_client, meeting, confirmed="1").content.decode()
    assert "Mødet er offentliggjort" in page
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    [run] = mailings.send_due_mailings()
    assert run.mailing == "invitation" and run.recipients == 3


def test_publishing_without_the_passed_mailings_sends_none_of_them(admin_client):
    meeting = draft_with_passed_invitation()
    url = reverse("admin:registrations_publish_without_mailings", args=[meeting.pk])
    page = admin_client.post(url, follow=True).content.decode()
    assert "Mødet er offentliggjort. 1 forfaldne udsendelser er ikke sendt." in page
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    assert mailings.send_due_mailings() == []
    assert Message.objects.count() == 0
    run = MailingRun.objects.get(meeting=meeting, mailing="invitation")
    assert run.status == MailingRun.Status.SKIPPED
    assert "Sprunget over" in page  # the panel shows it passed over


def test_a_draft_with_nothing_due_is_published_at_once(admin_client):
    meeting = factories.meeting(invitees=3, status=Meeting.Status.DRAFT)
    page = publish(admin_client, meeting).content.decode()
    assert "Mødet er offentliggjort" in page
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED


def test_the_agenda_button_of_a_draft_says_it_becomes_public_with_the_meeting(admin_client):
    meeting = factories.meeting(Meeting.Kind.KKR, status=Meeting.Status.DRAFT)
    agenda = factories.import_agenda(meeting).agenda
    workspace = reverse("admin:meetings_meeting_workspace", args=[meeting.pk])
    page = admin_client.get(workspace).content.decode()
    assert "dagsordenen bliver offentlig, når mødet offentliggøres" in page
    url = reverse("admin:agendas_agenda_publish", args=[agenda.pk])
    page = admin_client.post(url, {"next": workspace}, follow=True).content.decode()
    assert "Den bliver offentlig sammen med mødet, når mødet offentliggøres" in page
    assert "Dagsordenen er offentliggjort" not in page
