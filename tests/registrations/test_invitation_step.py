"""The invitation as one step on the meeting's page: the recipients come from the invited
municipalities and roles (counted and listed), "Send invitationer" makes the personal links and
sends now or at a time (a draft's wait for publishing), and then each invitee shows whether the
invitation went out and how they answered, with a reminder to those who have not."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, Municipality, Person, Role
from outbox.models import Message
from registrations.models import Invitation, MailingRun
from registrations.services import registration as services
from registrations.services import waiting_list
from registrations.services.invitations import invitation_url
from tests import factories

pytestmark = pytest.mark.django_db


def person(name, municipality, role=Role.COUNCILLOR, email=True):
    return Person.objects.create(
        name=name,
        role=role,
        municipality=Municipality.objects.get(name=municipality),
        email=f"{name.split()[0].lower()}@example.dk" if email else "",
    )


@pytest.fixture
def kkr_meeting():
    """A KKR Sjælland meeting for the politicians of Roskilde and Køge, with a tilmeld link."""
    meeting = factories.meeting(
        Meeting.Kind.KKR,
        organiser="KKR Sjælland",
        days_ahead=30,
        slug="kkr-sjaelland",
        only_for_politicians=True,
        invites_all_municipalities=False,
    )
    meeting.invited_municipalities.set(Municipality.objects.filter(name__in=["Roskilde", "Køge"]))
    person("Anna Roskilde", "Roskilde")
    person("Bent Roskilde", "Roskilde", Role.MAYOR)
    person("Carla Køge", "Køge", Role.COMMITTEE_CHAIR)
    person("Dorte Aarhus", "Aarhus")  # not an invited municipality
    person("Erik Roskilde", "Roskilde", email=False)  # no address to send to
    person("Frida Roskilde", "Roskilde", Role.OFFICIAL)  # not a politician
    return meeting


def workspace(admin_client, meeting):
    url = reverse("admin:meetings_meeting_workspace", args=[meeting.pk])
    return admin_client.get(url).content.decode()


def send(admin_client, meeting, **data):
    url = reverse("admin:registrations_send_invitations", args=[meeting.pk])
    return admin_client.post(url, {"when": "now"} | data, follow=True).content.decode()


def invitee_rows(page):
    """{name: (invitation, answer)} from the page's list of invitees."""
    import re

    body = page[page.index('<table class="invitees">') :]
    body = body[: body.index("</table>")]
    rows = re.findall(
        r"<tr><td>([^<]*)</td><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)", body
    )
    return {name: (sent.split(" ")[0], answer) for name, sent, answer in rows}


def test_the_recipients_come_from_the_invited_municipalities_and_roles(admin_client, kkr_meeting):
    page = workspace(admin_client, kkr_meeting)
    assert "3 inviterede" in page
    assert "de 2 inviterede kommuner" in page and "kun kommunalpolitikere" in page
    rows = invitee_rows(page)
    assert set(rows) == {"Anna Roskilde", "Bent Roskilde", "Carla Køge"}
    assert all(row == ("Ikke", "Intet svar") for row in rows.values())
    assert "Forhåndsvis e-mailen" in page
    preview = reverse("admin:registrations_mailing_preview", args=[kkr_meeting.pk, "invitation"])
    assert (
        "Du inviteres hermed til Møde i KKR Sjælland" in admin_client.get(preview).content.decode()
    )


