"""The registrations panel on a meeting's page in the admin (meetings/admin_workspace.py asks
for it through RegistrationParts.admin_panel): counts, the chart, the waiting list,
the mailings with their times, and links to the pages that act on them. On the meeting's
publish confirmation (url name meetings_meeting_publish) only the mailings publishing would
send at once, or nothing."""

from django.template.loader import render_to_string
from django.urls import reverse

from meetings.access import editable
from meetings.models import Meeting

from .forms import InvitationSendForm
from .models import Registration
from .services import invitation_step, mailing_overview, reports

PUBLISH_URL_NAME = "meetings_meeting_publish"


def meeting_panel(meeting, request):
    if request.resolver_match and request.resolver_match.url_name == PUBLISH_URL_NAME:
        return publish_notice(meeting, request)
    if not (meeting.registration_slug or meeting.registration_email):
        return render_to_string(
            "registrations/admin/_meeting_panel.html", {"meeting": meeting}, request=request
        )
    data = reports.overview(meeting)
    waiting = Registration.objects.filter(meeting=meeting).waiting()
    changelist = reverse("admin:registrations_registration_changelist")
    mailings_rows = mailing_overview.overview(meeting)["rows"]
    context = data | {
        "meeting": meeting,
        "waiting": list(waiting.only("name", "waiting_reason", "queued_at")[:10]),
        "mailings": mailings_rows,
        "registrations_url": f"{changelist}?meeting__id__exact={meeting.pk}",
        "invitation": invitation_step.summary(meeting),
        "published": meeting.status == meeting.Status.PUBLISHED,
        # as the views check it (admin_views.SettingsViews)
        "can_change": request.user.has_perm("registrations.change_registrationsettings")
        and editable(Meeting.objects.filter(pk=meeting.pk), request.user).exists(),
        "invitation_form": InvitationSendForm(),
        "invitation_sent": any(
            row["mailing"].kind == "invitation" and row["mailing"].run for row in mailings_rows
        ),
    }
    return render_to_string("registrations/admin/_meeting_panel.html", context, request=request)


def publish_notice(meeting, request):
    """What publishing the draft sends at once, with the choice to publish without it; None
    when it sends nothing."""
    due = mailing_overview.due_at_once(meeting)
    if not due:
        return None
    context = {"meeting": meeting, "due": due}
    return render_to_string("registrations/admin/_publish_notice.html", context, request=request)
