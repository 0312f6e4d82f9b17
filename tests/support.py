"""The tests' tools that are not fixtures: a free port, waiting for a condition, an SMTP server
on loopback, and reading a PDF back as text."""

import asyncio
import io
import re
import socket
import threading
import time
from email import message_from_bytes, policy
from pathlib import Path

import pypdf
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
# Copies of the seed documents this app reproduces, beside the PNGs of their PDFs.
SEEDS_DIR = ROOT / "docs" / "seeds"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, seconds=30):
    """True as soon as `condition()` is, False if it is not within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


class SMTPServer:
    """An aiosmtpd server on loopback that keeps what it accepts (`messages`).

    `refuse(count, reply)` answers the next `count` attempts with `reply` ("451 ..." or
    "550 ..."), after any refusals already asked for. With `hold_at = n`, the n-th e-mail waits
    for its answer until `release` is set (`holding` is set meanwhile). Like Postfix, the server
    keeps an e-mail once it has the final "." of its data (RFC 1047), even when the client
    dies before it reads the 250: a client killed while held has delivered that e-mail.
    `received_at` has the time.time() of each e-mail's final ".". `refuse_until` (a
    time.time()) answers every e-mail with `refuse_reply` until then, as a server that is out
    of disk; `answer_delay` seconds pass between keeping an e-mail and its 250, as a server
    that writes its queue file first."""

    def __init__(self):
        self.messages = []
        self.received_at = []
        self.sessions = []  # the connections that delivered e-mails, one entry each
        self.refusals = []
        self.hold_at = None
        self.refuse_until = 0.0
        self.refuse_reply = "451 4.3.0 Prøv igen senere"
        self.answer_delay = 0.0
        self.holding = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    @property
    def port(self):
        return self.controller.port

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.release.set()
        self.controller.stop()

    def mailer_settings(self):
        """Django's MAILERS setting that sends through this server."""
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 5},
            }
        }

    def refuse(self, count=1, reply="451 Prøv igen senere"):
        with self.lock:
            self.refusals += [reply] * count

    def recipients(self):
        with self.lock:
            return [message["To"] for message in self.messages]

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refusals:
                return self.refusals.pop(0)
            if time.time() < self.refuse_until:
                return self.refuse_reply
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
            self.received_at.append(time.time())
            if not any(seen is session for seen in self.sessions):
                self.sessions.append(session)
            held = self.hold_at is not None and len(self.messages) == self.hold_at
            if held:
                self.hold_at = None
        if held:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
        if self.answer_delay:
            await asyncio.sleep(self.answer_delay)
        return "250 OK"


def pdf_pages(pdf):
    """The text of each page of a PDF (bytes)."""
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf):
    """The text of a whole PDF (bytes)."""
    return "\n".join(pdf_pages(pdf))


def squash(text):
    """Text without whitespace, so that line breaks and wrapped words do not matter."""
    return re.sub(r"\s+", "", text)


def assert_in_order(text, expected, where="PDF"):
    """Each of `expected` occurs in `text`, each after the one before."""
    text = squash(text)
    position = 0
    for item in expected:
        found = text.find(squash(item), position)
        assert found >= 0, f"{where}: '{item}' not found after position {position}"
        position = found + len(squash(item))


def assert_page_numbers(pages):
    count = len(pages)
    assert f"Side 1 af {count}" in pages[0]
    assert f"Side {count} af {count}" in pages[-1]


def seed_text(key):
    """The text of seed document `key` ("000"), markdown emphasis removed."""
    path = next(SEEDS_DIR.glob(f"{key}_*.txt"))
    return re.sub(r"[*#]", "", path.read_text(encoding="utf-8"))
