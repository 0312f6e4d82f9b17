"""`make run` prints e-mails on the console as a person reads them (issue 16): decoded text with
Danish letters and whole links, not quoted-printable, and the names of the attachments."""

import io

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

from klmeetings.console_mail import EmailBackend

LINK = (
    "http://127.0.0.1:8612/tilmeld/social-og-sundhedspolitisk-forum-2026/min-tilmelding/"
    "Zx8rT3kLq0vB7nYw2HfJ9sPcE4mAaUuD6gVhNoWiKtRyXzQb/"
)


def confirmation():
    message = EmailMultiAlternatives(
        subject="Tilmelding: Sundhedsforum i Aalborg – Ændringer følger",
        body=f"Kære Søren Ærø Åsø\n\nDu kan ændre eller afmelde din tilmelding her:\n{LINK}\n",
        from_email="KL <noreply@kl.dk>",
        to=["søren@example.dk"],
    )
    message.attach_alternative(
        f'<p>Kære Søren Ærø Åsø</p><p><a href="{LINK}">Ændr</a></p>', "text/html"
    )
    message.attach("møde.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    return message


def printed(backend_class, message):
    stream = io.StringIO()
    backend_class(stream=stream).send_messages([message])
    return stream.getvalue()


def test_the_console_prints_an_email_decoded_with_whole_links():
    output = printed(EmailBackend, confirmation())
    assert "Subject: Tilmelding: Sundhedsforum i Aalborg – Ændringer følger" in output
    assert "To: søren@example.dk" in output
    assert "Kære Søren Ærø Åsø" in output
    assert f"\n{LINK}\n" in output
    assert f'<a href="{LINK}">Ændr</a>' in output
    assert "[vedhæftet: møde.ics (text/calendar" in output
    assert "=C3" not in output and "=\n" not in output


def test_djangos_own_console_backend_breaks_the_link():
    """What this backend is for: Django's prints the raw, quoted-printable message."""
    assert LINK not in printed(DjangoConsoleBackend, confirmation())
