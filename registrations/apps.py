from django.apps import AppConfig
from django.urls import reverse
from django.utils import timezone


class RegistrationsConfig(AppConfig):
    """Besides its own pages, it gives the meeting page and the meeting's documents their
    tilmeld link, the page its tilmeld button, the meeting's admin page its registrations
    panel, tells the registered when a meeting is cancelled, and copies its settings with a
    copied meeting (see meetings/contributions.py)."""

    name = "registrations"
    verbose_name = "Tilmeldinger"
    page_data = True
    meeting_page_templates = {
        "facts": ["registrations/_contrib_meeting_facts.html"],
        "actions": ["registrations/_contrib_meeting_actions.html"],
    }

    def meeting_registration_path(self, meeting):
        """The tilmeld page of a meeting with a registration slug."""
        if not meeting.registration_slug:
            return None
        return reverse("registrations:register", args=[meeting.registration_slug])

    def meeting_page_context(self, meeting):
        """`registration`: None for a meeting without a tilmeld page or not published (a
        cancelled one says "Aflyst" instead); else its `path` and `state`: "open", "not_yet"
        (with `opens_at`) or "closed" (also once the meeting has ended); and when that state next
        changes by itself. One query: the meeting's settings, or the defaults while it has none."""
        if not meeting.registration_slug or meeting.status != meeting.Status.PUBLISHED:
            return {"registration": None}
        from .models import RegistrationSettings

        reg_settings = RegistrationSettings.objects.filter(meeting=meeting).first()
        reg_settings = reg_settings or RegistrationSettings(meeting=meeting)
        reg_settings.meeting = meeting
        now = timezone.now()
        if meeting.ends_at > now and reg_settings.is_open(now):
            state = "open"
        elif meeting.ends_at > now and not reg_settings.has_opened(now):
            state = "not_yet"
        else:
            state = "closed"
        moments = [reg_settings.opens_at, reg_settings.closes_at, meeting.ends_at]
        return {
            "registration": {
                "path": self.meeting_registration_path(meeting),
                "state": state,
                "opens_at": reg_settings.opens_at,
            },
            # the state above changes by itself then: the page cache keeps the page no longer
            "page_changes_at": min((m for m in moments if m and m > now), default=None),
        }

    def meeting_admin_panel(self, meeting, request):
        from .admin_panel import meeting_panel

        return meeting_panel(meeting, request)

    def meeting_cancelled(self, meeting):
        """Tells every confirmed and waiting registrant by e-mail, once."""
        from .services.meeting_changes import notify_registrants

        told = notify_registrants(meeting)
        return f"{told} tilmeldte og ventende får besked på e-mail." if told else None

    def meeting_copied(self, source, copy, delta):
        from .services.meeting_changes import copy_settings

        copy_settings(source, copy, delta)
