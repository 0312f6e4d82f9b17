"""A member of a committee or KKR logs in (not staff) and reads the closed items of its
organiser's agendas on the members' page and in the full PDF; a member of another KKR is
refused; the public channels stay public for members too; members never reach the admin.
The login and members' pages are valid HTML and pass axe-core."""

import pytest
from django.core.files.base import ContentFile

from agendas.models import Attachment, Item
from agendas.services.publishing import publish_agenda
from meetings.models import Organiser
from tests.a11y_helpers import axe_violations, html_errors

from .access_helpers import (
    CLOSED_SECTION,
    CLOSED_SECTION_OF_OPEN_ITEM,
    CLOSED_TITLE,
    CLOSED_WORDS,
    OPEN_TITLE,
    PASSWORD,
    agenda_with_closed_item,
    assert_no_closed_content,
    fast_password_hashing,  # noqa: F401 - an autouse fixture
    make_user,
    member,
    members_edition,
    public_channels,
)

pytestmark = pytest.mark.django_db


def log_in(client, username):
    """Through the password login, as a member with a password would (and through
    django-axes); politicians sign in by an e-mail link (tests/mypages/)."""
    response = client.post(
        "/log-ind/adgangskode/",
        {"username": username, "password": PASSWORD, "next": "/dagsordener/medlemmer/"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"] == "/dagsordener/medlemmer/"


def test_a_member_logs_in_and_reads_the_closed_items_on_the_page_and_in_the_pdf(client):
    agenda = agenda_with_closed_item()
    member()
    log_in(client, "medlem")
    listing = client.get("/dagsordener/medlemmer/").content.decode()
    assert f'href="/dagsordener/{agenda.pk}/medlemmer/"' in listing
    page, pdf = members_edition(client, agenda)
    for text in (page, pdf):
        for secret in (CLOSED_TITLE, CLOSED_SECTION, CLOSED_WORDS, CLOSED_SECTION_OF_OPEN_ITEM):
            assert secret in text
        assert OPEN_TITLE in text
    assert "(lukket)" in page and "(lukket)" in pdf
    assert "Lukkede punkter er fortrolige" in page


def test_the_members_edition_is_kept_out_of_caches_and_search_engines(client):
    agenda = agenda_with_closed_item()
    client.force_login(member())
    page = client.get(f"/dagsordener/{agenda.pk}/medlemmer/")
    assert page["Cache-Control"] == "private, no-store"
    assert '<meta name="robots" content="noindex, nofollow">' in page.content.decode()
    pdf = client.get(f"/dagsordener/{agenda.pk}/dagsorden-fuld.pdf")
    assert pdf["Cache-Control"] == "private, no-store"


def test_a_member_of_another_kkr_is_refused_the_closed_items(client):
    agenda = agenda_with_closed_item("KKR Midtjylland")
    client.force_login(member("KKR Hovedstaden"))
    refused = client.get(f"/dagsordener/{agenda.pk}/medlemmer/")
    assert refused.status_code == 403
    assert "Du har ikke adgang til lukkede punkter for dette møde." in refused.content.decode()
    assert client.get(f"/dagsordener/{agenda.pk}/dagsorden-fuld.pdf").status_code == 403
    listing = client.get("/dagsordener/medlemmer/").content.decode()
    assert f"/dagsordener/{agenda.pk}/medlemmer/" not in listing
    assert "Der er ingen offentliggjorte dagsordener" in listing


def test_a_member_of_a_co_organiser_reads_the_closed_items_too(client):
    agenda = agenda_with_closed_item("KKR Midtjylland")
    agenda.meeting.co_organisers.add(Organiser.objects.get(name="KKR Nordjylland"))
    client.force_login(member("KKR Nordjylland"))
    page, _ = members_edition(client, agenda)
    assert CLOSED_TITLE in page


def test_a_logged_in_member_still_gets_only_public_content_from_the_public_channels(client):
    agenda = agenda_with_closed_item()
    client.force_login(member())
    assert_no_closed_content(public_channels(client, agenda))


def test_a_member_never_reaches_the_admin(client):
    agenda = agenda_with_closed_item()
    client.force_login(member())
    for path in ("/admin/", f"/admin/agendas/agenda/{agenda.pk}/pdf/fuld/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_a_deactivated_member_reads_nothing(client):
    agenda = agenda_with_closed_item()
    user = member()
    client.force_login(user)
    user.is_active = False
    user.save()
    # Django logs an inactive user out on the next request: back to the login
    response = client.get(f"/dagsordener/{agenda.pk}/medlemmer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/")


def test_a_user_without_membership_is_refused(client):
    agenda = agenda_with_closed_item()
    client.force_login(make_user("borger"))
    assert client.get(f"/dagsordener/{agenda.pk}/medlemmer/").status_code == 403


def test_the_members_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    agenda = agenda_with_closed_item()
    client.force_login(member())
    # +2 for what was ever closed (marked "(lukket)", tests/test_security_closed_items.py)
    with django_assert_max_num_queries(8):
        assert client.get(f"/dagsordener/{agenda.pk}/medlemmer/").status_code == 200


def test_the_login_the_members_pages_and_the_refusals_are_valid_html(client):
    agenda = agenda_with_closed_item()
    pages = {
        "log ind": client.get("/log-ind/").content.decode(),
        "log ind med adgangskode": client.get("/log-ind/adgangskode/").content.decode(),
    }
    make_user("spaerret")
    for _ in range(5):
        locked = client.post(
            "/log-ind/adgangskode/", {"username": "spaerret", "password": "forkert"}
        )
    assert locked.status_code == 429
    pages["spærret"] = locked.content.decode()
    client.force_login(member("KKR Hovedstaden", username="andet-medlem"))
    pages["ingen adgang"] = client.get(f"/dagsordener/{agenda.pk}/medlemmer/").content.decode()
    client.force_login(member())
    pages["medlemmernes liste"] = client.get("/dagsordener/medlemmer/").content.decode()
    pages["medlemsudgave"] = client.get(f"/dagsordener/{agenda.pk}/medlemmer/").content.decode()
    assert html_errors(pages) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_a_member_logs_in_and_the_pages_pass_axe(live_server, page):
    agenda = agenda_with_closed_item()
    member()
    page.goto(f"{live_server.url}/dagsordener/{agenda.pk}/medlemmer/")
    assert "/log-ind/" in page.url
    assert axe_violations(page) == []
    page.get_by_role("link", name="Log ind med adgangskode").click()
    assert axe_violations(page) == []
    page.fill("#id_username", "medlem")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/dagsordener/{agenda.pk}/medlemmer/")
    assert CLOSED_TITLE in page.content()
    assert axe_violations(page) == []


def test_a_member_downloads_the_bilag_of_a_closed_item_and_nobody_else_does(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    agenda = agenda_with_closed_item()
    slides = Attachment(item=Item.objects.get(agenda=agenda, title=CLOSED_TITLE), title="Oplæg")
    slides.file.save("oplaeg.pdf", ContentFile(b"%PDF-1.4 fortroligt oplaeg"))
    publish_agenda(agenda)
    members_path = f"/dagsordener/bilag/{slides.pk}/medlemmer/"
    assert client.get(f"/dagsordener/bilag/{slides.pk}/").status_code == 404
    assert client.get(members_path)["Location"].startswith("/log-ind/")
    client.force_login(member("KKR Hovedstaden", username="andet-medlem"))
    assert client.get(members_path).status_code == 403
    client.force_login(member())
    assert members_path in client.get(f"/dagsordener/{agenda.pk}/medlemmer/").content.decode()
    response = client.get(members_path)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 fortroligt oplaeg"
    assert response["Cache-Control"] == "private, no-store"
    late = Attachment(item=slides.item, title="Efter offentliggørelsen")
    late.file.save("sent.pdf", ContentFile(b"%PDF-1.4 sent"))
    assert client.get(f"/dagsordener/bilag/{late.pk}/medlemmer/").status_code == 404
