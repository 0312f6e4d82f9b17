from django.apps import AppConfig


class AgendasConfig(AppConfig):
    name = "agendas"
    verbose_name = "Dagsordener"
    page_data = True

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
