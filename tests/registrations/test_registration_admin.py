"""The secretariat follows registrations in the admin: filters, exports to CSV and Excel,
manual registration past the rules (logged), an overview per meeting, and the participant
list as a KL PDF grouped by municipality."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from meetings.models import Meeting, Municipality, Region
from registrations.models import Registration, RegistrationSettings, StaffOverride
from registrations.services import registration as services
from tests import factories
from tests.support import pdf_text

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/registrations/registration/"


@pytest.fixture
def meeting_with_registrations():
    meeting = factories.meeting(capacity=3)
    session = factories.session(meeting, 1, title="Fælles data", capacity=2)
    places = ["Aalborg", "Aalborg", "Viborg", "Frederikshavn", "Odense"]
    for number, place in enumerate(places, start=1):
        services.register(
            meeting,
            factories.registration_data(
                number,
                municipality=Municipality.objects.get(name=place),
                session=session if number <= 3 else None,
            ),
        )
    return meeting


def export(admin_client, action, meeting):
    ids = Registration.objects.filter(meeting=meeting).values_list("pk", flat=True)
    return admin_client.post(
        CHANGELIST, {"action": action, "_selected_action": [str(pk) for pk in ids]}
    )


def test_the_excel_export_has_one_row_per_registration_with_municipality_and_region(
    admin_client, meeting_with_registrations
):
    response = export(admin_client, "export_xlsx", meeting_with_registrations)
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == Registration.objects.count() == 5
    kommune, region, email = header.index("Kommune"), header.index("Region"), header.index("E-mail")
    by_email = {row[email]: row for row in body}
    assert len(by_email) == 5
    assert by_email["politiker3@example.dk"][kommune] == "Viborg"
    assert by_email["politiker3@example.dk"][region] == "Region Midtjylland"
    assert by_email["politiker5@example.dk"][region] == "Region Syddanmark"
    statuses = [row[header.index("Status")] for row in body]
    assert statuses.count("Tilmeldt") == 3 and statuses.count("På venteliste") == 2


def test_the_csv_export_opens_in_danish_excel(admin_client, meeting_with_registrations):
    response = export(admin_client, "export_csv", meeting_with_registrations)
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:5] == ["Møde", "Navn", "E-mail", "Kommune", "Region"]
    assert len(rows) == 6
    assert [
        rows[4][1],
        rows[4][3],
        rows[4][4],
    ] == ["Politiker 4", "Frederikshavn", "Region Nordjylland"]


def test_registrations_filter_by_region_and_status_in_few_queries(
    admin_client, meeting_with_registrations, django_assert_max_num_queries
):
    region = Region.objects.get(name="Region Nordjylland")
    with django_assert_max_num_queries(20):
        response = admin_client.get(
            CHANGELIST, {"municipality__region__id__exact": region.pk, "status__exact": "confirmed"}
        )
    names = [r.name for r in response.context["cl"].result_list]
    assert sorted(names) == ["Politiker 1", "Politiker 2", "Politiker 4"]
    waiting = admin_client.get(CHANGELIST, {"status__exact": "waiting"})
    assert {r.name for r in waiting.context["cl"].result_list} == {"Politiker 3", "Politiker 5"}
    html = waiting.content.decode()
    assert "Session 1 er fuld." in html and "Mødet er fuldt." in html


def test_staff_register_past_the_deadline_and_a_full_meeting_and_it_is_logged(
    admin_client, admin_user, meeting_with_registrations
):
    meeting = meeting_with_registrations
    meeting.registration_deadline = timezone.now() - datetime.timedelta(hours=1)
    meeting.save()
    url = f"/admin/registrations/registrationsettings/{meeting.pk}/manuel-tilmelding/"
    page = admin_client.get(url)
    assert "Tilmeldingsfristen er overskredet" in page.content.decode()
    response = admin_client.post(
        url,
        {
            "name": "Ringede ind",
            "email": "telefon@example.dk",
            "pass_capacity": "on",
            "note": "Formanden ringede",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(email="telefon@example.dk")
    assert registration.status == "confirmed" and registration.source == "staff"
    override = StaffOverride.objects.get()
    assert override.user == admin_user
    assert override.passed_deadline and override.passed_capacity
    assert override.note == "Formanden ringede"
    assert Registration.objects.confirmed().filter(meeting=meeting).count() == 4


def test_without_passing_the_capacity_a_manual_registration_waits(
    admin_client, meeting_with_registrations
):
    meeting = meeting_with_registrations
    url = f"/admin/registrations/registrationsettings/{meeting.pk}/manuel-tilmelding/"
    admin_client.post(url, {"name": "Pr. e-mail", "email": "mail@example.dk"})
    assert Registration.objects.get(email="mail@example.dk").status == "waiting"
    assert not StaffOverride.objects.exists()


def test_cancelling_in_the_admin_promotes_from_the_waiting_list(
    admin_client, meeting_with_registrations
):
    first = Registration.objects.get(email="politiker1@example.dk")
    admin_client.post(CHANGELIST, {"action": "cancel_selected", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert first.status == "cancelled"
    # Politiker 3 waited for a seat in session 1, which Politiker 1 has now left.
    assert Registration.objects.get(email="politiker3@example.dk").status == "confirmed"


def test_more_seats_in_the_settings_promote_the_waiting_list(
    admin_client, meeting_with_registrations
):
    meeting = meeting_with_registrations
    reg_settings = RegistrationSettings.objects.get(meeting=meeting)
    capacity = reg_settings.session_capacities.get()
    url = f"/admin/registrations/registrationsettings/{meeting.pk}/change/"
    data = {
        "opens_at_0": "",
        "opens_at_1": "",
        "capacity": "10",
        "dinner_label": "",
        "municipality_mode": "required",
        "role_mode": "required",
        "party_mode": "optional",
        "phone_mode": "optional",
        "dietary_mode": "optional",
        "session_mode": "optional",
        "comment_mode": "optional",
        "consent_text": reg_settings.consent_text,
        "session_capacities-TOTAL_FORMS": "1",
        "session_capacities-INITIAL_FORMS": "1",
        "session_capacities-MIN_NUM_FORMS": "0",
        "session_capacities-MAX_NUM_FORMS": "1000",
        "session_capacities-0-id": str(capacity.pk),
        "session_capacities-0-settings": str(meeting.pk),
        "session_capacities-0-session": str(capacity.session_id),
        "session_capacities-0-capacity": "3",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Registration.objects.waiting().count() == 0


def test_the_overview_counts_by_status_session_and_municipality_with_a_chart(
    admin_client, meeting_with_registrations
):
    meeting = meeting_with_registrations
    response = admin_client.get(f"/admin/registrations/registrationsettings/{meeting.pk}/overblik/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["statuses"] == [("Tilmeldt", 3), ("På venteliste", 2), ("Afmeldt", 0)]
    session_row = response.context["sessions"][0]
    assert (session_row["confirmed"], session_row["waiting"], session_row["capacity"]) == (2, 1, 2)
    assert response.context["municipalities"][0] == {
        "municipality__name": "Aalborg",
        "municipality__region__name": "Region Nordjylland",
        "n": 2,
    }
    assert "<svg" in html and "<rect" in html
    assert "cdn" not in html.lower()


def test_the_participant_list_pdf_groups_the_confirmed_by_municipality(
    admin_client, meeting_with_registrations
):
    meeting = meeting_with_registrations
    response = admin_client.get(
        f"/admin/registrations/registrationsettings/{meeting.pk}/deltagerliste.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = pdf_text(response.content)
    assert reader.metadata.title == f"Deltagerliste: {meeting.title}"
    assert "Aalborg Kommune (2)" in text and "Frederikshavn Kommune (1)" in text
    assert text.index("Aalborg Kommune") < text.index("Frederikshavn Kommune")
    assert "Politiker 1" in text and "Politiker 4" in text
    assert "3 tilmeldte; 2 på venteliste" in text
    # the waiting list after the participants, in its order, with the reason
    participants, waiting = text.split("Venteliste (2)")
    assert "Politiker 3" not in participants and "Politiker 5" not in participants
    assert waiting.index("1. Politiker 3") < waiting.index("2. Politiker 5")
    assert "Session 1 er fuld." in waiting


def test_the_participant_list_has_dinner_and_diet_and_excel_has_dates(admin_client):
    meeting = factories.meeting(capacity=10)
    RegistrationSettings.objects.filter(meeting=meeting).update(dinner_label="Middag kl. 19")
    services.register(meeting, factories.registration_data(1, dinner=True, dietary_needs="Vegan"))
    services.register(meeting, factories.registration_data(2))
    text = pdf_text(
        admin_client.get(
            f"/admin/registrations/registrationsettings/{meeting.pk}/deltagerliste.pdf"
        ).content
    )
    assert "2 tilmeldte, heraf 1 til middag kl. 19" in text
    assert "Middag" in text and "Kosthensyn" in text
    assert "Politiker 1 Kommunalbestyrelsesmedlem Ja Vegan" in " ".join(text.split())

    sheet = load_workbook(io.BytesIO(export(admin_client, "export_xlsx", meeting).content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Tilmeldt") + 1)
    assert isinstance(cell.value, datetime.datetime)
    registered = Registration.objects.get(email="politiker1@example.dk").queued_at
    assert cell.value == timezone.localtime(registered).replace(tzinfo=None, microsecond=0) or (
        abs(cell.value - timezone.localtime(registered).replace(tzinfo=None))
        < datetime.timedelta(seconds=1)
    )


def test_the_demo_conference_is_open_with_sessions_and_a_waiting_list_and_loads_once(client):
    from meetings import demo as meetings_demo
    from registrations import demo

    meetings_demo.load()  # load_demo runs the meetings app's demo first: seed 002 is there
    first = demo.load()
    meeting = Meeting.objects.get(registration_slug="demo-konference")
    starts_at = meeting.starts_at
    assert "8 tilmeldinger tilføjet, 2 på venteliste" in first
    assert meeting.programme_days.count() == 2
    assert meeting.sessions.count() == 7
    assert meeting.sessions.get(number=3).title == "Dør borgerne godt i din kommune?"
    assert meeting.starts_at > timezone.now() + datetime.timedelta(weeks=5)

    second = demo.load()
    assert "0 tilmeldinger tilføjet, 2 på venteliste" in second
    meeting.refresh_from_db()
    assert meeting.starts_at == starts_at
    assert Registration.objects.filter(meeting=meeting).count() == 8

    html = client.get("/tilmeld/demo-konference/").content.decode()
    assert "Tilmeld mig" in html
    assert "3. Dør borgerne godt i din kommune? (fuld – du kommer på venteliste)" in html
    assert "Jeg deltager i aftenarrangement – middag og underholdning kl. 19.30" in html


def test_the_admin_pages_of_settings_and_registrations_open(
    admin_client, meeting_with_registrations, django_assert_max_num_queries
):
    meeting = meeting_with_registrations
    with django_assert_max_num_queries(15):
        listing = admin_client.get("/admin/registrations/registrationsettings/")
    html = listing.content.decode()
    assert "Overblik" in html and "Deltagerliste (PDF)" in html
    registration = Registration.objects.get(email="politiker3@example.dk")
    page = admin_client.get(f"/admin/registrations/registration/{registration.pk}/change/")
    assert page.status_code == 200
    assert "Session 1 er fuld." in page.content.decode()
    assert admin_client.get("/admin/registrations/registration/add/").status_code == 403
    settings_page = admin_client.get(
        f"/admin/registrations/registrationsettings/{meeting.pk}/change/"
    )
    assert "Fælles data" in settings_page.content.decode()
