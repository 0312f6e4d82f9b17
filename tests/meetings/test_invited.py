"""Who is invited is always said in the meeting form: a KKR's secretary starts a meeting with
the KKR's region invited; a whole region is one click; every municipality is a box ticked as
such; nothing chosen is an error, never "everyone"."""

import pytest
from django.urls import reverse

from meetings.models import Meeting, Municipality, Organiser, Person
from registrations.models import Registration
from registrations.services.invitations import invitation_candidates
from tests import factories
from tests.agendas.access_helpers import make_user
from tests.checks.test_fuzz_admin import empty_inlines

pytestmark = pytest.mark.django_db

ADD = "/admin/meetings/meeting/add/"


@pytest.fixture
def sjaelland_secretary(client):
    user = make_user("sekretaer", "KKR Sjælland", "secretariat", staff=True)
    client.force_login(user)
    return client


def new_meeting(**invited):
    return {
        "organiser": str(Organiser.objects.get(name="KKR Sjælland").pk),
        "kind": Meeting.Kind.KKR,
        "title": "Møde i KKR Sjælland",
        "starts_at_0": "2099-03-01",
        "starts_at_1": "10:00",
        "ends_at_0": "2099-03-01",
        "ends_at_1": "13:00",
        "signature_greeting": "Med venlig hilsen",
    } | invited


def test_a_kkr_secretary_starts_with_the_kkr_and_its_whole_region_ticked(sjaelland_secretary):
    form = sjaelland_secretary.get(ADD).context["adminform"].form
    sjaelland = Organiser.objects.get(name="KKR Sjælland")
    assert form.initial["organiser"] == sjaelland.pk
    assert form.initial["kind"] == Meeting.Kind.KKR
    assert form.initial["invite_regions"] == [sjaelland.region_id]
    page = sjaelland_secretary.get(ADD).content.decode()
    assert "Hele Region Sjælland (17 kommuner)" in page


def test_a_whole_region_is_one_click(sjaelland_secretary):
    region = Organiser.objects.get(name="KKR Sjælland").region
    roskilde = Municipality.objects.get(name="Roskilde")
    post = new_meeting(invite_regions=str(region.pk), invited_municipalities=str(roskilde.pk))
    response = sjaelland_secretary.post(ADD, post | empty_inlines(sjaelland_secretary, ADD))
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get(title="Møde i KKR Sjælland")
    invited = set(meeting.invited_municipalities.values_list("name", flat=True))
    assert len(invited) == 17 and "Roskilde" in invited and "Køge" in invited
    assert "Aarhus" not in invited


def test_nobody_chosen_is_an_error_and_everyone_is_a_box_of_its_own(sjaelland_secretary):
    inlines = empty_inlines(sjaelland_secretary, ADD)
    response = sjaelland_secretary.post(ADD, new_meeting() | inlines)
    assert response.status_code == 200
    assert "Vælg hvem der inviteres" in response.content.decode()
    assert not Meeting.objects.exists()

    # the box is the stored flag, with no list of municipalities beside it
    roskilde = str(Municipality.objects.get(name="Roskilde").pk)
    post = new_meeting(invite_all="on", invited_municipalities=roskilde)
    response = sjaelland_secretary.post(ADD, post | inlines)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.invites_all_municipalities
    assert not meeting.invited_municipalities.exists()
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    form = sjaelland_secretary.get(url).context["adminform"].form
    assert form.fields["invite_all"].initial is True


def test_unticking_everyone_invites_only_those_chosen(admin_client):
    meeting = factories.meeting(Meeting.Kind.KKR, organiser="KKR Sjælland", days_ahead=30)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    form = admin_client.get(url).context["adminform"].form
    assert form.fields["invite_all"].initial is True
    post = new_meeting(invite_regions=str(meeting.organiser.region_id))  # the box left empty
    response = admin_client.post(url, post | empty_inlines(admin_client, url))
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert not meeting.invites_all_municipalities
    assert meeting.invited_municipalities.count() == 17


def test_nobody_invited_is_nobody_on_the_form_the_registration_and_the_meeting_page(
    client, admin_client
):
    meeting = factories.meeting(invites_all_municipalities=False)
    page = client.get("/tilmeld/sundhedsforum/").content.decode()
    assert "Ingen kommuner er inviteret til mødet endnu, så du kan ikke tilmelde dig." in page
    assert "Ingen kommuner er inviteret</option>" in page
    assert "Frederikshavn" not in page
    response = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form())
    assert response.status_code == 200
    assert "Ingen kommuner er inviteret til mødet endnu, så man kan ikke tilmelde sig." in (
        response.content.decode()
    )
    assert not Registration.objects.exists()
    Person.objects.create(
        name="Anna Aarhus", municipality=Municipality.objects.get(name="Aarhus"), email="a@a.dk"
    )
    assert not invitation_candidates(meeting).exists()

    workspace = reverse("admin:meetings_meeting_workspace", args=[meeting.pk])
    page = admin_client.get(workspace).content.decode()
    assert "Ingen kommuner er inviteret: ingen kan tilmelde sig" in page


def test_everyone_invited_is_said_by_the_flag(client, admin_client):
    meeting = factories.meeting()
    aarhus = Person.objects.create(
        name="Anna Aarhus", municipality=Municipality.objects.get(name="Aarhus"), email="a@a.dk"
    )
    assert list(invitation_candidates(meeting)) == [aarhus]
    page = client.get("/tilmeld/sundhedsforum/").content.decode()
    assert "Frederikshavn" in page and "Ingen kommuner er inviteret" not in page
    response = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form())
    assert response.status_code == 302
    workspace = reverse("admin:meetings_meeting_workspace", args=[meeting.pk])
    assert "Ingen kommuner er inviteret" not in admin_client.get(workspace).content.decode()
