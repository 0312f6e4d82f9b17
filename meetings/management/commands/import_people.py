"""manage.py import_people FILE.csv: politicians and contacts from a CSV file."""

from django.core.management.base import BaseCommand, CommandError

from meetings.services import PEOPLE_COLUMNS, import_people


class Command(BaseCommand):
    help = (
        "Importerer personer fra en CSV-fil med kolonnerne "
        + ", ".join(PEOPLE_COLUMNS)
        + ". En fil med blot én fejl importerer intet."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8-sig") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Kan ikke læse {file}: {error}") from error
        result = import_people(text)
        if result.errors:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(result.errors)} fejl: intet er importeret.")
        self.stdout.write(f"Importeret: {result.created} nye, {result.updated} opdateret.")