def test_send_now_makes_the_links_sends_and_shows_each_answer_then_reminds(
    admin_client, client, kkr_meeting
):
    page = send(admin_client, kkr_meeting)
    assert "3 personlige links er lavet. Invitationen er sendt til 3 inviterede." in page
    messages = Message.objects.filter(key__startswith=f"mailing:{kkr_meeting.pk}:invitation:")
    assert sorted(m.to for m in messages) == [
        "anna@example.dk",
        "bent@example.dk",
        "carla@example.dk",
    ]
    anna, bent, carla = (
        Invitation.objects.get(meeting=kkr_meeting, person__name=name)
        for name in ("Anna Roskilde", "Bent Roskilde", "Carla Køge")
    )
    assert invitation_url(anna) in messages.get(to="anna@example.dk").body_text
    # the meeting's personal data: its secretariat finds, exports and erases these e-mails
    assert {m.scope for m in messages} == {f"meeting:{kkr_meeting.pk}"}
    # the personal link opens a form filled in from Anna's record
    form = client.get(invitation_url(anna).removeprefix("http://localhost:8000")).content.decode()
    assert 'value="Anna Roskilde"' in form and 'value="anna@example.dk"' in form

    factories.register_invitee(anna, municipality=anna.person.municipality)
    gone = factories.register_invitee(bent, municipality=bent.person.municipality)
    waiting_list.cancel(gone)
    rows = invitee_rows(workspace(admin_client, kkr_meeting))
    assert rows == {
        "Anna Roskilde": ("I", "Tilmeldt"),  # "I kø": the outbox has not sent it in this test
        "Bent Roskilde": ("I", "Afmeldt"),
        "Carla Køge": ("I", "Intet svar"),
    }
    Message.objects.update(status="sent", sent_at=timezone.now())
    page = workspace(admin_client, kkr_meeting)
    assert invitee_rows(page)["Carla Køge"] == ("Sendt", "Intet svar")
    assert "Send påmindelse til 1, der ikke har svaret" in page

    url = reverse("admin:registrations_remind_unanswered", args=[kkr_meeting.pk])
    page = admin_client.post(url, follow=True).content.decode()
    assert "En påmindelse er sendt til 1, der ikke har svaret." in page
    [reminder] = Message.objects.filter(key__contains=":reminder-now-")
    assert (reminder.to, reminder.scope) == ("carla@example.dk", f"meeting:{kkr_meeting.pk}")
    assert invitation_url(carla) in reminder.body_text
    assert (
        MailingRun.objects.filter(meeting=kkr_meeting, mailing__startswith="reminder-now-")
        .get()
        .recipients
        == 1
    )
    assert "Påmindelse sendt fra mødets side" in workspace(admin_client, kkr_meeting)


def test_a_time_sets_the_invitation_and_sends_nothing_yet(admin_client, kkr_meeting):
    at = timezone.localtime() + datetime.timedelta(days=2)
    page = send(admin_client, kkr_meeting, when="at", at=at.strftime("%Y-%m-%dT%H:%M"))
    assert "Invitationen sendes på det valgte tidspunkt." in page
    assert Message.objects.count() == 0
    assert services.settings_for(kkr_meeting).invitations_at == at.replace(second=0, microsecond=0)
    past = timezone.localtime() - datetime.timedelta(hours=1)
    page = send(admin_client, kkr_meeting, when="at", at=past.strftime("%Y-%m-%dT%H:%M"))
    assert "Tidspunktet er passeret" in page


def test_a_drafts_invitation_waits_for_publishing_which_names_it(admin_client, kkr_meeting):
    kkr_meeting.status = Meeting.Status.DRAFT
    kkr_meeting.save()
    page = send(admin_client, kkr_meeting)
    assert "Invitationen sendes, når mødet er offentliggjort." in page
    assert Message.objects.count() == 0
    url = reverse("admin:meetings_meeting_publish", args=[kkr_meeting.pk])
    page = admin_client.post(url, follow=True).content.decode()
    assert "Invitation med personligt link" in page and "3 modtagere" in page


def test_nobody_to_invite_is_said_and_nothing_is_made(admin_client, kkr_meeting):
    kkr_meeting.invited_municipalities.set(Municipality.objects.filter(name="Odsherred"))
    page = send(admin_client, kkr_meeting)
    assert "Ingen at invitere" in page
    assert not Invitation.objects.exists()


def test_an_invitee_added_after_the_invitation_went_out_gets_it_alone(admin_client, kkr_meeting):
    send(admin_client, kkr_meeting)
    page = send(admin_client, kkr_meeting)
    assert "Alle inviterede har allerede fået invitationen." in page
    person("Gitte Køge", "Køge", Role.MAYOR)
    assert "Send invitationen til 1 nye" in workspace(admin_client, kkr_meeting)
    page = send(admin_client, kkr_meeting)
    assert "Invitationen er sendt til 1 nye inviterede." in page
    later = Message.objects.filter(key__contains=":invitation-")
    assert [m.to for m in later] == ["gitte@example.dk"]
    assert Message.objects.filter(to="anna@example.dk").count() == 1


@pytest.mark.django_db(transaction=True)
def test_invitations_sent_before_the_fix_get_their_meetings_scope_from_the_migration(kkr_meeting):
    """Invitations and reminders from the meeting's page had no scope, so the persondata page
    missed them; migration registrations 0006 reads the meeting from their key."""
    before = [("registrations", "0005_one_deadline")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    sent = Message.objects.create(
        to="anna@example.dk",
        subject="Invitation",
        body_text="...",
        key=f"mailing:{kkr_meeting.pk}:invitation-now-20261207:person-1",
    )
    other = Message.objects.create(to="bent@example.dk", subject="Kvittering", body_text="...")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    sent.refresh_from_db()
    other.refresh_from_db()
    assert (sent.scope, other.scope) == (f"meeting:{kkr_meeting.pk}", "")
