"""What registrations adds to meetings (meetings/contributions.py, meetings/signals.py): the
meeting's tilmeld link (its page, letter and .ics), the tilmeld row and button on its page, the
registrations panel of its admin page; and, when the meeting is cancelled or copied, the
e-mails to those signed up and the copied settings (services/meeting_changes.py)."""

from django.urls import reverse
from django.utils import timezone

from meetings.contributions import MeetingParts

from .services.meeting_changes import copy_settings, notify_registrants
from .services.registration import settings_for


class RegistrationParts(MeetingParts):
    page_templates = {
        "facts": ["registrations/_contrib_meeting_facts.html"],
        "actions": ["registrations/_contrib_meeting_actions.html"],
    }

    def registration_path(self, meeting):
        """The tilmeld page of a meeting with a registration slug."""
        if not meeting.registration_slug:
            return None
        return reverse("registrations:register", args=[meeting.registration_slug])

    def page_context(self, meeting):
        """`registration`: None for a meeting without a tilmeld page or not published (a
        cancelled one says "Aflyst" instead); else its `path` and `state`: "open", "not_yet"
        (with `opens_at`) or "closed" (also once the meeting has ended); and when that state next
        changes by itself. One query: the meeting's settings, or the defaults while it has none."""
        if not meeting.registration_slug or meeting.status != meeting.Status.PUBLISHED:
            return {"registration": None}
        reg_settings = settings_for(meeting, save=False)
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
                "path": self.registration_path(meeting),
                "state": state,
                "opens_at": reg_settings.opens_at,
            },
            # the state above changes by itself then: the page cache keeps the page no longer
            "page_changes_at": min((m for m in moments if m and m > now), default=None),
        }

    def admin_panel(self, meeting, request):
        from .admin_panel import meeting_panel

        return meeting_panel(meeting, request)


def tell_registrants(sender, meeting, **kwargs):
    """meeting_cancelled: every confirmed and waiting registrant is told by e-mail, once."""
    told = notify_registrants(meeting)
    return f"{told} tilmeldte og ventende får besked på e-mail." if told else None


def copy_with_meeting(sender, source, copy, delta, **kwargs):
    """meeting_copied: the settings (and so the mailings) go with the copy."""
    copy_settings(source, copy, delta)
