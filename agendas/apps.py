from django.apps import AppConfig


class AgendasConfig(AppConfig):
    """What it adds to the meetings' pages, search and PDFs is in agendas/contributions.py."""

    name = "agendas"
    verbose_name = "Dagsordener"
    page_data = True

    def ready(self):
        from meetings import contributions

        from .contributions import AgendaParts

        contributions.register(AgendaParts())
