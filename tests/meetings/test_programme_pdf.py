"""The conference of seed 002 comes out as its programme: day by day, every time in the
seed's order with its title, the themes, every speaker, the moderator, the breaks, the evening
event, and the seven parallel sessions described after the programme."""

import io
import re

import pypdf
import pytest

from meetings import services
from meetings.models import ProgrammeSlot
from tests import factories
from tests.support import assert_in_order, assert_page_numbers, pdf_pages, seed_text

pytestmark = pytest.mark.django_db

# Evident slips of the seed that the demo data corrects (see meetings/demo_seeds.py).
CORRECTED_TIMES = {"16.55": "15.55"}

PROGRAMME_SPEAKERS = [
    "Lene Johansen, journalist",
    "Signe Hald Andersen, forskningsprofessor og souschef, Rockwool-fonden",
    "Helene Bilsted Probst, vicedirektør, Sundhedsstyrelsen",
    "Jakob Kjellberg, professor, VIVE",
    "Ulrik Kjær, professor i statskundskab, Syddansk Universitet",
    "Villy Søvndal (F), formand Social- og Arbejdsmarkedsudvalget, Kolding Kommune",
    "Christian Budde (V), rådmand for sundhed og omsorg, Aarhus Kommune",
    "Maja Højgaard (A), formand for Social- og Sundhedsudvalget",
    "Stefan Lydal (O), formand for Social-, Senior- og Handicapudvalget, Sønderborg Kommune",
    "Jakob Kjellberg, professor, VIVE",
    "Karen Andersen-Ranberg",
    "Lisbeth Knudsen, strategidirektør, Altinget og Mandag Morgen",
    "Søren Barlebo Rasmussen",
    "Claus Bjørn Billehøj",
    "Mads Duedahl, formand for Region Nordjylland",
    "Birgit Hansen, borgmester, Frederikshavn Kommune",
    "Jan Hartvigsen, professor og forskningsleder, Institut for Idræt og Biomekanik, Syddansk "
    "Universitet",
    "Trine Uhrskov, psykolog, medejer af SOPRA",
    "Morten Mandøe, direktør i KL",
    "Erik Kaastrup Hansen, direktør Sociale Forhold og Beskæftigelse, Aarhus Kommune",
    "Nicklas Brendborg, MSc i Bioteknologi ved Københavns Universitet",
]

SESSIONS_IN_ORDER = [
    "Sessioner tirsdag den 24. maj 2022, kl. 13.30-14.30",
    "1. Fælles data er en del af svaret på kommunernes største udfordringer",
    "Intelligent brug af data",
    "2. Hvordan kan ny viden om borgenes sundhed bruges til at sætte strategisk fokus på "
    "folkesundheden i din kommune?",
    "To kommuner giver desuden deres bud",
    "3. Dør borgerne godt i din kommune?",
    "På sessionen kan du møde:",
    "Ove Gaardboe, overlæge, Dansk Selskab for Patientsikkerhed",
    "Peter Gaardbo Simonsen, Praktiserende læge og klinikleder for Lægeklinikken Frederikshavn",
    "Jytte Egetoft Thøgersen, centerchef, Sundhed og Pleje, Frederikshavn Kommune",
    "4. Livskvalitet og handicap: hvad taler vi egentligt om og hvordan understøtter vi den?",
    "Sessionen arrangeres i samarbejde med Videncenter om Handicap",
    "5. 10-års plan for psykiatrien – vil den flyve eller falde?",
    "Helene Probst, vicedirektør, Sundhedsstyrelsen",
    "Kirsten Bundgaard, chef for Handicap og Psykiatri, Herning Kommune",
    "Hallur Thorsteinsson, centerchef, Psykiatrisk Center Amager, Region Hovedstadens Psykiatri",
    "6. Sex, drugs and rock’n’roll",
    "Maria Koch Aabel, programleder for ”Fælles om ungelivet”, Sundhedsstyrelsen",
    "Mads Uffe Pedersen, professor, Center for Rusmiddelforskning",
    "Søren Holm, Aarhus Kommune",
    "7. ’Åben dialog’ rykker ved rollerne og samspillet mellem brugere og fagprofessionelle",
    "Maja Schou, Peer medarbejder, Job, Udsatte og Socialpsykiatri, Aarhus Kommune",
    "Mie Leer, Udviklingskonsulent, Job, Udsatte og Socialpsykiatri, Aarhus Kommune",
    "Jacob Storck, direktør i Crecea",
]


def timed_lines_of_the_seed():
    """Every '10.20 Tema: …' line of the seed's programme, as (time, title), in its order."""
    programme = seed_text("002").split("Sessioner tirsdag den")[0]
    lines = []
    for match in re.finditer(r"^\s*(\d{1,2})\.(\d{2})\.?\s+(\S.*?)\s*$", programme, re.M):
        time = f"{int(match[1]):02d}.{match[2]}"
        lines.append((CORRECTED_TIMES.get(time, time), match[3]))
    return lines


@pytest.fixture
def programme_pages():
    meeting = factories.meeting(seed="002")
    return pdf_pages(services.programme_pdf(services.meeting_for_documents(meeting.pk)))


