"""The secretariat plans a meeting's mailings once and the portal sends them on time: the
invitations with personal links, reminders to invitees who have not registered, the programme
to the registered, the participant list to the secretariat when the deadline passes; each in
Danish, as HTML and text, with its PDFs, once per recipient. The admin shows them, previews
them and sends a test."""

import base64
import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from klmeetings import dates
from meetings.models import LetterSection, ProgrammeDay, ProgrammeSlot
from outbox.models import Message
from registrations.models import MailingRun, Registration, RegistrationSettings
from registrations.services import emails, mailings, waiting_list
from registrations.services import registration as services
from registrations.services.invitations import invitation_url
from tests import factories
from tests.support import pdf_pages, squash

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)


def due(meeting, slug):
    reg_settings = services.settings_for(meeting)
    return next(m for m in mailings.plan(meeting, reg_settings) if m.slug == slug).due_at


def messages(meeting, slug):
    return Message.objects.filter(key__startswith=mailings.key_prefix(meeting, slug))


def attachment(message, suffix):
    item = next(a for a in message.attachments if a["filename"].endswith(suffix))
    return base64.b64decode(item["content_base64"])


def test_the_mailings_are_timed_from_the_meeting_and_its_deadline():
    meeting = factories.meeting(invitees=0)
    deadline = meeting.registration_deadline
    reg_settings = services.settings_for(meeting)
    plan = {m.slug: m for m in mailings.plan(meeting, reg_settings)}
    # By default: reminders 7 and 2 days before the deadline, the participant list at the
    # deadline, the programme a week before the meeting; no invitations unless timed.
    assert list(plan) == ["reminder-7", "reminder-2", "summary", "programme"]
    assert plan["reminder-7"].due_at == deadline - 7 * DAY
    assert plan["reminder-2"].due_at == deadline - 2 * DAY
    assert plan["summary"].due_at == deadline
    assert plan["programme"].due_at == meeting.starts_at - 7 * DAY
    assert plan["reminder-2"].until == deadline

    reg_settings.reminder_days = "10, 3; 1"
    reg_settings.invitations_at = deadline - 20 * DAY
    reg_settings.programme_days = None
    reg_settings.save()
    plan = [m.slug for m in mailings.plan(meeting, reg_settings)]
    assert plan == ["invitation", "reminder-10", "reminder-3", "reminder-1", "summary"]


def test_days_before_keep_the_danish_wall_clock_across_summer_time():
    meeting = factories.meeting(invitees=0)
    # Deadline Tuesday 31 March 2026 at 12.00, summer time; 7 days before is winter time.
    meeting.registration_deadline = datetime.datetime(2026, 3, 31, 10, 0, tzinfo=datetime.UTC)
    reminder = mailings.plan(meeting, services.settings_for(meeting))[0]
    local = timezone.localtime(reminder.due_at)
    assert (local.day, local.hour, local.minute) == (24, 12, 0)


def test_reminder_days_that_are_not_whole_days_get_a_danish_message():
    reg_settings = RegistrationSettings(meeting=factories.meeting(invitees=0), reminder_days="7, x")
    with pytest.raises(ValidationError) as error:
        reg_settings.full_clean()
    assert "hele tal mellem 1 og 365" in str(error.value)


def test_nothing_goes_out_before_its_time_then_each_mailing_once(monkeypatch):
    meeting = factories.meeting(invitees=3)
    rendered = []
    original = mailings.render
    monkeypatch.setattr(
        mailings, "render", lambda *args: rendered.append(args[1].email) or original(*args)
    )
    before = due(meeting, "reminder-7") - MINUTE
    assert mailings.send_due_mailings(now=before) == []
    assert Message.objects.count() == 0

    now = due(meeting, "reminder-7") + MINUTE
    runs = mailings.send_due_mailings(now=now)
    assert [(r.mailing, r.status, r.recipients) for r in runs] == [("reminder-7", "sent", 3)]
    assert mailings.send_due_mailings(now=now + 5 * MINUTE) == []
    assert messages(meeting, "reminder-7").count() == 3
    assert MailingRun.objects.count() == 1
    # Rendered once each, before the lock; nothing changed, so not again under it.
    assert len(rendered) == 3


