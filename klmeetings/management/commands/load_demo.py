"""manage.py load_demo: the demo data of `make run`, built from the seed documents: every
app's loader (klmeetings/demo.py) in the order of INSTALLED_APPS, each in its own transaction.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from klmeetings import demo


class Command(BaseCommand):
    help = "Indlæser demodata bygget af eksempeldokumenterne (kan køres flere gange)."

    def handle(self, *args, **options):
        for app_config, load in demo.loaders():
            with transaction.atomic():
                summary = load()
            self.stdout.write(f"{app_config.verbose_name}: {summary}")
