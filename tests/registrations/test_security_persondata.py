"""The personal-data page within the organisers one is secretariat for (issue 14, item 2).

Birgit registered for two meetings: one held by KKR Midtjylland, one by KKR Nordjylland. The
Midtjylland secretariat sees, exports and erases only what hangs on its own meetings (and on
meetings it co-organises), e-mails by the meeting their outbox row belongs to; staff without a
secretariat role see nothing; administrators see everything. No export carries a personal
link."""

import json

import pytest
from django.contrib.auth.models import Permission

from meetings.models import Organiser, Person
from outbox.models import Message
from registrations.models import Invitation, Registration, RegistrationSettings
from registrations.services import mailing_overview, mailings
from registrations.services import registration as services
from tests import factories
from tests.agendas.access_helpers import make_user, secretary

pytestmark = pytest.mark.django_db

URL = "/admin/registrations/registration/persondata/"
OWN, OTHER = "KKR Midtjylland", "KKR Nordjylland"
BIRGIT = "birgit@example.dk"


def meeting_of(organiser, slug):
    return factories.meeting(slug=slug, organiser=organiser)


@pytest.fixture
def meetings():
    own, other = meeting_of(OWN, "midt"), meeting_of(OTHER, "nord")
    for meeting in (own, other):
        services.register(
            meeting, factories.registration_data(1, email=BIRGIT, name="Birgit Bruun")
        )
    return own, other


def export(client, email=BIRGIT):
    response = client.post(URL, {"email": email, "action": "export"})
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_secretariat_sees_and_exports_only_its_own_meetings_registrations(client, meetings):
    own, other = meetings
    client.force_login(secretary(OWN))

    page = client.get(URL, {"email": BIRGIT}).content.decode()
    assert "1 tilmeldinger" in page and "1 e-mails" in page

    document = export(client)
    assert [row["meeting"] for row in document["tilmeldinger"]] == [own.pk]
    # Her confirmation from the other KKR's meeting is not the secretariat's to see.
    assert [row["scope"] for row in document["e-mails"]] == [f"meeting:{own.pk}"]
    assert document["personer"] == []


def test_the_secretariat_erases_only_its_own_meetings_registrations(client, meetings):
    own, other = meetings
    client.force_login(secretary(OWN))
    mails = Message.objects.filter(to=BIRGIT).count()

    client.post(URL, {"email": BIRGIT, "action": "erase", "confirm": "on"})

    assert Registration.objects.get(meeting=own).name == "Anonymiseret"
    kept = Registration.objects.get(meeting=other)
    assert (kept.name, kept.email) == ("Birgit Bruun", BIRGIT)
    assert mails == 2
    assert list(Message.objects.filter(to=BIRGIT).values_list("scope", flat=True)) == [
        f"meeting:{other.pk}"
    ]


def test_a_co_organised_meeting_is_in_the_secretariats_scope(client, meetings):
    own, other = meetings
    other.co_organisers.add(Organiser.objects.get(name=OWN))
    client.force_login(secretary(OWN))
    document = export(client)
    assert sorted(row["meeting"] for row in document["tilmeldinger"]) == sorted([own.pk, other.pk])


def test_staff_without_a_secretariat_role_see_export_and_erase_nothing(client, meetings):
    user = make_user("kontor", staff=True)
    assert user.has_perms(["registrations.view_registration", "registrations.change_registration"])
    user.user_permissions.add(Permission.objects.get(codename="delete_person"))
    client.force_login(user)

    page = client.get(URL, {"email": BIRGIT}).content.decode()
    assert "0 tilmeldinger" in page
    document = export(client)
    assert not any(document[name] for name in ("personer", "tilmeldinger", "e-mails"))
    client.post(URL, {"email": BIRGIT, "action": "erase", "confirm": "on"})
    assert set(Registration.objects.values_list("name", flat=True)) == {"Birgit Bruun"}


def test_exported_emails_carry_no_personal_link(client, meetings):
    own, _other = meetings
    person = Person.objects.create(name="Birgit Bruun", email=BIRGIT)
    invitation = Invitation.objects.create(meeting=own, person=person)
    Message.objects.create(
        to=BIRGIT,
        subject="Invitation",
        body_text=f"Tilmeld dig: https://moeder.kl.dk/tilmeld/midt/invitation/{invitation.secret}/",
        body_html=f'<a href="/tilmeld/midt/invitation/{invitation.secret}/">Tilmeld</a>',
    )
    secrets = [invitation.secret, *Registration.objects.values_list("secret", flat=True)]
    client.force_login(make_user("admin", superuser=True))

    document = export(client)
    assert len(document["tilmeldinger"]) == 2 and len(document["e-mails"]) == 3
    text = json.dumps(document)
    for secret in secrets:
        assert secret not in text
    assert "[personligt link fjernet]" in text
    # The confirmation's calendar file holds the link too: listed, not included.
    attachments = [file for row in document["e-mails"] for file in row["attachments"]]
    assert attachments and all(set(file) == {"filename", "mimetype"} for file in attachments)


def test_when_every_registration_is_its_own_the_secretariat_sees_the_whole_person(client, meetings):
    own, other = meetings
    Registration.objects.filter(meeting=other).delete()
    client.force_login(secretary(OWN))
    document = export(client)
    assert len(document["tilmeldinger"]) == 1 and len(document["personer"]) == 0
    # The confirmation the other KKR sent her stays its own.
    assert len(document["e-mails"]) == 1 < Message.objects.filter(to=BIRGIT).count()
    secret = Registration.objects.get(meeting=own).secret
    assert secret not in json.dumps(document)


def test_another_organisers_emails_to_the_address_are_never_shown_exported_or_erased(client):
    """Issue 29: the other KKR's participant list (still queued) and a test of its mailing went
    to an address that has no registration or invitation there; the Midtjylland secretary
    adds one manual registration of that address to her own meeting. She saw, exported and
    erased the other KKR's e-mails, the queued one too."""
    own, other = meeting_of(OWN, "midt"), meeting_of(OTHER, "nord")
    address = "sekretariat@example.dk"
    services.settings_for(other)
    RegistrationSettings.objects.filter(meeting=other).update(summary_email=address)
    services.register(other, factories.registration_data(2))
    mailings.send_mailing(other.pk, "summary", now=other.registration_deadline)
    mailing_overview.send_test(other, "reminder-7", address)
    Message.objects.filter(subject__startswith="Prøve").update(status=Message.Status.SENT)
    theirs = {row.pk: (row.status, row.subject) for row in Message.objects.filter(to=address)}
    assert sorted(status for status, _ in theirs.values()) == ["queued", "sent"]
    services.register(own, factories.registration_data(1, email=address, name="Sekretær"))
    client.force_login(secretary(OWN))

    page = client.get(URL, {"email": address}).content.decode()
    assert "1 tilmeldinger" in page and "1 e-mails" in page
    document = export(client, address)
    assert [row["scope"] for row in document["e-mails"]] == [f"meeting:{own.pk}"]
    assert not any(row["id"] in theirs for row in document["e-mails"])

    client.post(URL, {"email": address, "action": "erase", "confirm": "on"})
    left = {row.pk: (row.status, row.subject) for row in Message.objects.filter(to=address)}
    assert left == theirs
