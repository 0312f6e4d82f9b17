"""Demo data of the agendas app: KKR Midtjylland's meeting of 30-08-2021 with the whole agenda
of seed 003 (imported from its text), and the standard items of every KKR."""

from datetime import datetime, timedelta
from pathlib import Path

from django.utils import timezone

from klmeetings import demo
from meetings.models import Meeting, Organiser

from .models import Agenda, StandardItem
from .services.publishing import publish_agenda
from .services.text_import import import_agenda_text

SEED = Path(__file__).resolve().parent / "data" / "kkr_midtjylland_2021-08-30.txt"

STANDARD_ITEMS = [
    (
        "Godkendelse af referat",
        "Godkendelse af referat fra sidste møde",
        "Det indstilles, at referatet godkendes.",
    ),
    ("Siden sidst", "Orientering", "Det indstilles, at orienteringen tages til efterretning."),
    (
        "Punkter til næste møde",
        "Foreløbig oversigt over punkter til næste møde",
        "Det indstilles, at den foreløbige sagsoversigt godkendes.",
    ),
    ("Eventuelt", "Eventuelt", ""),
]


@demo.loader
def load():
    organiser = Organiser.objects.get(name="KKR Midtjylland")
    starts_at = timezone.make_aware(datetime(2021, 8, 30, 10, 0))
    meeting, _ = Meeting.objects.get_or_create(
        organiser=organiser,
        starts_at=starts_at,
        defaults={
            "kind": Meeting.Kind.KKR,
            "status": Meeting.Status.PUBLISHED,
            "title": "Møde i KKR Midtjylland",
            "ends_at": starts_at + timedelta(hours=3),
            "venue_name": "Scandic",
            "address": "Udgårdsvej 2, 8600 Silkeborg",
            "case_number": "SAG-2021-03487",
        },
    )
    standard = 0
    for kkr in Organiser.objects.filter(kind=Organiser.Kind.KKR):
        for position, (heading, title, recommendation) in enumerate(STANDARD_ITEMS):
            _, created = StandardItem.objects.get_or_create(
                organiser=kkr,
                heading=heading,
                title=title,
                defaults={"position": position, "recommendation": recommendation},
            )
            standard += created
    agenda = Agenda.objects.filter(meeting=meeting).first()
    if agenda is not None and agenda.items.exists():
        return f"dagsordenen fandtes; {standard} standardpunkter oprettet"
    result = import_agenda_text(SEED.read_text(encoding="utf-8"), meeting)
    publish_agenda(result.agenda)
    return (
        f"dagsorden for {meeting} med {result.items} punkter, offentliggjort; "
        f"{standard} standardpunkter oprettet"
    )
