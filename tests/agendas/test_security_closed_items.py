"""Once closed, always closed (issue 14, item 4). An item published open and closed afterwards,
then moved to another meeting, deleted or opened again, stays out of every public rendering
of every published version: page, PDF, comparison, RSS and search. So does a closed section
that is deleted. The members' edition marks such an item "(lukket)"."""

import re
from datetime import datetime

import pytest

from agendas.models import Agenda, Item, Section
from agendas.services.editing import move_item
from agendas.services.publishing import publish_agenda, refresh_search_text
from meetings.models import Meeting
from tests import factories

from .access_helpers import member, members_edition, pdf_response_text, public_channels

pytestmark = pytest.mark.django_db

TITLE = "Hemmelig grundkøbsaftale"
WORDS = "Kvadratmeterprisen forhandles"
SECTION = "Borgmesterens fortrolige notat"
SECRETS = (TITLE, WORDS, SECTION)


def published_twice():
    """Seed 003's agenda with our item (open) and an open item's section (open), published,
    then published again with the item's title corrected (so the comparison shows it)."""
    agenda = factories.import_agenda().agenda
    item = Item.objects.create(agenda=agenda, title=TITLE, position=999)
    Section.objects.create(item=item, kind=Section.Kind.BACKGROUND, body=f"<p>{WORDS}.</p>")
    other = agenda.items.filter(parent__isnull=False).first()
    section = Section.objects.create(
        item=other, kind=Section.Kind.OTHER, title="Notat", body=f"<p>{SECTION}.</p>", position=99
    )
    publish_agenda(agenda)
    item.title = f"{TITLE}, rettet"
    item.save()
    publish_agenda(agenda)
    return agenda, item, section


def every_public_text(client, agenda):
    channels = public_channels(client, agenda)
    channels["comparison"] = client.get(
        f"/dagsordener/{agenda.pk}/version/2/sammenlign/"
    ).content.decode()
    channels["first version pdf"] = pdf_response_text(
        client.get(f"/dagsordener/{agenda.pk}/version/1/dagsorden.pdf")
    )
    for query in ("grundkøbsaftale", "Kvadratmeterprisen", "fortrolige notat"):
        page = client.get("/dagsordener/soeg/", {"q": query}).content.decode()
        channels[f"search {query}"] = page.replace(query, "")
    refresh_search_text(agenda)
    channels["search text"] = Agenda.objects.get(pk=agenda.pk).search_text
    return channels


def assert_none_of_it(channels):
    for name, text in channels.items():
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} came back through {name}"


def close_then(item, section, what):
    item.closed = True
    item.save()
    section.closed = True
    section.save()
    if what == "moved":
        later = factories.meeting(Meeting.Kind.KKR, day=datetime(2022, 8, 30, 10, 0))
        move_item(item, Agenda.objects.create(meeting=later))
        item.closed = False  # opened in its new agenda: the old versions do not care
        item.save()
    elif what == "deleted":
        item.delete()
    else:
        item.closed = False
        item.save()
    section.delete()


@pytest.mark.parametrize("what", ["moved", "deleted", "opened again"])
def test_a_closed_item_never_comes_back_to_the_public(client, what):
    agenda, item, section = published_twice()
    before = every_public_text(client, agenda)
    assert TITLE in before["page"] and SECTION in before["pdf"]  # the control: public at first

    close_then(item, section, what)

    assert_none_of_it(every_public_text(client, agenda))


def test_the_members_edition_marks_an_item_closed_since_publishing(client):
    agenda, item, section = published_twice()
    close_then(item, section, "moved")
    client.force_login(member())
    page, pdf = members_edition(client, agenda)
    for text in (re.sub(r"<[^>]+>", "", page), pdf):
        text = " ".join(text.split())
        assert re.search(rf"{TITLE}, rettet \(lukket\)", text), text[:200]


def test_an_item_opened_again_stays_out_of_the_next_version_too(client):
    agenda, item, section = published_twice()
    close_then(item, section, "opened again")
    item.title = f"{TITLE}, genåbnet"
    item.save()
    publish_agenda(agenda)
    text = client.get(f"/dagsordener/{agenda.pk}/version/3/").content.decode()
    assert client.get(f"/dagsordener/{agenda.pk}/version/3/").status_code == 200
    assert TITLE not in text
    assert TITLE not in Agenda.objects.get(pk=agenda.pk).search_text
