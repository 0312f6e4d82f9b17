from django.apps import AppConfig


class AgendasConfig(AppConfig):
    name = "agendas"
    verbose_name = "Dagsordener"
    page_data = True
