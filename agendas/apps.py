from django.apps import AppConfig


class AgendasConfig(AppConfig):
    name = "agendas"
    verbose_name = "Dagsordener"
    page_data = True
    # meetings' export_pdf writes these too (meetings/contributions.py)
    meeting_documents = "agendas.services.exports.meeting_documents"

    def meeting_admin_panel(self, meeting, request):
        """The agenda panel of the meeting's page in the admin."""
        from .admin_page import meeting_panel

        return meeting_panel(meeting, request)
