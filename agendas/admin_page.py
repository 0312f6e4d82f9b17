"""The agenda's page in the admin, beyond its items inline (admin.py), as a mixin of AgendaAdmin:

- publish and approve as buttons, on the agenda's change page and on the meeting's admin page
  (AgendaParts.admin_panel), each a POST to the agenda's own URL;
- sub-items of new headings in the same save (SubItemFormSet);
- "Punkter i en fart": items typed one a line, sub-items and closed ones marked, added in the
  same save as the agenda (editing.add_items_from_lines)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme

from klmeetings.admin_site import admin_urls

from .models import Agenda
from .services import editing, minutes_review, publishing


class AgendaPageForm(forms.ModelForm):
    quick_items = forms.CharField(
        label="Punkter i en fart",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text=editing.LINES_HELP,
    )

    class Meta:
        model = Agenda
        fields = []


class SubItemFormSet(forms.BaseInlineFormSet):
    """The items inline's saving: an item marked "Underpunkt" goes under the heading above it
    in page order, so a new heading and its new sub-items need no save in between."""

    def save(self, commit=True):
        saved = super().save(commit)
        kept = [f for f in self.forms if f.instance.pk and f not in self.deleted_forms]
        kept.sort(key=lambda f: f.cleaned_data.get("position") or 0)  # page order
        editing.place_sub_items([(f.instance, f.cleaned_data.get("sub_item")) for f in kept])
        return saved


class AgendaPageViews:
    form = AgendaPageForm

    def get_fields(self, request, obj=None):
        return [*super().get_fields(request, obj), "quick_items"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if added := editing.add_items_from_lines(form.instance, form.cleaned_data["quick_items"]):
            messages.info(request, f"{added} punkter er tilføjet.")

    def get_urls(self):
        routes = [
            ("<int:pk>/offentliggoer/", self.publish_view, "agendas_agenda_publish"),
            (
                "<int:pk>/referat-til-godkendelse/",
                self.send_minutes_view,
                "agendas_agenda_send_minutes",
            ),
            ("<int:pk>/godkend-referat/", self.approve_view, "agendas_agenda_approve_minutes"),
        ]
        return admin_urls(self, routes) + super().get_urls()

    def _back(self, request, agenda):
        """To the page the button was on (the meeting's page or the agenda's)."""
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, {request.get_host()}):
            return redirect(back)
        return redirect("admin:agendas_agenda_change", agenda.pk)

    def _agenda(self, request, pk):
        agenda = get_object_or_404(Agenda.objects.select_related("meeting"), pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, agenda):
            return None
        return agenda

    def publish_view(self, request, pk):
        agenda = self._agenda(request, pk)
        if agenda is None:
            return redirect("admin:agendas_agenda_changelist")
        try:
            version = publishing.publish_agenda(agenda, request.user)
        except ValidationError as error:
            messages.warning(request, f"Dagsordenen er ikke offentliggjort: {error.messages[0]}")
        else:
            done = f"{version.label} (version {version.number})"
            if agenda.meeting.status != agenda.meeting.Status.DRAFT:
                messages.success(request, f"Dagsordenen er offentliggjort: {done}.")
            else:
                messages.success(
                    request,
                    f"Dagsordenen er klar: {done}. Den bliver offentlig sammen med mødet, "
                    "når mødet offentliggøres.",
                )
        return self._back(request, agenda)

    def send_minutes_view(self, request, pk):
        agenda = self._agenda(request, pk)
        if agenda is None:
            return redirect("admin:agendas_agenda_changelist")
        try:
            sent = minutes_review.send_for_approval(agenda)
        except ValidationError as error:
            messages.error(request, f"Referatet er ikke sendt: {error.messages[0]}")
        else:
            messages.success(request, f"Referatet er sendt til godkendelse hos {sent} medlemmer.")
        return self._back(request, agenda)

    def approve_view(self, request, pk):
        agenda = self._agenda(request, pk)
        if agenda is None:
            return redirect("admin:agendas_agenda_changelist")
        try:
            publishing.approve_minutes(agenda, request.user)
        except ValidationError as error:
            messages.error(request, f"Referatet er ikke godkendt: {error.messages[0]}")
        else:
            messages.success(request, "Referatet er godkendt.")
        return self._back(request, agenda)


def meeting_panel(meeting, request):
    """The agenda panel of the meeting's admin page: its versions and buttons, or a link to
    make one. Nothing on the publish confirmation: a published agenda of a draft becomes
    public with the meeting, as its button said (the confirmation asks only about what
    cannot be taken back, such as e-mails)."""
    if request.resolver_match and request.resolver_match.url_name == "meetings_meeting_publish":
        return None
    agenda = Agenda.objects.filter(meeting=meeting).first()
    versions = list(agenda.versions.order_by("-number")[:5]) if agenda else []
    context = {"meeting": meeting, "agenda": agenda, "versions": versions}
    if agenda and agenda.minutes_sent_for_approval_at and not agenda.minutes_approved_at:
        review = minutes_review.review(agenda)
        context["review"] = {
            "approved": sum(1 for _, answer in review if answer and answer.approved_at),
            "members": len(review),
        }
    return render_to_string("admin/agendas/agenda/_meeting_panel.html", context, request=request)
