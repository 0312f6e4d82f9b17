from django.apps import AppConfig


class MyPagesConfig(AppConfig):
    """The politician's own pages: sign in by an e-mail link, Mine møder with her calendar
    feed, her private notes on agenda items, and approving a referat. Built on meetings,
    agendas and registrations; none of them uses it."""

    name = "mypages"
    verbose_name = "Mine møder"

    def ready(self):
        from meetings.models import Person
        from registrations.signals import personal_data_requested

        from . import personal_data

        personal_data_requested.connect(
            personal_data.held_about, sender=Person, dispatch_uid="mypages.personal_data"
        )
