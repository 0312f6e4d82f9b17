"""A politician finds the coming meetings, filters them by organiser or by their KKR, reads a
meeting with its programme, and puts a meeting (or all of an organiser's) in their calendar."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from meetings.models import Meeting, Municipality, Organiser
from tests import factories

pytestmark = pytest.mark.django_db


def coming_meeting(title, organiser, days=30, municipalities=()):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    meeting = Meeting.objects.create(
        organiser=Organiser.objects.get(name=organiser),
        kind=Meeting.Kind.POLITICAL,
        status=Meeting.Status.PUBLISHED,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        venue_name="Rådhuset",
        address="Torvet 1, 8800 Viborg",
    )
    meeting.invited_municipalities.set(Municipality.objects.filter(name__in=municipalities))
    return meeting


@pytest.fixture
def coming():
    return {
        "health": coming_meeting(
            "Sundhedsmøde i Viborg", "KL's Sundheds- og Ældreudvalg", 20, ["Viborg", "Skive"]
        ),
        "kkr": coming_meeting("KKR-møde i Hovedstaden", "KKR Hovedstaden", 10),
        "social": coming_meeting("Socialdebat i Odense", "KL's Socialudvalg", 40, ["Odense"]),
    }


def titles(response):
    return [meeting.title for meeting in response.context["meetings"]]


def test_the_front_page_lists_only_coming_meetings_soonest_first(client, coming):
    factories.meeting(seed="000")  # 2020: past
    response = client.get("/")
    assert titles(response) == [
        "KKR-møde i Hovedstaden",
        "Sundhedsmøde i Viborg",
        "Socialdebat i Odense",
    ]
    assert "Politisk møde med KL" not in response.content.decode()


def test_filter_by_organiser_includes_meetings_it_co_organises(client, coming):
    social = Organiser.objects.get(name="KL's Socialudvalg")
    coming["health"].co_organisers.add(social)
    response = client.get("/", {"arrangoer": social.slug})
    assert titles(response) == ["Sundhedsmøde i Viborg", "Socialdebat i Odense"]
    assert f"/arrangoerer/{social.slug}/kalender.ics" in response.content.decode()


def test_filter_by_kkr_shows_its_meetings_and_those_for_its_municipalities(client, coming):
    midt = Organiser.objects.get(name="KKR Midtjylland")
    hovedstaden = Organiser.objects.get(name="KKR Hovedstaden")
    assert titles(client.get("/", {"kkr": midt.slug})) == ["Sundhedsmøde i Viborg"]
    assert titles(client.get("/", {"kkr": hovedstaden.slug})) == ["KKR-møde i Hovedstaden"]


def test_an_unknown_filter_is_explained_in_danish_not_a_500(client, coming):
    response = client.get("/", {"arrangoer": "findes-ikke", "kkr": "kl-socialudvalg"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Der findes ingen arrangør ved navn &#x27;findes-ikke&#x27;." in html
    assert "Der findes ingen KKR ved navn &#x27;kl-socialudvalg&#x27;." in html
    assert len(titles(response)) == 3


def test_the_list_takes_the_same_queries_for_many_meetings(
    client, coming, django_assert_num_queries
):
    with django_assert_num_queries(2):
        client.get("/", {"kkr": "kkr-midtjylland"})
    for number in range(5):
        coming_meeting(f"Ekstra {number}", "KKR Midtjylland", 50 + number)
    with django_assert_num_queries(2):
        response = client.get("/", {"kkr": "kkr-midtjylland"})
    assert len(titles(response)) == 6


def test_the_meeting_page_shows_the_programme_day_by_day_with_its_sessions(
    client, django_assert_max_num_queries
):
    meeting = factories.meeting(seed="002")
    with django_assert_max_num_queries(11):
        response = client.get(meeting.get_absolute_url())
    html = response.content.decode()
    order = [
        "Social- og Sundhedspolitisk Forum 2022",
        "Konferencens ordstyrer: Lene Johansen, journalist",
        "Tirsdag den 24. maj 2022",
        "10.00",
        "Velkomst og åbning af konferencen",
        "Tema: Hvad er de politiske udfordringer og temaer i denne valgperiode?",
        "Villy Søvndal (F), formand Social- og Arbejdsmarkedsudvalget, Kolding Kommune",
        "Aftenarrangement – middag og underholdning",
        "Onsdag den 25. maj 2022",
        "Konferencen slutter – Take-away-frokost ved udgangen",
        "Sessioner tirsdag den 24. maj 2022, kl. 13.30-14.30",
        "7. ’Åben dialog’ rykker ved rollerne",
        "Jacob Storck, direktør i Crecea",
    ]
    position = 0
    for item in order:
        position = html.index(item, position)


def test_the_meeting_page_shows_the_letter_and_how_to_register(client):
    meeting = factories.meeting(seed="000")
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Rekruttering og kompetencer på sundheds- og ældreområdet" in html
    # The meeting was held in 2020: no tilmeld link any more (issue 16; an open one is in
    # tests/meetings/test_politician_meeting_page.py).
    assert 'href="/tilmeld/politiskmoede2020/"' not in html
    assert "Tilmeldingen er lukket" in html
    assert "Senest den 10. august 2020 kl. 23.59" in html
    email_meeting = factories.meeting(seed="001")
    html = client.get(email_meeting.get_absolute_url()).content.decode()
    assert 'href="mailto:afp@kl.dk"' in html
    assert "Opsamling og videre proces" in html
    assert "Fokus på det nære sundhedsvæsen" in html


def test_a_missing_meeting_is_a_404(client):
    assert client.get("/moeder/999999/").status_code == 404


def test_a_meeting_comes_as_a_calendar_event(client, settings):
    settings.SITE_URL = "https://moeder.kl.dk"
    meeting = factories.meeting(seed="000")
    response = client.get(f"/moeder/{meeting.pk}/kalender.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == meeting.title
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtend") == meeting.ends_at
    assert str(event["location"]) == "Golf Hotel Viborg, Hans Tausens Alle 2, 8800 Viborg"
    assert str(event["url"]) == f"https://moeder.kl.dk/moeder/{meeting.pk}/"
    assert "https://moeder.kl.dk/tilmeld/politiskmoede2020/" in str(event["description"])
    assert str(event["uid"]) == f"meeting-{meeting.pk}@moeder.kl.dk"


def test_an_organiser_has_a_feed_of_all_its_meetings(client, coming, django_assert_num_queries):
    factories.meeting(seed="002")  # held by the health committee with the social committee
    social = Organiser.objects.get(name="KL's Socialudvalg")
    with django_assert_num_queries(2):
        response = client.get(f"/arrangoerer/{social.slug}/kalender.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == "KL's Socialudvalg"
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == [
        "Social- og Sundhedspolitisk Forum 2022",
        "Socialdebat i Odense",
    ]
    assert client.get("/arrangoerer/findes-ikke/kalender.ics").status_code == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_a_politician_picks_their_kkr_and_opens_the_meeting(live_server, page):
    from playwright.sync_api import expect

    coming_meeting("Sundhedsmøde i Viborg", "KL's Sundheds- og Ældreudvalg", 20, ["Viborg"])
    coming_meeting("KKR-møde i Hovedstaden", "KKR Hovedstaden", 10)
    page.goto(live_server.url + "/")
    page.get_by_label("KKR").select_option(label="KKR Midtjylland")
    page.get_by_role("button", name="Vis møder").click()
    expect(page.get_by_role("link", name="KKR-møde i Hovedstaden")).to_have_count(0)
    page.get_by_role("link", name="Sundhedsmøde i Viborg").click()
    expect(page.get_by_role("heading", name="Sundhedsmøde i Viborg")).to_be_visible()
    expect(page.get_by_role("link", name="Føj mødet til din kalender (.ics)")).to_be_visible()


def test_the_demo_data_holds_the_four_seeds_and_loading_it_twice_changes_nothing():
    from meetings import demo
    from meetings.models import LetterSection, ProgrammeSlot, Signatory, Speaker

    demo.load()
    counts = [
        model.objects.count()
        for model in (Meeting, LetterSection, Signatory, ProgrammeSlot, Speaker)
    ]
    summary = demo.load()
    assert "0 møder oprettet" in summary
    assert counts == [
        model.objects.count()
        for model in (Meeting, LetterSection, Signatory, ProgrammeSlot, Speaker)
    ]
    assert counts[0] == 4
    assert set(Meeting.objects.values_list("registration_slug", flat=True)) == {
        "politiskmoede2020",
        "socialdebat-midt",
        None,
    }
    assert Signatory.objects.filter(person__name="Ninna Thomsen").count() == 1
    # Seeds keep their own dates, in the past.
    assert not Meeting.objects.upcoming().exists()


def test_a_sags_id_in_the_wrong_form_is_refused_in_danish():
    from django.core.exceptions import ValidationError

    meeting = factories.meeting(seed="000")
    meeting.case_number = "SAG-20-3286"
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert error.value.message_dict["case_number"] == [
        "Sags ID skal have formen SAG-ÅÅÅÅ-NNNNN, fx SAG-2021-03487."
    ]


def test_a_meeting_with_neither_letter_nor_programme_still_has_its_page(client, coming):
    html = client.get(coming["kkr"].get_absolute_url()).content.decode()
    assert "KKR-møde i Hovedstaden" in html
    assert "Rådhuset, Torvet 1, 8800 Viborg" in html
    assert "Program" not in html.split("</header>")[1]
