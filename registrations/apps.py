from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    """What it adds to the meetings' pages and events is in registrations/contributions.py."""

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