def test_the_invitation_carries_each_invitees_own_link_and_the_letter_as_pdf(client):
    meeting = factories.meeting(invitees=2)
    LetterSection.objects.create(meeting=meeting, body="<p>Vi inviterer til forum.</p>")
    reg_settings = services.settings_for(meeting)
    reg_settings.invitations_at = timezone.now() - MINUTE
    reg_settings.save()
    factories.register_invitee(factories.invitations(meeting)[1])

    [run] = mailings.send_due_mailings()
    assert run.recipients == 1
    invitation = factories.invitations(meeting)[0]
    message = messages(meeting, "invitation").get()
    assert message.to == invitation.person.email
    assert message.subject == "Invitation: Social- og Sundhedspolitisk Forum"
    link = invitation_url(invitation)
    assert link in message.body_text and link in message.body_html
    assert f"Kære {invitation.person.name}" in message.body_text
    assert "Tilmeld dig via dit personlige link senest" in message.body_text
    assert "Invitationen er vedhæftet som PDF." in message.body_text
    [pdf_name] = [a["filename"] for a in message.attachments]
    assert pdf_name.startswith("invitation-") and pdf_name.endswith(".pdf")
    assert "Viinviterertilforum." in squash(pdf_pages(attachment(message, ".pdf"))[0])
    # The link opens the invitee's own form.
    page = client.get(link.removeprefix("http://localhost:8000"))
    assert page.status_code == 200
    assert invitation.person.name in page.content.decode()


def test_invitees_who_answered_in_any_way_are_not_reminded():
    meeting = factories.meeting(invitees=5)
    first, second, third, fourth, _fifth = factories.invitations(meeting)
    factories.register_invitee(first)
    waiting_list.cancel(factories.register_invitee(second))
    # Registered through the public link, with the same address in other capitals.
    services.register(
        meeting, factories.registration_data(name="Tredje", email=third.person.email.upper())
    )
    now = due(meeting, "reminder-7") + MINUTE
    # The fourth registers after the reminder was due, but before the sweep: not reminded.
    factories.register_invitee(fourth, now=now)
    mailings.send_due_mailings(now=now)
    reminded = messages(meeting, "reminder-7")
    assert sorted(reminded.values_list("to", flat=True)) == ["inviteret4@example.dk"]
    message = reminded.get()
    assert message.subject.startswith("Husk at tilmelde dig senest ")
    assert "Vi har endnu ikke modtaget din tilmelding" in message.body_text
    assert invitation_url(factories.invitations(meeting)[4]) in message.body_text
    assert "&#x27;" not in message.body_text and "&amp;" not in message.subject


def test_an_earlier_reminder_still_due_with_a_later_one_is_passed_over():
    meeting = factories.meeting(invitees=2)
    now = due(meeting, "reminder-2") + MINUTE
    mailings.send_due_mailings(now=now)
    runs = dict(MailingRun.objects.values_list("mailing", "status"))
    assert runs == {"reminder-7": "skipped", "reminder-2": "sent"}
    assert messages(meeting, "reminder-7").count() == 0
    assert messages(meeting, "reminder-2").count() == 2


def test_no_reminder_goes_out_together_with_a_late_invitation():
    meeting = factories.meeting(invitees=2)
    reg_settings = services.settings_for(meeting)
    reg_settings.invitations_at = meeting.registration_deadline - 5 * DAY
    reg_settings.save()
    mailings.send_due_mailings(now=reg_settings.invitations_at + MINUTE)
    runs = dict(MailingRun.objects.values_list("mailing", "status"))
    assert runs == {"reminder-7": "skipped", "invitation": "sent"}
    assert Message.objects.filter(subject__startswith="Invitation").count() == 2
    assert Message.objects.count() == 2