def test_every_timed_line_of_the_seed_is_in_the_programme_in_order(programme_pages):
    lines = timed_lines_of_the_seed()
    assert len(lines) == ProgrammeSlot.objects.count() == 39
    assert lines[0] == ("10.00", "Velkomst og åbning af konferencen")
    assert lines[-1] == ("12.00", "Konferencen slutter – Take-away-frokost ved udgangen")
    expected = []
    for time, title in lines:
        expected += [time, title]
    assert_in_order("\n".join(programme_pages), expected)


def test_days_themes_breaks_and_evening_come_in_the_seeds_order(programme_pages):
    in_order = [
        "TIRSDAG DEN 24. MAJ 2022",
        "Konferencens ordstyrer: Lene Johansen, journalist",
        "Tema: Hvad er de politiske udfordringer og temaer i denne valgperiode?",
        "Panelet består foreløbigt af:",
        "Pause",
        "Besøg standene",
        "Tema: Hvordan løfter vi som kommunalpolitikere de store dagsordener",
        "Frokost",
        "Sessioner (se uddybende beskrivelse på de følgende sider)",
        "1. Fælles data er en del af svaret på kommunernes største udfordringer",
        "7. ’Åben dialog’ rykker ved rollerne og samspillet mellem brugere og fagprofessionelle",
        "Tema: Gentænkning af ældreområdet er nødvendigt, men hvordan?",
        "Tema: Hvordan fremtidssikrer vi et sundhedsvæsen under pres?",
        "Dagens program er slut",
        "Aftenarrangement – middag og underholdning",
        "ONSDAG DEN 25. MAJ 2022",
        "Morgensang",
        "Tema: Nye veje til at løfte kvalitet på socialområdet",
        "Tema: Arbejdskraftudfordringen er en bombe under velfærdsområderne",
        "Der bydes op til input fra salen og rundes af med et panel på scenen.",
    ]
    assert_in_order(seed_text("002"), ["TIRSDAG DEN 24. MAJ 2022", "ONSDAG DEN 25. MAJ 2022"])
    assert_in_order("\n".join(programme_pages), in_order)


def test_every_speaker_of_the_programme_is_named_in_order(programme_pages):
    names = [line.split(",")[0].split(" (")[0] for line in PROGRAMME_SPEAKERS]
    assert_in_order(seed_text("002"), names, where="seed 002")
    assert_in_order("\n".join(programme_pages), PROGRAMME_SPEAKERS)


def test_the_sessions_are_described_after_the_programme_with_their_speakers(programme_pages):
    text = "\n".join(programme_pages)
    assert_in_order(seed_text("002"), SESSIONS_IN_ORDER[1:], where="seed 002")
    # The descriptions start on a page of their own after the last day.
    first = next(i for i, page in enumerate(programme_pages) if "Sessioner tirsdag den" in page)
    assert "Konferencen slutter" in "\n".join(programme_pages[:first])
    assert_in_order("\n".join(programme_pages[first:]), SESSIONS_IN_ORDER)
    assert text


def test_programme_pages_are_numbered_and_carry_the_letterhead(programme_pages):
    assert_page_numbers(programme_pages)
    for page in programme_pages:
        assert_in_order(page, ["Weidekampsgade 10", "2300 København S", "www.kl.dk"])


def test_the_programme_pdf_has_bookmarks_for_days_and_themes():
    meeting = factories.meeting(seed="002")
    pdf = services.programme_pdf(services.meeting_for_documents(meeting.pk))
    reader = pypdf.PdfReader(io.BytesIO(pdf))

    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    bookmarks = list(titles(reader.outline))
    assert "TIRSDAG DEN 24. MAJ 2022" in bookmarks
    assert "Tema: Nye veje til at løfte kvalitet på socialområdet" in bookmarks
    assert reader.metadata.title == "Program: Social- og Sundhedspolitisk Forum 2022"


def test_slots_that_start_together_keep_the_secretarys_order():
    meeting = factories.meeting(seed="002")
    first_day = meeting.programme_days.first()
    at_1140 = list(first_day.slots.filter(starts_at="11:40"))
    assert [slot.kind for slot in at_1140] == [ProgrammeSlot.Kind.THEME, ProgrammeSlot.Kind.TALK]
    assert at_1140[1].theme == at_1140[0]


def test_a_secretary_is_told_in_danish_when_a_programme_does_not_fit_the_meeting():
    from django.core.exceptions import ValidationError

    from meetings.models import ProgrammeDay

    meeting = factories.meeting(seed="002")
    day = ProgrammeDay(meeting=meeting, date="2022-05-27")
    with pytest.raises(ValidationError) as error:
        day.full_clean()
    assert error.value.message_dict["date"] == ["Programdagen skal ligge inden for mødets datoer."]

    first_day, second_day = meeting.programme_days.all()
    theme_of_day_one = first_day.slots.filter(kind="theme").first()
    slot = ProgrammeSlot(day=second_day, starts_at="09:00", title="Oplæg", theme=theme_of_day_one)
    with pytest.raises(ValidationError) as error:
        slot.full_clean()
    assert error.value.message_dict["theme"] == ["Temaet skal høre til samme dag."]

    slot = ProgrammeSlot(day=second_day, starts_at="09:00", ends_at="08:30", title="Oplæg")
    with pytest.raises(ValidationError) as error:
        slot.full_clean()
    assert error.value.message_dict["ends_at"] == [
        "Sluttidspunktet skal ligge efter starttidspunktet."
    ]
