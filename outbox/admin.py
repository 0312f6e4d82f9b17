"""The outbox in the admin: what was sent to whom, what failed and why, a preview of each
e-mail, "send again" for failed ones and "send a test to me"."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from klmeetings.admin_site import admin_urls

from . import services
from .models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at", "error"]
    list_filter = ["status", "created_at"]
    search_fields = ["to", "subject", "key"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    readonly_fields = ["preview", *[f.name for f in Message._meta.fields if f.name != "id"]]
    exclude = ["body_text", "body_html", "attachments"]
    fieldsets = [
        (None, {"fields": ["to", "subject", "status", "attempts", "last_error"]}),
        ("Forhåndsvisning", {"fields": ["preview"]}),
        (
            "Detaljer",
            {
                "classes": ["collapse"],
                "fields": ["key", "created_at", "claimed_at", "next_attempt_at", "sent_at"],
            },
        ),
    ]

    # Read-only: a row is what was owed and sent; deleting one would let its key be sent again.
    # "Send again" is the one way to act on it.
    def _never(self, request, obj=None):
        return False

    has_add_permission = has_change_permission = has_delete_permission = _never

    def has_resend_permission(self, request):
        return request.user.has_perm("outbox.change_message")

    @admin.display(description="seneste fejl")
    def error(self, message):
        return truncatechars(message.last_error, 80)

    @admin.display(description="e-mailen")
    def preview(self, message):
        attachments = [a["filename"] for a in message.attachments]
        context = {"message": message, "attachments": attachments}
        return render_to_string("admin/outbox/message/preview.html", context)

    @admin.action(description="Send de valgte fejlede e-mails igen", permissions=["resend"])
    def send_again(self, request, queryset):
        count = services.resend(queryset)
        if count:
            messages.success(request, f"{count} e-mail(s) sendes igen.")
        else:
            messages.warning(request, "Kun fejlede e-mails kan sendes igen; ingen var valgt.")

    def get_urls(self):
        routes = [("send-test/", self.send_test_view, "outbox_message_send_test")]
        return admin_urls(self, routes) + super().get_urls()

    @method_decorator(require_POST)
    def send_test_view(self, request):
        """Send the test e-mail to the logged-in staff member."""
        changelist = reverse("admin:outbox_message_changelist")
        if not request.user.email:
            messages.error(
                request,
                "Din bruger har ingen e-mailadresse. Tilføj den under brugere og prøv igen.",
            )
            return redirect(changelist)
        sender = request.user.get_full_name() or request.user.get_username()
        services.enqueue_template(request.user.email, "test", {"sender": sender})
        messages.success(
            request, format_html("En prøve-e-mail er lagt i kø til {}.", request.user.email)
        )
        return redirect(changelist)
