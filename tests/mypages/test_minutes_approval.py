"""Approving the referat (issue 27, point 4): the secretariat sends it "til godkendelse" to
the members (e-mails through the outbox), each approves or comments from Mine møder, the
secretariat sees who has approved and when, and then marks it approved, which publishes it."""

import pytest
from django.core.cache import cache

from agendas.models import Item, Section
from outbox.models import Message
from tests.agendas.access_helpers import (
    CLOSED_TITLE,
    agenda_with_closed_item,
    fast_password_hashing,  # noqa: F401 - an autouse fixture
    make_user,
    member,
    secretary,
)

from .helpers import EMAIL, politician, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_limits_used():
    cache.clear()


def decided(agenda):
    """Every item without sub-items gets a Beslutning."""
    for item in Item.objects.filter(agenda=agenda, children__isnull=True):
        Section.objects.create(item=item, kind=Section.Kind.DECISION, body="<p>Godkendt.</p>")
    return agenda


def send(client, agenda):
    return client.post(
        f"/admin/agendas/agenda/{agenda.pk}/referat-til-godkendelse/",
        {"next": f"/admin/agendas/agenda/{agenda.pk}/change/"},
        follow=True,
    )


def test_members_approve_or_comment_and_the_secretariat_sees_who_and_approves(client):
    agenda = decided(agenda_with_closed_item())
    politician(member_of="KKR Midtjylland")
    other = member(username="bo")
    other.first_name, other.last_name = "Bo", "Jensen"
    other.save()
    office = secretary()
    client.force_login(office)
    page = send(client, agenda).content.decode()
    assert "Referatet er sendt til godkendelse hos 2 medlemmer." in page
    emails = {m.to: m for m in Message.objects.filter(key__startswith="minutes-review:")}
    assert set(emails) == {EMAIL, "bo@example.dk"}  # not the secretariat
    link = f"/dagsordener/{agenda.pk}/referat/godkend/"
    assert link in emails[EMAIL].body_text
    # Anne signs in, finds it on Mine møder, reads it (closed items too) and approves
    client.logout()
    sign_in(client)
    assert link in client.get("/mine-moeder/").content.decode()
    review = client.get(link).content.decode()
    assert "Referat til godkendelse" in review and CLOSED_TITLE in review
    response = client.post(link, {"answer": "approve", "comment": ""}, follow=True)
    assert "Du har godkendt referatet." in response.content.decode()
    # Bo only comments
    client.force_login(other)
    response = client.post(link, {"answer": "comment", "comment": "Punkt 3 mangler Ulla."})
    assert response.status_code == 302
    # the secretariat sees who has approved and when
    client.force_login(office)
    page = client.get(f"/admin/agendas/agenda/{agenda.pk}/change/").content.decode()
    assert "Anne Hansen (godkendt " in page
    assert "Bo Jensen (ikke godkendt): Punkt 3 mangler Ulla." in page
    workspace = client.get(f"/admin/meetings/meeting/{agenda.meeting.pk}/side/")
    assert "1 af 2 medlemmer har godkendt" in workspace.content.decode()
    response = client.post(
        f"/admin/agendas/agenda/{agenda.pk}/godkend-referat/", follow=True
    ).content.decode()
    assert "Referatet er godkendt." in response
    assert client.get(f"/dagsordener/{agenda.pk}/referat.pdf").status_code == 200
    # approved: no more answers
    client.force_login(other)
    assert client.get(link).status_code == 404


def test_sending_again_asks_for_new_approvals_and_keeps_comments(client):
    agenda = decided(agenda_with_closed_item())
    anne = member(username="anne")
    client.force_login(secretary())
    send(client, agenda)
    client.force_login(anne)
    link = f"/dagsordener/{agenda.pk}/referat/godkend/"
    client.post(link, {"answer": "approve", "comment": "Fint."})
    client.force_login(secretary(username="sekretaer2"))
    send(client, agenda)
    assert Message.objects.filter(to="anne@example.dk").count() == 2
    page = client.get(f"/admin/agendas/agenda/{agenda.pk}/change/").content.decode()
    assert "anne (ikke godkendt): Fint." in page


def test_only_the_members_answer_and_only_while_it_awaits_approval(client):
    agenda = decided(agenda_with_closed_item())
    link = f"/dagsordener/{agenda.pk}/referat/godkend/"
    client.force_login(member(username="anne"))
    assert client.get(link).status_code == 404  # not sent yet
    client.force_login(secretary())
    send(client, agenda)
    assert client.get(link).status_code == 403  # the secretariat does not approve here
    client.force_login(make_user("borger"))
    assert client.get(link).status_code == 403
    client.force_login(member("KKR Hovedstaden", username="andet-medlem"))
    assert client.post(link, {"answer": "approve"}).status_code == 403
    client.logout()
    assert client.get(link)["Location"].startswith("/log-ind/")


def test_an_empty_comment_gets_a_danish_message(client):
    agenda = decided(agenda_with_closed_item())
    client.force_login(secretary())
    send(client, agenda)
    client.force_login(member(username="anne"))
    link = f"/dagsordener/{agenda.pk}/referat/godkend/"
    response = client.post(link, {"answer": "comment", "comment": "  "})
    assert "Skriv en bemærkning, eller godkend referatet." in response.content.decode()
    response = client.post(link, {"answer": "comment", "comment": "x" * 5001})
    assert "Bemærkningen må højst være 5000 tegn." in response.content.decode()
    assert "x" * 5001 in response.content.decode()


def test_a_referat_without_every_decision_is_not_sent(client):
    agenda = agenda_with_closed_item()
    member(username="anne")
    client.force_login(secretary())
    page = send(client, agenda).content.decode()
    assert "Referatet er ikke sendt: Disse punkter mangler en beslutning" in page
    assert not Message.objects.exists()
