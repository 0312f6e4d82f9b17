"""The secretariat of a KKR works on its own meetings only: a KKR Hovedstaden secretary can
neither see nor change KKR Midtjylland's meetings, agendas, items, registrations,
invitations or programme in the admin (changelists, change pages, add forms' choices, PDF
buttons, overviews, exports, actions); superusers see all; memberships are theirs to give."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from agendas.models import Agenda, Item, StandardItem
from meetings.models import Meeting, Organiser, Person, ProgrammeDay, ProgrammeSlot
from registrations.models import Invitation, Registration, RegistrationSettings, StaffOverride
from registrations.services import registration as services
from tests import factories
from tests.agendas.access_helpers import (
    CLOSED_TITLE,
    fast_password_hashing,  # noqa: F401 - an autouse fixture
    make_user,
    members_edition,
    secretary,
)

pytestmark = pytest.mark.django_db

OWN, OTHER = "KKR Hovedstaden", "KKR Midtjylland"


def kkr_meeting(name, slug, days_ahead):
    """A KKR's meeting with everything the admin shows: registration settings, a session, a
    registration with a staff override, an invitation, a programme day, an agenda with a
    closed item, and a standard item of the KKR."""
    organiser = Organiser.objects.get(name=name)
    meeting = factories.meeting(
        slug=slug,
        capacity=10,
        days_ahead=days_ahead,
        organiser=organiser,
        kind=Meeting.Kind.KKR,
        title=f"Temamøde i {name}",
    )
    session = factories.session(meeting, 1, title=f"Session i {name}", capacity=5)
    outcome = services.register(
        meeting,
        factories.registration_data(days_ahead, name=f"Deltager fra {name}", session=session),
    )
    StaffOverride.objects.create(registration=outcome.registration, note=f"Undtagelse i {name}")
    Invitation.objects.create(
        meeting=meeting, person=Person.objects.create(name=f"Inviteret af {name}")
    )
    day = ProgrammeDay.objects.create(meeting=meeting, date=timezone.localdate(meeting.starts_at))
    ProgrammeSlot.objects.create(day=day, starts_at="10:00", title=f"Velkomst i {name}")
    agenda = factories.import_agenda(meeting).agenda
    Item.objects.filter(agenda=agenda, title=CLOSED_TITLE).update(closed=True)
    StandardItem.objects.create(organiser=organiser, heading=f"Standardpunkt for {name}")
    return meeting


@pytest.fixture
def meetings():
    return kkr_meeting(OWN, "hovedstaden", 30), kkr_meeting(OTHER, "midtjylland", 40)


CHANGELISTS = [
    "/admin/meetings/meeting/",
    "/admin/meetings/programmeday/",
    "/admin/meetings/programmeslot/",
    "/admin/meetings/parallelsession/",
    "/admin/agendas/agenda/",
    "/admin/agendas/item/?q=Orientering",
    "/admin/agendas/standarditem/",
    "/admin/registrations/registrationsettings/",
    "/admin/registrations/registration/",
    "/admin/registrations/invitation/",
    "/admin/registrations/staffoverride/",
]


def names(name):
    """What of a KKR's rows the changelists show: meeting title, session, slot, people,
    standard item."""
    return [
        f"Temamøde i {name}",
        f"Session i {name}",
        f"Velkomst i {name}",
        f"Deltager fra {name}",
        f"Inviteret af {name}",
        f"Standardpunkt for {name}",
    ]


def shows(html, name):
    return any(text in html for text in names(name))


def test_a_kkr_secretary_sees_only_its_own_rows_in_every_changelist(client, meetings):
    client.force_login(secretary(OWN))
    for path in CHANGELISTS:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert shows(html, OWN), path
        assert not shows(html, OTHER), path


def test_a_superuser_sees_both_kkrs(client, meetings):
    client.force_login(make_user("admin", superuser=True))
    for path in CHANGELISTS:
        html = client.get(path).content.decode()
        assert shows(html, OWN) and shows(html, OTHER), path


def test_staff_without_a_secretariat_see_no_meetings(client, meetings):
    client.force_login(make_user("ny", staff=True))
    for path in CHANGELISTS:
        html = client.get(path).content.decode()
        assert not shows(html, OWN) and not shows(html, OTHER), path


def other_rows(other):
    agenda = Agenda.objects.get(meeting=other)
    registration = Registration.objects.get(meeting=other)
    return {
        "meetings/meeting": other.pk,
        "meetings/programmeday": other.programme_days.get().pk,
        "meetings/programmeslot": ProgrammeSlot.objects.get(day__meeting=other).pk,
        "meetings/parallelsession": other.sessions.get().pk,
        "agendas/agenda": agenda.pk,
        "agendas/item": agenda.items.first().pk,
        "agendas/standarditem": StandardItem.objects.get(organiser=other.organiser).pk,
        "registrations/registrationsettings": RegistrationSettings.objects.get(meeting=other).pk,
        "registrations/registration": registration.pk,
        "registrations/invitation": Invitation.objects.get(meeting=other).pk,
        "registrations/staffoverride": registration.overrides.get().pk,
    }


def test_another_kkrs_change_delete_and_history_pages_are_closed_to_the_secretary(client, meetings):
    own, other = meetings
    client.force_login(secretary(OWN))
    for model, pk in other_rows(other).items():
        for page in ("change", "delete"):
            response = client.get(f"/admin/{model}/{pk}/{page}/")
            # the admin answers "does not exist" (a redirect), as for a row that is not there
            assert response.status_code == 302, (model, page)
            assert not response["Location"].startswith("/admin/login/")
            assert not shows(client.get(response["Location"]).content.decode(), OTHER)
        history = client.get(f"/admin/{model}/{pk}/history/")
        assert history.status_code in (302, 403, 404), model
    # and the own rows open
    own_agenda = Agenda.objects.get(meeting=own)
    assert client.get(f"/admin/agendas/agenda/{own_agenda.pk}/change/").status_code == 200
    assert client.get(f"/admin/meetings/meeting/{own.pk}/change/").status_code == 200


def test_a_post_to_another_kkrs_meeting_changes_nothing(client, meetings):
    _, other = meetings
    client.force_login(secretary(OWN))
    client.post(f"/admin/meetings/meeting/{other.pk}/change/", {"title": "Overtaget"})
    client.post(f"/admin/meetings/meeting/{other.pk}/delete/", {"post": "yes"})
    other.refresh_from_db()
    assert other.title == f"Temamøde i {OTHER}"


def test_another_kkrs_pdf_buttons_and_overviews_are_refused(client, meetings):
    own, other = meetings
    client.force_login(secretary(OWN))
    other_agenda = Agenda.objects.get(meeting=other)
    other_settings = RegistrationSettings.objects.get(meeting=other)
    response = client.get(f"/admin/meetings/meeting/{other.pk}/pdf/invitation/", follow=True)
    assert "Mødet findes ikke." in response.content.decode()
    assert response.headers.get("Content-Type", "").startswith("text/html")
    for path in (
        f"/admin/agendas/agenda/{other_agenda.pk}/pdf/fuld/",
        f"/admin/agendas/agenda/{other_agenda.pk}/pdf/offentlig/",
        f"/admin/agendas/agenda/{other_agenda.pk}/referat.pdf",
        f"/admin/registrations/registrationsettings/{other_settings.pk}/overblik/",
        f"/admin/registrations/registrationsettings/{other_settings.pk}/deltagerliste.pdf",
        f"/admin/registrations/registrationsettings/{other_settings.pk}/manuel-tilmelding/",
    ):
        assert client.get(path).status_code == 403, path
    # the same buttons work on the KKR's own meeting
    own_agenda = Agenda.objects.get(meeting=own)
    own_settings = RegistrationSettings.objects.get(meeting=own)
    for path in (
        f"/admin/meetings/meeting/{own.pk}/pdf/invitation/",
        f"/admin/agendas/agenda/{own_agenda.pk}/pdf/fuld/",
        f"/admin/registrations/registrationsettings/{own_settings.pk}/deltagerliste.pdf",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"] == "application/pdf"


def test_exports_and_actions_leave_out_another_kkrs_registrations(client, meetings):
    own, other = meetings
    client.force_login(secretary(OWN))
    ids = [str(pk) for pk in Registration.objects.values_list("pk", flat=True)]
    assert len(ids) == 2
    response = client.post(
        "/admin/registrations/registration/",
        {"action": "export_csv", "_selected_action": ids},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    text = "\n".join(";".join(row) for row in rows)
    assert f"Deltager fra {OWN}" in text
    assert f"Deltager fra {OTHER}" not in text
    client.post(
        "/admin/registrations/registration/",
        {"action": "cancel_selected", "_selected_action": ids},
    )
    assert Registration.objects.get(meeting=other).status == Registration.Status.CONFIRMED
    assert Registration.objects.get(meeting=own).status == Registration.Status.CANCELLED
    response = client.post(
        "/admin/registrations/invitation/",
        {
            "action": "export_links",
            "_selected_action": [str(pk) for pk in Invitation.objects.values_list("pk", flat=True)],
        },
    )
    links = response.content.decode("utf-8-sig")
    assert f"Inviteret af {OWN}" in links and f"Inviteret af {OTHER}" not in links


def test_add_forms_offer_only_the_secretariats_own_organiser_and_meetings(client, meetings):
    own, other = meetings
    client.force_login(secretary(OWN))
    meeting_form = client.get("/admin/meetings/meeting/add/").content.decode()
    organiser_select = meeting_form.split('name="organiser"')[1].split("</select>")[0]
    assert OWN in organiser_select and OTHER not in organiser_select
    for path in ("/admin/agendas/agenda/add/", "/admin/registrations/invitation/add/"):
        html = client.get(path).content.decode()
        select = html.split('name="meeting"')[1].split("</select>")[0]
        assert other.title not in select, path
    own_item = Item.objects.filter(agenda__meeting=own).first()
    item_form = client.get(f"/admin/agendas/item/{own_item.pk}/change/").content.decode()
    move_to = item_form.split('name="move_to"')[1].split("</select>")[0]
    assert other.title not in move_to
    # a hand-made POST with the other KKR is refused by the form, and saves nothing
    before = Meeting.objects.count()
    response = client.post(
        "/admin/meetings/meeting/add/",
        {
            "organiser": Organiser.objects.get(name=OTHER).pk,
            "kind": "kkr",
            "title": "Indsmuglet møde",
            "starts_at_0": "01-03-2027",
            "starts_at_1": "10:00",
            "ends_at_0": "01-03-2027",
            "ends_at_1": "12:00",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "organiser" in errors, errors
    assert Meeting.objects.count() == before


def test_a_secretary_reads_the_closed_items_of_its_own_kkr_only(client, meetings):
    from agendas.services.publishing import publish_agenda

    own, other = meetings
    for meeting in meetings:
        publish_agenda(Agenda.objects.get(meeting=meeting))
    client.force_login(secretary(OWN))
    page, pdf = members_edition(client, Agenda.objects.get(meeting=own))
    assert CLOSED_TITLE in page and CLOSED_TITLE in pdf
    other_agenda = Agenda.objects.get(meeting=other)
    assert client.get(f"/dagsordener/{other_agenda.pk}/medlemmer/").status_code == 403
    assert client.get(f"/dagsordener/{other_agenda.pk}/dagsorden-fuld.pdf").status_code == 403


def test_only_administrators_give_memberships(client, meetings):
    client.force_login(secretary(OWN))
    assert client.get("/admin/meetings/membership/").status_code == 403
    assert client.get("/admin/meetings/membership/add/").status_code == 403
    assert "meetings/membership" not in client.get("/admin/").content.decode()
    client.force_login(make_user("admin", superuser=True))
    assert client.get("/admin/meetings/membership/").status_code == 200


def test_a_deactivated_secretary_loses_the_admin(client, meetings):
    user = secretary(OWN)
    client.force_login(user)
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    response = client.get("/admin/meetings/meeting/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_co_organisers_secretariat_edits_the_meeting_but_cannot_take_it_over(client, meetings):
    _, other = meetings
    other.co_organisers.add(Organiser.objects.get(name=OWN))
    client.force_login(secretary(OWN))
    html = client.get(f"/admin/meetings/meeting/{other.pk}/change/").content.decode()
    assert f"Temamøde i {OTHER}" in html
    assert '<select name="organiser"' not in html  # shown, not editable
    assert shows(client.get("/admin/agendas/agenda/").content.decode(), OTHER)
