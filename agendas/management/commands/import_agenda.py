"""manage.py import_agenda FILE: a draft agenda from plain text in the shape of seed 003."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from meetings.models import Meeting

from ...services.text_import import import_agenda_text


class Command(BaseCommand):
    help = (
        "Indlæser en dagsorden fra en tekstfil som kladde og fortæller, hvad der ikke kunne "
        "placeres."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--meeting", type=int, help="Mødets id (ellers findes mødet ud fra arrangør og dato)."
        )

    def handle(self, *args, **options):
        try:
            text = options["file"].read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Filen kan ikke læses som UTF-8-tekst: {error}") from error
        meeting = None
        if options["meeting"]:
            meeting = Meeting.objects.filter(pk=options["meeting"]).first()
            if meeting is None:
                raise CommandError(f"Intet møde med id {options['meeting']}.")
        try:
            result = import_agenda_text(text, meeting)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{result.items} punkter indlæst i {result.agenda}.")
        if result.unplaced:
            self.stdout.write(f"{len(result.unplaced)} ting kunne ikke placeres:")
            for line in result.unplaced:
                self.stdout.write(f"  - {line}")
        else:
            self.stdout.write("Alt blev placeret.")
