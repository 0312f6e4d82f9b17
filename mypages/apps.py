from django.apps import AppConfig


class MyPagesConfig(AppConfig):
    """The politician's own pages: sign in by an e-mail link, Mine møder with her calendar
    feed, her private notes on agenda items, and approving a referat. Built on meetings,
    agendas and registrations; none of them uses it."""

    name = "mypages"
    verbose_name = "Mine møder"
