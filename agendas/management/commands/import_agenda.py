"""manage.py import_agenda FILE: a dagsorden or referat from a .txt or .docx file; the meeting
found by organiser and day, else made as a draft from the header. Says what it noticed, what it
left out (header, footer, contents) and every line it could not place; with -v 2 the account
of every line."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from meetings.models import Meeting

from ...services.text_import import import_agenda_text, read_document


class Command(BaseCommand):
    help = (
        "Indlæser en dagsorden eller et referat fra en .txt- eller .docx-fil og fortæller, hvad "
        "der ikke kunne placeres."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--meeting", type=int, help="Mødets id (ellers findes mødet ud fra arrangør og dato)."
        )

    def handle(self, *args, **options):
        path = options["file"]
        try:
            with path.open("rb") as file:
                text = read_document(path.name, file)
        except OSError as error:
            raise CommandError(f"Filen kan ikke læses: {error}") from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        meeting = None
        if options["meeting"]:
            meeting = Meeting.objects.filter(pk=options["meeting"]).first()
            if meeting is None:
                raise CommandError(f"Intet møde med id {options['meeting']}.")
        try:
            result = import_agenda_text(text, meeting)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if options["verbosity"] >= 2:
            for place, text, where in result.parsed.account:
                self.stdout.write(f"{place}: {where}: {text[:70]}")
        for note in result.notes + result.left_out:
            self.stdout.write(note)
        if result.decisions:
            self.stdout.write(f"{result.decisions} beslutninger indlæst i {result.agenda}.")
        else:
            self.stdout.write(f"{result.items} punkter indlæst i {result.agenda}.")
        if result.unplaced:
            self.stdout.write(
                f"{result.parsed.line_count} linjer læst; "
                f"{len(result.unplaced)} ting kunne ikke placeres:"
            )
            for line in result.unplaced:
                self.stdout.write(f"  - {line}")
        else:
            self.stdout.write(f"{result.parsed.line_count} linjer læst. Alt blev placeret.")
