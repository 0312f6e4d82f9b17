"""The low findings of the penetration test (issue 14, item 7), each held by a test."""

import datetime
import re

import pytest

from meetings.models import Meeting, Organiser, Role
from tests.factories import secretary

pytestmark = pytest.mark.django_db


def test_static_files_carry_the_security_headers_pages_carry(client):
    response = client.get("/static/css/klmeetings.css")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]


def meeting_post(**changes):
    """The meeting change form's fields (no inline rows), as the browser posts them."""
    return {
        "kind": Meeting.Kind.KKR,
        "title": "Temamøde i KKR Nordjylland",
        "starts_at_0": "2027-03-01",
        "starts_at_1": "10:00",
        "ends_at_0": "2027-03-01",
        "ends_at_1": "13:00",
        "invited_roles": Role.MAYOR,
        "invite_all": "on",  # ticked for a meeting saved with nobody chosen
        "letter_date": "2027-02-01",
    } | changes


def test_a_co_organisers_secretariat_cannot_change_who_co_organises(client):
    own, other, third = (
        Organiser.objects.get(name=name)
        for name in ("KKR Midtjylland", "KKR Nordjylland", "KKR Syddanmark")
    )
    meeting = Meeting.objects.create(
        organiser=other,
        kind=Meeting.Kind.KKR,
        title="Temamøde i KKR Nordjylland",
        starts_at=datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 3, 1, 12, tzinfo=datetime.UTC),
    )
    meeting.co_organisers.add(own)
    client.force_login(secretary("KKR Midtjylland"))
    url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="co_organisers"' not in page

    inlines = set(re.findall(r'name="([\w-]+)-TOTAL_FORMS"', page))
    empty = {f"{p}-{n}": "0" for p in inlines for n in ("TOTAL_FORMS", "INITIAL_FORMS")}
    forged = meeting_post(title="Nyt navn", co_organisers=[str(third.pk)]) | empty
    response = client.post(url, forged)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting.refresh_from_db()
    assert meeting.title == "Nyt navn"  # the rest of the form was saved
    assert list(meeting.co_organisers.all()) == [own]


def test_a_nul_byte_in_the_search_query_gives_a_normal_page(client):
    response = client.get("/dagsordener/soeg/", {"q": "udvalg\x00"})
    assert response.status_code == 200
    assert "udvalg" in response.content.decode()
