"""What a hostile visitor tries on the public tilmeld form (issue 29): characters that break a
line in an e-mail or the participant list without being a line feed, and addresses that look
like many clients but are one."""

import pytest

from registrations import views
from registrations.models import Registration
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]

URL = "/tilmeld/sundhedsforum/"

# Unicode's line and paragraph separators (Zl, Zp) and control characters (Cc) that mail
# programs, spreadsheets or terminals take as a line break or a field separator.
BREAKERS = {
    "LINE SEPARATOR": "\u2028",
    "PARAGRAPH SEPARATOR": "\u2029",
    "VT": "\x0b",
    "FF": "\x0c",
    "NEL": "\x85",
    "FS": "\x1c",
    "GS": "\x1d",
    "RS": "\x1e",
    "TAB": "\t",
}


@pytest.mark.parametrize("character", BREAKERS.values(), ids=BREAKERS.keys())
@pytest.mark.parametrize("field", ["name", "party_letter", "dietary_needs"])
def test_single_line_fields_refuse_line_and_paragraph_separators_and_control_characters(
    client, field, character
):
    factories.meeting()
    value = {"name": "Birgit{}Hansen", "party_letter": "A{}B", "dietary_needs": "Gluten{}fri"}
    response = client.post(URL, factories.tilmeld_form(**{field: value[field].format(character)}))
    assert response.status_code == 200
    assert "Feltet skal stå på én linje uden linjeskift eller kontroltegn." in (
        response.content.decode()
    )
    assert not Registration.objects.exists()


def test_an_ordinary_name_with_accents_and_a_hyphen_is_accepted(client):
    factories.meeting()
    response = client.post(URL, factories.tilmeld_form(name="Søren Ærø-Åberg", dietary_needs="Æg"))
    assert response.status_code == 302


def post_from(client, address, number):
    return client.post(
        URL, factories.tilmeld_form(email=f"p{number}@x.dk"), REMOTE_ADDR=address
    ).status_code


def test_an_ipv4_mapped_ipv6_address_counts_with_its_ipv4_address(client):
    factories.meeting()
    for number in range(views.RATE_LIMIT):
        address = "10.1.2.3" if number % 2 else "::ffff:10.1.2.3"
        assert post_from(client, address, number) == 302
    assert post_from(client, "::ffff:10.1.2.3", 98) == 429
    assert post_from(client, "10.1.2.3", 99) == 429
    assert post_from(client, "10.1.2.4", 100) == 302


def test_ipv6_clients_are_counted_per_64_network(client):
    factories.meeting()
    for number in range(views.RATE_LIMIT):
        # A new address of the same /64 each time, as a client rotating through its network.
        assert post_from(client, f"2001:db8:1:2::{number + 1:x}", number) == 302
    assert post_from(client, "2001:db8:1:2:ffff:ffff:ffff:ffff", 98) == 429
    # The neighbouring /64 is another client.
    assert post_from(client, "2001:db8:1:3::1", 99) == 302
