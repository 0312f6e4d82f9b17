from django.apps import AppConfig


class AgendasConfig(AppConfig):
    name = "agendas"
    verbose_name = "Dagsordener"
    page_data = True
    # meetings' export_pdf writes these too (meetings/contributions.py)
    meeting_documents = "agendas.services.exports.meeting_documents"
