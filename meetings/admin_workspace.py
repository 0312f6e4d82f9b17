"""The meeting's own page in the admin ("Mødets side"): its state and next step, the buttons
that publish or cancel it, and the panels the apps built on meetings contribute (their
registrations, mailings, agenda; meetings/contributions.py). A mixin of MeetingAdmin.

Publishing asks the apps' panels too: on a POST to the publish URL (url name
`meetings_meeting_publish`) each panel says what publishing would do at once (registrations:
the mailings whose time has passed), or nothing. When one has something to say, the secretary
sees it and publishes only by confirming; otherwise the meeting is published at once."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from klmeetings.admin_site import admin_page, admin_urls

from . import contributions, services
from .models import Meeting


class CopyForm(forms.Form):
    date = forms.DateField(
        label="Ny dato",
        help_text="Mødet begynder på samme klokkeslæt; alle tider flytter lige så meget med.",
    )
    title = forms.CharField(label="Titel", max_length=300)


def next_step(meeting):
    """What the secretary does next, in a sentence."""
    if meeting.status == Meeting.Status.DRAFT:
        return "Gør mødet færdigt, se invitationen igennem, og tryk så på Offentliggør."
    if meeting.status == Meeting.Status.CANCELLED:
        return "Mødet er aflyst. De tilmeldte har fået besked."
    if meeting.state == "Afholdt":
        return "Mødet er holdt: skriv referatet og godkend det."
    return "Mødet er offentligt: følg tilmeldingerne og dagsordenen herunder."


class MeetingWorkspaceViews:
    """The page, and publish and cancel, at /admin/meetings/meeting/<pk>/side/ and below."""

    def get_urls(self):
        routes = [
            ("<int:pk>/side/", self.workspace_view, "meetings_meeting_workspace"),
            ("<int:pk>/offentliggoer/", self.publish_view, "meetings_meeting_publish"),
            ("<int:pk>/aflys/", self.cancel_view, "meetings_meeting_cancel"),
            ("<int:pk>/kopier/", self.copy_view, "meetings_meeting_copy"),
        ]
        return admin_urls(self, routes) + super().get_urls()

    def _meeting(self, request, pk, change=False):
        meeting = get_object_or_404(Meeting.objects.select_related("organiser"), pk=pk)
        allowed = self.has_change_permission if change else self.has_view_permission
        return meeting if allowed(request, meeting) else None

    def response_add(self, request, obj, post_url_continue=None):
        # A new meeting goes on to its page, where the next step is shown.
        if "_addanother" in request.POST or "_continue" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        super().response_add(request, obj, post_url_continue)  # its message
        return redirect("admin:meetings_meeting_workspace", obj.pk)

    def response_post_save_change(self, request, obj):
        # "Gem" goes back to the meeting's page, where the secretary came from.
        return redirect("admin:meetings_meeting_workspace", obj.pk)

    def workspace_view(self, request, pk):
        meeting = self._meeting(request, pk)
        if meeting is None:
            messages.error(request, "Mødet findes ikke.")
            return redirect("admin:meetings_meeting_changelist")
        context = {
            "title": meeting.title,
            "meeting": meeting,
            "original": meeting,
            "next_step": next_step(meeting),
            "panels": contributions.admin_panels(meeting, request),
            "can_change": self.has_change_permission(request, meeting),
        }
        return admin_page(self, request, "admin/meetings/meeting/workspace.html", context)

    def publish_view(self, request, pk):
        meeting = self._meeting(request, pk, change=True)
        if meeting is None or request.method != "POST":
            return redirect("admin:meetings_meeting_changelist")
        asking = "confirmed" not in request.POST and meeting.status == Meeting.Status.DRAFT
        # what would happen at once, as the apps see it on this URL
        if asking and (notices := contributions.admin_panels(meeting, request)):
            context = {
                "title": f"Offentliggør {meeting.title}?",
                "meeting": meeting,
                "original": meeting,
                "notices": notices,
            }
            return admin_page(self, request, "admin/meetings/meeting/publish_confirm.html", context)
        try:
            services.publish_meeting(meeting)
        except services.StateError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Mødet er offentliggjort.")
        return redirect("admin:meetings_meeting_workspace", pk)

    def cancel_view(self, request, pk):
        """GET asks "are you sure"; POST cancels and tells the registered."""
        meeting = self._meeting(request, pk, change=True)
        if meeting is None:
            return redirect("admin:meetings_meeting_changelist")
        if request.method == "POST":
            try:
                reports = services.cancel_meeting(meeting)
            except services.StateError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(request, " ".join(["Mødet er aflyst.", *reports]))
            return redirect("admin:meetings_meeting_workspace", pk)
        context = {"title": f"Aflys {meeting.title}?", "meeting": meeting, "original": meeting}
        return admin_page(self, request, "admin/meetings/meeting/cancel_confirm.html", context)

    def copy_view(self, request, pk):
        """ "Kopiér møde": a new draft like this one on the date asked for."""
        meeting = self._meeting(request, pk)
        if meeting is None or not self.has_add_permission(request):
            return redirect("admin:meetings_meeting_changelist")
        form = CopyForm(request.POST or None, initial={"title": meeting.title})
        if form.is_valid():
            local = timezone.localtime(meeting.starts_at)
            starts_at = timezone.make_aware(
                datetime.datetime.combine(form.cleaned_data["date"], local.time())
            )
            copy = services.copy_meeting(meeting, starts_at, form.cleaned_data["title"])
            invited = copy.invited_municipalities.count()
            plural = "r" if invited != 1 else ""
            messages.success(
                request,
                "Mødet er kopieret som kladde. "
                + (
                    "Samme inviterede som før: alle landets kommuner. "
                    if copy.invites_all_municipalities
                    else f"Samme inviterede som før: {invited} kommune{plural}. "
                    if invited
                    else "Ingen er inviteret endnu: vælg dem under Inviterede, når du retter "
                    "mødet. "
                )
                + "Ret det til, og offentliggør det så.",
            )
            return redirect("admin:meetings_meeting_workspace", copy.pk)
        context = {"title": f"Kopiér {meeting.title}", "meeting": meeting, "form": form}
        return admin_page(self, request, "admin/meetings/meeting/copy.html", context)

    @admin.display(description="status")
    def state_shown(self, obj):
        # shown read-only: the buttons on the meeting's page change it
        return obj.state if obj and obj.pk else Meeting.Status.DRAFT.label

    @admin.display(description="")
    def workspace_link(self, obj):
        url = reverse("admin:meetings_meeting_workspace", args=[obj.pk])
        return format_html('<a href="{}">Mødets side</a>', url)
