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
        from django.db.models import signals

        from meetings import contributions
        from meetings import signals as meeting_signals

        from .contributions import RegistrationParts, copy_with_meeting, tell_registrants

        contributions.register(RegistrationParts())
        meeting_signals.meeting_cancelled.connect(tell_registrants, dispatch_uid="tell-registrants")
        meeting_signals.meeting_copied.connect(copy_with_meeting, dispatch_uid="copy-settings")
        for signal in (signals.post_save, signals.post_delete, signals.m2m_changed):
            signal.connect(_forget_tilmeld_data, dispatch_uid=f"tilmeld-data-{signal}")


def _forget_tilmeld_data(sender, **kwargs):
    """What the tilmeld pages keep of a meeting (views.forget_recent) goes when a row of the
    meetings app or a meeting's registration settings is saved or deleted."""
    from .models import RegistrationSettings, SessionCapacity

    if sender._meta.app_label == "meetings" or sender in (RegistrationSettings, SessionCapacity):
        from .views import forget_recent

        forget_recent()
