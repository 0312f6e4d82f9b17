"""manage.py export_pdf: write every PDF a meeting has: invitation, programme, and what the apps
contribute (a dagsorden and referat, public and members').

manage.py export_pdf 12 --dir /tmp/ud      one meeting, by id
manage.py export_pdf --all /tmp/ud         every meeting
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings import services
from meetings.models import Meeting


class Command(BaseCommand):
    help = "Skriver mødets PDF'er (invitation, program, dagsorden og referat) til filer."

    def add_arguments(self, parser):
        parser.add_argument("meeting", nargs="?", type=int, help="Mødets id.")
        parser.add_argument("--dir", default=".", help="Mappe til filerne (standard: her).")
        parser.add_argument("--all", metavar="DIR", help="Alle møders PDF'er til mappen DIR.")

    def handle(self, *args, **options):
        if options["all"]:
            directory, ids = options["all"], list(Meeting.objects.values_list("pk", flat=True))
        elif options["meeting"] is not None:
            directory, ids = options["dir"], [options["meeting"]]
        else:
            raise CommandError("Angiv et mødes id eller --all MAPPE.")
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for pk in ids:
            try:
                meeting = services.meeting_for_documents(pk)
            except Meeting.DoesNotExist:
                raise CommandError(f"Der findes intet møde med id {pk}.") from None
            for path in services.write_documents(meeting, directory):
                self.stdout.write(str(path))