def test_the_confirmed_get_the_programme_as_pdf_or_else_the_invitation():
    meeting = factories.meeting(invitees=0, capacity=1)
    services.register(meeting, factories.registration_data(1))
    services.register(meeting, factories.registration_data(2))  # on the waiting list
    now = due(meeting, "programme") + MINUTE
    LetterSection.objects.create(meeting=meeting, body="<p>Brevets tekst.</p>")
    mailings.send_due_mailings(now=now)
    message = messages(meeting, "programme").get()
    assert message.to == "politiker1@example.dk"
    assert message.subject.startswith("Program: Social- og Sundhedspolitisk Forum, ")
    assert "Invitationen er vedhæftet som PDF." in message.body_text
    assert message.attachments[0]["filename"].startswith("invitation-")
    manage = emails.manage_url(Registration.objects.get(email="politiker1@example.dk"))
    assert manage in message.body_text

    # With a programme, the programme goes (a second meeting: the first's is done).
    other = factories.meeting(invitees=0, slug="andet-forum")
    day = ProgrammeDay.objects.create(
        meeting=other, date=timezone.localtime(other.starts_at).date()
    )
    ProgrammeSlot.objects.create(day=day, starts_at=datetime.time(10), title="Velkomst")
    services.register(other, factories.registration_data(3))
    mailings.send_due_mailings(now=now)
    message = messages(other, "programme").get()
    assert "Programmet er vedhæftet som PDF." in message.body_text
    assert message.attachments[0]["filename"].startswith("program-")
    assert "Velkomst" in pdf_pages(attachment(message, ".pdf"))[0]


def test_the_secretariat_gets_the_participant_list_when_the_deadline_passes():
    meeting = factories.meeting(invitees=0, capacity=1)
    services.register(meeting, factories.registration_data(1, name="Birgit Hansen"))
    services.register(meeting, factories.registration_data(2, name="Lise Bach"))
    early = mailings.send_due_mailings(now=meeting.registration_deadline - MINUTE)
    assert "summary" not in [run.mailing for run in early]
    mailings.send_due_mailings(now=meeting.registration_deadline)
    message = messages(meeting, "summary").get()
    assert message.to == "kho@kl.dk"
    assert "Tilmeldt: 1\nPå venteliste: 1" in message.body_text
    rows = list(
        csv.reader(io.StringIO(attachment(message, ".csv").decode("utf-8-sig")), delimiter=";")
    )
    assert sorted(row[1] for row in rows[1:]) == ["Birgit Hansen", "Lise Bach"]
    assert "Birgit Hansen" in "".join(pdf_pages(attachment(message, ".pdf")))


def test_emails_rendered_before_the_lock_are_rendered_again_if_the_deadline_moved_meanwhile(
    monkeypatch,
):
    meeting = factories.meeting(invitees=2)
    now = due(meeting, "reminder-7") + MINUTE
    original, calls = mailings.recipients, []

    def recipients(meeting_, reg_settings, mailing):
        if not calls:
            # The secretariat moves the deadline an hour earlier while the sweep renders.
            meeting.registration_deadline -= datetime.timedelta(hours=1)
            meeting.save()
        calls.append(mailing.slug)
        return original(meeting_, reg_settings, mailing)

    monkeypatch.setattr(mailings, "recipients", recipients)
    mailings.send_due_mailings(now=now)
    assert calls == ["reminder-7", "reminder-7"]
    new_time = dates.danish_time(meeting.registration_deadline)
    for message in messages(meeting, "reminder-7"):
        assert f"kl. {new_time}" in message.body_text


def test_a_lost_done_record_still_sends_nobody_a_second_email():
    meeting = factories.meeting(invitees=4)
    now = due(meeting, "reminder-7") + MINUTE
    mailings.send_due_mailings(now=now)
    MailingRun.objects.all().delete()
    [run] = mailings.send_due_mailings(now=now)
    assert run.recipients == 0
    assert messages(meeting, "reminder-7").count() == 4


def test_finding_due_mailings_takes_three_queries_however_many_meetings(
    django_assert_num_queries,
):
    for number in range(5):
        factories.meeting(invitees=0, slug=f"forum-{number}")
    with django_assert_num_queries(2):
        due_now = mailings.due_mailings()
    assert due_now == []
    RegistrationSettings.objects.all().delete()
    with django_assert_num_queries(2):
        mailings.due_mailings(now=timezone.now() + 20 * DAY)


@pytest.fixture
def planned(admin_user):
    admin_user.email = "sekretaer@kl.dk"
    admin_user.save()
    meeting = factories.meeting(invitees=3)
    reg_settings = services.settings_for(meeting)
    reg_settings.invitations_at = timezone.now() + DAY
    reg_settings.save()
    return meeting


