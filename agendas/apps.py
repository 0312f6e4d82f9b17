from django.apps import AppConfig


class AgendasConfig(AppConfig):
    """Besides its own pages, it gives the meeting page its links to the agenda, referat and
    bilag, and the search page its hits in published agendas (see meetings/contributions.py
    and agendas/contributions.py)."""

    name = "agendas"
    verbose_name = "Dagsordener"
    page_data = True
    # meetings' export_pdf writes these too (meetings/contributions.py)
    meeting_documents = "agendas.services.exports.meeting_documents"
    meeting_page_templates = {
        "documents": ["agendas/_contrib_meeting_documents.html"],
        "panels": ["agendas/_contrib_meeting_panels.html"],
    }

    def meeting_page_context(self, meeting):
        from .contributions import meeting_page_context

        return meeting_page_context(meeting)

    def search(self, query):
        from .contributions import search

        return search(query)

    def meeting_admin_panel(self, meeting, request):
        """The agenda panel of the meeting's page in the admin."""
        from .admin_page import meeting_panel

        return meeting_panel(meeting, request)
