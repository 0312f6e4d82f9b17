"""The e-mail backend of `make run` (no EMAIL_HOST): each message printed as a person reads it.

Django's console backend prints the raw MIME message, quoted-printable, so Danish letters come
out as =C3=B8 and a personal link is broken across lines with "=". This one prints the headers,
each text part decoded, and the name of each attachment.
"""

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

HEADERS = ("From", "To", "Cc", "Reply-To", "Subject")


class EmailBackend(DjangoConsoleBackend):
    def write_message(self, message):
        msg = message.message()
        lines = [f"{name}: {msg[name]}" for name in HEADERS if msg[name]]
        for part in msg.walk():
            if part.is_multipart():
                continue
            if part.is_attachment():
                size = len(part.get_payload(decode=True) or b"")
                lines.append(
                    f"[vedhæftet: {part.get_filename()} ({part.get_content_type()}, {size} bytes)]"
                )
            elif part.get_content_maintype() == "text":
                lines += ["", f"--- {part.get_content_type()} ---", part.get_content().rstrip()]
        self.stream.write("\n".join(lines) + "\n" + "-" * 79 + "\n")
