from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Møder"
    page_data = True

    def ready(self):
        from . import contributions
        from .search import MeetingSearch

        contributions.register(MeetingSearch())
