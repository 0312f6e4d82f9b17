from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Møder"
    page_data = True

    def search(self, query):
        """The public meetings matching `query` (see contributions.search)."""
        from .search import search_meetings

        return search_meetings(query)
