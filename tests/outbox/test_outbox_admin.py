"""The secretariat sees the outbox in the admin: what failed and why, a preview of each e-mail,
"send again" for failed ones and "send a test to me"."""

import pytest
from django.urls import reverse

from outbox import services
from outbox.models import Message

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:outbox_message_changelist")


@pytest.fixture
def failed():
    message = services.enqueue_template("ukendt@example.dk", "test", {"sender": "Sekretariatet"})
    Message.objects.filter(pk=message.pk).update(
        status="failed", attempts=1, last_error="(550, b'Ukendt modtager')"
    )
    return message


def test_the_list_shows_failures_with_their_error_and_filters_by_status(admin_client, failed):
    services.enqueue("ok@example.dk", "Sendt e-mail", "Tekst")
    html = admin_client.get(CHANGELIST, {"status__exact": "failed"}).content.decode()
    assert "ukendt@example.dk" in html and "Ukendt modtager" in html
    assert "ok@example.dk" not in html
    assert "Send de valgte fejlede e-mails igen" in html
    assert "Send en prøve til mig" in html


def test_each_email_has_a_preview_of_text_and_html(admin_client, failed):
    page = admin_client.get(reverse("admin:outbox_message_change", args=[failed.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Dette er en prøve-e-mail fra KL-møder, sendt af Sekretariatet." in html
    # The HTML version, escaped into a sandboxed frame: shown, never run.
    assert '<iframe sandbox=""' in html and 'srcdoc="&lt;!DOCTYPE html&gt;' in html


def test_failed_emails_can_be_sent_again(admin_client, failed, django_capture_on_commit_callbacks):
    sent = services.enqueue("ok@example.dk", "Sendt", "Tekst")
    Message.objects.filter(pk=sent.pk).update(status="sent")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = admin_client.post(
            CHANGELIST,
            {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )
    assert "1 e-mail(s) sendes igen." in page.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == ("queued", 0, "")
    assert Message.objects.get(pk=sent.pk).status == "sent"
    assert len(callbacks) == 1


def test_send_a_test_to_me_goes_to_the_staff_members_own_address(admin_client, admin_user):
    page = admin_client.post(reverse("admin:outbox_message_send_test"), follow=True)
    assert f"En prøve-e-mail er lagt i kø til {admin_user.email}." in page.content.decode()
    message = Message.objects.get()
    assert message.to == admin_user.email
    assert message.subject == f"Prøve fra {admin_user.get_username()}"
    assert "<html" in message.body_html


def test_send_a_test_to_me_without_an_address_says_so(admin_client, admin_user):
    admin_user.email = ""
    admin_user.save()
    page = admin_client.post(reverse("admin:outbox_message_send_test"), follow=True)
    assert "Din bruger har ingen e-mailadresse" in page.content.decode()
    assert not Message.objects.exists()
    assert admin_client.get(reverse("admin:outbox_message_send_test")).status_code == 405
