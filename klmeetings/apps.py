from django.apps import AppConfig


class KlmeetingsConfig(AppConfig):
    name = "klmeetings"
    verbose_name = "KL-møder"

    def ready(self):
        from . import page_cache

        page_cache.connect()
