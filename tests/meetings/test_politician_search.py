"""As a politician I search once and find meetings and agendas (issue 16): the hits grouped,
each with a snippet around the first hit and the words in <mark>; the text is escaped before
it is marked, so neither a title nor a query can put HTML on the page; drafts stay hidden."""

import pytest

from agendas.models import Section
from agendas.services.publishing import publish_agenda
from meetings.models import LetterSection, Meeting
from meetings.search import mark, snippet
from tests.factories import meeting as open_meeting
from tests.factories import seed_meeting

from .politician_helpers import meeting_with_agenda

pytestmark = pytest.mark.django_db


def section_of(html, heading):
    """The part of the search page under the h2 `heading`."""
    start = html.index(f">{heading}</h2>")
    return html[start : html.find("</section>", start)]


def test_one_search_finds_a_meeting_and_an_agenda_with_the_hits_marked(client):
    meeting_with_agenda()
    open_meeting(title="Sundhedsklynger i fremtidens sundhedsvæsen")
    html = client.get("/soeg/", {"q": "sundhedsklynger"}).content.decode()
    meetings = section_of(html, "Møder")
    agendas = section_of(html, "Dagsordener")
    assert "1 møde fundet" in meetings
    assert "<mark>Sundhedsklynger</mark> i fremtidens sundhedsvæsen" in meetings
    assert "1 dagsorden fundet" in agendas
    assert "<mark>sundhedsklynger</mark>" in agendas.lower()
    assert "Møde i KKR Midtjylland" in agendas


def test_a_meeting_is_found_by_its_place_organiser_and_letter(client):
    seed_meeting("000")  # a letter about recruitment on the health and elderly area
    for query in ("Rekruttering", "Sundheds- og Ældreudvalg"):
        html = client.get("/soeg/", {"q": query}).content.decode()
        assert "1 møde fundet" in section_of(html, "Møder"), query
    html = client.get("/soeg/", {"q": "Rekruttering"}).content.decode()
    assert "<mark>Rekruttering</mark>" in section_of(html, "Møder")


def test_drafts_are_not_found(client):
    agenda = meeting_with_agenda()
    draft = open_meeting(title="Hemmelig sundhedsklynge", status=Meeting.Status.DRAFT)
    Meeting.objects.filter(pk=agenda.meeting.pk).update(status=Meeting.Status.DRAFT)
    html = client.get("/soeg/", {"q": "sundhedsklynger"}).content.decode()
    assert draft.title not in html
    assert "Ingen møder matcher" in html
    assert "Ingen offentliggjorte dagsordener matcher" in html


def test_the_old_agenda_search_address_shows_the_same_page(client):
    meeting_with_agenda()
    html = client.get("/dagsordener/soeg/", {"q": "udpegning"}).content.decode()
    assert "1 dagsorden fundet" in html and "4. Udpegninger" in html
    assert 'aria-current="page">Søg<' in html


@pytest.mark.parametrize("query", ["", "   ", "\x00", "a\x00b", "x" * 5000, "<script>", '"&amp;'])
def test_odd_queries_give_a_page(client, query):
    response = client.get("/soeg/", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_text_is_escaped_before_it_is_marked():
    assert mark("<b>Møde</b> & mødet", "møde") == (
        "&lt;b&gt;<mark>Møde</mark>&lt;/b&gt; &amp; <mark>mødet</mark>"
    )
    # a word that is also part of an entity is never marked inside it
    assert mark("Tom & Jerry", "amp") == "Tom &amp; Jerry"
    assert mark("a < b", "lt") == "a &lt; b"


def test_the_snippet_is_around_the_first_hit_with_the_words_marked():
    text = " ".join(["fyld"] * 100) + " her står udpegningerne til bestyrelsen " + "slut " * 100
    found = snippet(text, "udpegning")
    assert found.startswith("… ") and found.endswith(" …")
    assert "her står <mark>udpegningerne</mark> til bestyrelsen" in found
    assert len(found) < 260
    assert snippet("Kort tekst", "intet").startswith("Kort tekst")


def test_a_snippet_holds_the_word_searched_and_marks_it(client):
    """Issue 27: "rammeaftale" showed the snippet of an earlier item that has only "rammer",
    with nothing marked."""
    from agendas.models import Agenda, Item, Section
    from agendas.services.publishing import publish_agenda

    agenda = Agenda.objects.create(meeting=open_meeting(Meeting.Kind.KKR, days_ahead=10))
    for position, (title, text) in enumerate(
        [
            ("Økonomi", "<p>Nedskæringerne rammer kommunerne hårdt.</p>"),
            ("Det specialiserede socialområde", "<p>KKR godkender rammeaftalen for 2024.</p>"),
        ]
    ):
        item = Item.objects.create(agenda=agenda, title=title, position=position)
        Section.objects.create(item=item, kind=Section.Kind.BACKGROUND, body=text)
    publish_agenda(agenda)
    html = client.get("/soeg/", {"q": "rammeaftale"}).content.decode()
    agendas = section_of(html, "Dagsordener")
    assert "1 dagsorden fundet" in agendas
    assert "<mark>rammeaftalen</mark> for 2024" in agendas


def test_rich_text_is_searched_as_the_words_a_reader_sees(client):
    """One plain text of rich text (klmeetings.richtext.plain_text): a word split by a mark
    ("udpeg<strong>ning</strong>") is one word, two paragraphs are two words apart."""
    agenda = meeting_with_agenda()
    section = Section.objects.filter(item__agenda=agenda, item__closed=False, closed=False)[0]
    section.body = "<p>Forslag om udpeg<strong>ningsrunde</strong></p><p>Kommunalt samarbejde</p>"
    section.save()
    publish_agenda(agenda)
    html = client.get("/soeg/", {"q": "udpegningsrunde"}).content.decode()
    assert "1 dagsorden fundet" in section_of(html, "Dagsordener")

    meeting = open_meeting(title="Dialogmøde om velfærd")
    LetterSection.objects.create(
        meeting=meeting,
        position=0,
        body="<p>Mødet slutter med en middag</p><p>Transport bestilles hos sekretariatet</p>",
    )
    html = client.get("/soeg/", {"q": "Transport"}).content.decode()
    assert "middag <mark>Transport</mark> bestilles" in section_of(html, "Møder")
