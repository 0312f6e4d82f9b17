"""Shared by the agenda tests: the KKR Midtjylland meeting of seed 003 and its imported agenda."""

from datetime import datetime, timedelta
from pathlib import Path

from django.utils import timezone

from agendas.services.text_import import import_agenda_text
from meetings.models import Meeting, Organiser

SEED = (
    Path(__file__).resolve().parent.parent / "agendas" / "data" / "kkr_midtjylland_2021-08-30.txt"
)


def make_meeting(day=datetime(2021, 8, 30, 10, 0), organiser="KKR Midtjylland"):
    starts_at = timezone.make_aware(day)
    return Meeting.objects.create(
        organiser=Organiser.objects.get(name=organiser),
        kind=Meeting.Kind.KKR,
        title=f"Møde i {organiser}",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        venue_name="Scandic",
        address="Udgårdsvej 2, 8600 Silkeborg",
    )


def import_seed(meeting=None):
    meeting = meeting or make_meeting()
    return import_agenda_text(SEED.read_text(encoding="utf-8"), meeting)


def pdf_pages(pdf_bytes):
    """The text of each page, in reading order (poppler's pdftotext)."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf_bytes)
        file.flush()
        text = subprocess.run(
            ["pdftotext", "-layout", file.name, "-"], capture_output=True, check=True, text=True
        ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
