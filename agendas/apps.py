from django.apps import AppConfig


class AgendasConfig(AppConfig):
    """Besides its own pages, it gives the meeting page its links to the agenda, referat and
    bilag, the search page its hits in published agendas, the meeting's admin page its agenda
    panel and export_pdf its PDFs (agendas/contributions.py)."""

    name = "agendas"
    verbose_name = "Dagsordener"
    page_data = True

    def ready(self):
        from meetings import contributions

        from .contributions import AgendaParts

        contributions.register(AgendaParts())