def test_the_admin_shows_each_mailing_with_its_time_status_and_outbox_rows(admin_client, planned):
    meeting = planned
    mailings.send_due_mailings(now=due(meeting, "reminder-7") + MINUTE)
    Message.objects.filter(to="inviteret0@example.dk").update(status="failed")
    url = reverse("admin:registrations_mailings", args=[meeting.pk])
    html = admin_client.get(url).content.decode()
    for label in [
        "Invitation med personligt link",
        "Påmindelse 7 dage før fristen",
        "Påmindelse 2 dage før fristen",
        "Deltagerliste til sekretariatet",
        "Program til de tilmeldte 7 dage før mødet",
    ]:
        assert label in html
    assert "Planlagt" in html and "Sendt" in html
    prefix = f"mailing%3A{meeting.pk}%3Areminder-7%3A"
    assert f"?status__exact=failed&amp;key__startswith={prefix}" in html
    # The outbox's list, filtered by the link, shows that mailing's failed row.
    outbox = admin_client.get(
        reverse("admin:outbox_message_changelist"),
        {"status__exact": "failed", "key__startswith": f"mailing:{meeting.pk}:reminder-7:"},
    ).content.decode()
    assert "inviteret0@example.dk" in outbox and "inviteret1@example.dk" not in outbox


def test_the_admin_previews_a_mailing_for_its_first_recipient(admin_client, planned):
    url = reverse("admin:registrations_mailing_preview", args=[planned.pk, "reminder-2"])
    html = admin_client.get(url).content.decode()
    assert "inviteret0@example.dk" in html
    assert "Vi har endnu ikke modtaget din tilmelding" in html
    assert '<iframe sandbox=""' in html
    assert Message.objects.count() == 0
    # Nobody registered yet: the programme is previewed for a made-up participant.
    url = reverse("admin:registrations_mailing_preview", args=[planned.pk, "programme"])
    assert mailings.SAMPLE_EMAIL in admin_client.get(url).content.decode()
    missing = reverse("admin:registrations_mailing_preview", args=[planned.pk, "reminder-5"])
    assert admin_client.get(missing).status_code == 404


def test_send_a_test_to_me_puts_the_mailing_in_the_outbox_for_me_only(admin_client, planned):
    url = reverse("admin:registrations_mailing_test", args=[planned.pk, "invitation"])
    assert admin_client.get(url).status_code == 405
    response = admin_client.post(url, follow=True)
    assert "er lagt i kø til sekretaer@kl.dk" in response.content.decode()
    message = Message.objects.get()
    assert message.to == "sekretaer@kl.dk"
    assert message.subject == "Prøve: Invitation: Social- og Sundhedspolitisk Forum"
    assert message.key is None
    assert MailingRun.objects.count() == 0


@pytest.mark.parametrize("status", ["draft", "cancelled"])
def test_no_scheduled_mailing_goes_out_for_a_draft_or_a_cancelled_meeting(admin_client, status):
    """A draft's personal links answer 404, and a cancelled meeting's people were told it is off:
    neither gets the invitation, a reminder, the programme or the participant list."""
    meeting = factories.meeting(invitees=2)
    reg_settings = services.settings_for(meeting)
    reg_settings.invitations_at = meeting.registration_deadline - 20 * DAY
    reg_settings.save()
    meeting.status = status
    meeting.save()
    for slug in ["invitation", "reminder-7", "reminder-2", "summary", "programme"]:
        assert mailings.send_due_mailings(now=due(meeting, slug) + MINUTE) == []
        assert mailings.send_mailing(meeting.pk, slug, now=due(meeting, slug) + MINUTE) is None
    assert Message.objects.count() == 0
    assert MailingRun.objects.count() == 0

    page = admin_client.get(reverse("admin:registrations_mailings", args=[reg_settings.pk]))
    label = {"draft": "Venter på offentliggørelse", "cancelled": "Aflyst – sendes ikke"}[status]
    assert page.content.decode().count(label) == 5


def test_the_cancellation_notice_still_goes_out_while_the_reminders_do_not():
    from meetings.services import cancel_meeting

    meeting = factories.meeting(invitees=2)
    services.register(meeting, factories.registration_data(1))
    Message.objects.all().delete()
    cancel_meeting(meeting)
    assert Message.objects.filter(key__startswith=f"cancelled:{meeting.pk}:").count() == 1
    assert mailings.send_due_mailings(now=due(meeting, "reminder-7") + MINUTE) == []
    assert not messages(meeting, "reminder-7").exists()
