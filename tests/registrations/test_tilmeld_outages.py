"""Registration goes on while Redis is away: the rate limit, the page cache and the e-mail's
wake-up degrade instead of failing the politician's request, and the e-mail waits in the
outbox for the sweep. Through the views, against a redis-server of the test's own that is
stopped for real."""

import pytest

from outbox.models import Message
from registrations.models import Registration
from tests import factories

pytestmark = pytest.mark.django_db


def test_registrations_and_public_pages_go_on_while_redis_is_down(client, redis_to_stop):
    meeting = factories.meeting()
    assert client.get("/tilmeld/sundhedsforum/").status_code == 200
    first = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form(email="a@x.dk"))
    assert first.status_code == 302

    redis_to_stop.stop()
    for number in range(3):
        response = client.post(
            "/tilmeld/sundhedsforum/", factories.tilmeld_form(email=f"p{number}@x.dk")
        )
        assert response.status_code == 302
        assert response["Location"] == "/tilmeld/sundhedsforum/tak/"
        receipt = client.get(response["Location"])
        assert f"Vi har sendt en bekræftelse til p{number}@x.dk" in receipt.content.decode()

    assert Registration.objects.filter(meeting=meeting).count() == 4
    # The confirmations wait in the outbox for the sweep.
    assert Message.objects.filter(to__in=[f"p{n}@x.dk" for n in range(3)]).count() == 3
    page = client.get("/tilmeld/sundhedsforum/")
    assert page.status_code == 200
    assert "Tilmeld" in page.content.decode()
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200


def test_the_limit_counts_again_when_redis_is_back(client, redis_to_stop, settings):
    from registrations import views

    factories.meeting()
    redis_to_stop.stop()
    redis_to_stop.start()
    for number in range(views.RATE_LIMIT):
        client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form(email=f"p{number}@x.dk"))
    response = client.post("/tilmeld/sundhedsforum/", factories.tilmeld_form(email="x@x.dk"))
    assert response.status_code == 429
