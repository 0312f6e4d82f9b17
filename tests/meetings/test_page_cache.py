"""As a visitor on the day registration opens I get the meeting pages fast from the page cache,
and I never see a page older than the data, nor a page made for someone else."""

import datetime
import gzip

import pytest
from django.db import connection
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import Meeting, Organiser
from tests import factories
from tests.support import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def meeting():
    starts = timezone.now() + datetime.timedelta(days=30)
    return Meeting.objects.create(
        organiser=Organiser.objects.first(),
        kind=Meeting.Kind.POLITICAL,
        status=Meeting.Status.PUBLISHED,
        title="Politisk møde om ældreplejen",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )


def queries_of(client, path, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_repeated_visit_is_served_from_the_cache_and_a_change_shows_at_once(client, meeting):
    for path in ("/", f"/moeder/{meeting.pk}/"):
        first, _ = queries_of(client, path)
        again, queries = queries_of(client, path)
        assert again == first and "Politisk møde om ældreplejen" in again
        assert queries == 0, path

    meeting.title = "Politisk møde om ældreplejen og sundheden"
    meeting.save()

    for path in ("/", f"/moeder/{meeting.pk}/"):
        page, queries = queries_of(client, path)
        assert "Politisk møde om ældreplejen og sundheden" in page
        assert queries > 0, path


def test_a_kept_page_goes_out_with_every_header_of_a_rendered_one(client, meeting):
    shaping = ["Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "Content-Type"]
    for path in ("/", f"/moeder/{meeting.pk}/", factories.meeting().registration_path):
        rendered = client.get(path, headers={"accept-encoding": "gzip"})
        with CaptureQueriesContext(connection) as queries:
            kept = client.get(path, headers={"accept-encoding": "gzip"})
        assert kept.status_code == 200 and len(queries) == 0, path
        for header in [*shaping, "Vary", "Content-Encoding", "Cache-Control"]:
            assert kept.get(header) == rendered.get(header), (path, header)
        assert all(kept.get(header) for header in shaping), path


def test_a_page_rendered_while_a_change_commits_is_not_served_after_it(client, meeting):
    """The secretariat saves the meeting while its page is being rendered from the rows read
    before: that page is not what the next visitor gets."""
    path = f"/moeder/{meeting.pk}/"

    def change_meanwhile(**kwargs):
        template_rendered.disconnect(change_meanwhile)
        Meeting.objects.get(pk=meeting.pk).save()  # committed: a new generation
        changed = Meeting.objects.get(pk=meeting.pk)
        changed.title = "Politisk møde om ældreplejen er flyttet"
        changed.save()

    template_rendered.connect(change_meanwhile)
    try:
        during, _ = queries_of(client, path)
    finally:
        template_rendered.disconnect(change_meanwhile)
    assert "Politisk møde om ældreplejen er flyttet" not in during
    after, _ = queries_of(client, path)
    assert "Politisk møde om ældreplejen er flyttet" in after


def test_pages_are_kept_with_atomic_requests_and_a_change_shows_at_once(
    client, meeting, monkeypatch
):
    monkeypatch.setitem(connection.settings_dict, "ATOMIC_REQUESTS", True)
    path = f"/moeder/{meeting.pk}/"
    first, _ = queries_of(client, path)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(path).content.decode()
    assert again == first
    assert [query["sql"] for query in queries] == ["BEGIN", "COMMIT"]  # the request's own
    meeting.title = "Politisk møde om ældreplejen og sundheden"
    meeting.save()
    assert "Politisk møde om ældreplejen og sundheden" in queries_of(client, path)[0]


def test_a_query_string_is_its_own_page(client, meeting):
    everything, _ = queries_of(client, "/")
    filtered, _ = queries_of(client, "/?arrangoer=findes-ikke")
    assert "Der findes ingen arrangør ved navn" in filtered
    assert "findes-ikke" not in everything


def test_a_visitor_with_a_cookie_gets_a_page_rendered_for_them(client, meeting):
    queries_of(client, "/")
    client.cookies["sessionid"] = "nogen"
    _, queries = queries_of(client, "/")
    assert queries > 0


def test_a_csrf_cookie_alone_still_gets_the_shared_page(client, meeting):
    shared, _ = queries_of(client, "/")
    client.cookies["csrftoken"] = "x" * 32
    page, queries = queries_of(client, "/")
    assert page == shared and queries == 0


def vary_of(response):
    return {header.strip().lower() for header in response.get("Vary", "").split(",")}


def test_a_visitor_who_accepts_gzip_gets_the_same_page_compressed(client, meeting):
    for path in ("/", f"/moeder/{meeting.pk}/"):
        # the first visit renders and stores the page, the second is served from the cache
        for visit in ("first", "again"):
            zipped = client.get(path, headers={"accept-encoding": "gzip, deflate, br"})
            plain = client.get(path)
            assert zipped["Content-Encoding"] == "gzip", (path, visit)
            assert gzip.decompress(zipped.content) == plain.content, (path, visit)
            assert len(zipped.content) < len(plain.content) / 2
            for response in (zipped, plain):
                assert "accept-encoding" in vary_of(response), (path, visit)
                assert response["Content-Length"] == str(len(response.content))
                assert "ETag" not in response


def test_a_visitor_who_does_not_accept_gzip_gets_plain_html(client, meeting):
    path = f"/moeder/{meeting.pk}/"
    client.get(path, headers={"accept-encoding": "gzip"})
    for headers in ({"accept-encoding": "identity"}, {}):
        response = client.get(path, headers=headers)
        assert "Content-Encoding" not in response
        assert "Politisk møde om ældreplejen" in response.content.decode()
        assert "accept-encoding" in vary_of(response)


def test_a_visitor_with_a_cookie_who_accepts_gzip_gets_a_page_rendered_for_them(client, meeting):
    client.get("/", headers={"accept-encoding": "gzip"})
    client.cookies["sessionid"] = "nogen"
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/", headers={"accept-encoding": "gzip"})
    assert len(queries) > 0
    assert "Content-Encoding" not in response
    assert "Politisk møde om ældreplejen" in response.content.decode()


def test_the_tilmeld_button_goes_when_registration_closes_though_the_page_was_kept(client):
    """The meeting page is kept only until its registration closes, not PAGE_CACHE_SECONDS."""
    deadline = timezone.now() + datetime.timedelta(seconds=2)
    meeting = factories.meeting(registration_deadline=deadline)
    page = f"/moeder/{meeting.pk}/"
    assert "Tilmeld dig</a>" in client.get(page).content.decode()
    assert queries_of(client, page)[1] == 0  # kept

    assert wait_for(lambda: "Tilmeld dig</a>" not in client.get(page).content.decode(), 10)
    html = client.get(page).content.decode()
    assert "Tilmeldingen er lukket" in html
