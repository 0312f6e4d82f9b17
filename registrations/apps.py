from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    """Besides its own pages, it gives the meeting page and the meeting's documents their
    tilmeld link, the page its tilmeld button, the meeting's admin page its registrations
    panel, tells the registered when a meeting is cancelled, and copies its settings with a
    copied meeting (registrations/contributions.py)."""

    name = "registrations"
    verbose_name = "Tilmeldinger"
    page_data = True

    def ready(self):
        from meetings import contributions
        from meetings import signals as meeting_signals

        from .contributions import RegistrationParts, copy_with_meeting, tell_registrants

        contributions.register(RegistrationParts())
        meeting_signals.meeting_cancelled.connect(tell_registrants, dispatch_uid="tell-registrants")
        meeting_signals.meeting_copied.connect(copy_with_meeting, dispatch_uid="copy-settings")
