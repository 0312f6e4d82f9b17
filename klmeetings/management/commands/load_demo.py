"""manage.py load_demo: the demo data of `make run`, built from the seed documents.

Each app that has demo data keeps it in its own `demo.py` with a `load()` function; this
command calls them in the order of INSTALLED_APPS (the base before the apps built on it).
Every `load()` is idempotent: running the command twice changes nothing.
"""

import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Indlæser demodata bygget af eksempeldokumenterne (kan køres flere gange)."

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            with transaction.atomic():
                summary = importlib.import_module(module_name).load()
            self.stdout.write(f"{app_config.verbose_name}: {summary}")
