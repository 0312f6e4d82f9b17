from django.apps import AppConfig


class KlmeetingsConfig(AppConfig):
    name = "klmeetings"
    verbose_name = "KL-møder"
