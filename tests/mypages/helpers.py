"""Shared by the tests of the politician's own pages: a politician (a Person with an
e-mail), a member of KKR Midtjylland, and the sign-in link from her e-mail."""

import re
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import get_user_model

from meetings.models import Membership, Municipality, Organiser, Person, Role
from outbox.models import Message

EMAIL = "anne.hansen@silkeborg.dk"
LINK = re.compile(r"https?://\S+/log-ind/link/\?sesame=[\w.:%&=-]+")


def politician(name="Anne Hansen", email=EMAIL, member_of=None):
    """A councillor of Silkeborg; with `member_of` (an organiser's name) her user, made as
    the secretariat makes it (with her address), is a member there."""
    person = Person.objects.create(
        name=name,
        email=email,
        role=Role.COUNCILLOR,
        municipality=Municipality.objects.get(name="Silkeborg"),
    )
    if member_of:
        user = get_user_model().objects.create_user(email.split("@")[0], email)
        Membership.objects.create(
            user=user,
            organiser=Organiser.objects.get(name=member_of),
            kind=Membership.Kind.MEMBER,
        )
    return person


def link_in(text):
    """The sign-in link in an e-mail's text."""
    match = LINK.search(text)
    assert match, text
    return match.group(0)


def last_link(to=EMAIL):
    message = Message.objects.filter(to=to).order_by("-pk").first()
    assert message is not None, f"no e-mail to {to}"
    return link_in(message.body_text)


def path_of(link):
    """The link's path and query, to open on the test client."""
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}"


def token_of(link):
    return parse_qs(urlsplit(link).query)["sesame"][0]


def sign_in(client, email=EMAIL):
    """Ask for a link and follow it, as she would; the response of the link's button."""
    client.post("/log-ind/", {"email": email})
    path = path_of(last_link(email))
    token = token_of(path)
    assert client.get(path).status_code == 200
    return client.post("/log-ind/link/", {"sesame": token})
