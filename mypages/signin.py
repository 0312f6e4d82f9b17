"""Signing in by an e-mail link, for politicians (a `Person` with an e-mail address).

1. `/log-ind/`: she types her address. Whether or not it is known, the answer is the same
   page; the requests are limited per address (from anywhere) and per client network with
   klmeetings.rate_limit, counted before the address is looked up, so the limit says nothing
   either.
2. For a known address the Django user tied to the person is found or made
   (`user_for_person`), and an e-mail with a link goes through the outbox. The link carries a
   django-sesame token: signed, valid for SESAME_MAX_AGE (15 minutes) and spent by the next
   sign-in, since it is signed with the user's last_login.
3. The link opens a page with a button (`/log-ind/link/`): mail scanners that open every link
   in an e-mail must not spend it. The POST claims the token with a conditional UPDATE of
   last_login, so of two at once only one signs in, and opens a session for a working day.

Staff and superusers never sign in this way (`LinkBackend`): a link never opens the admin.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from sesame.backends import ModelBackend as SesameBackend
from sesame.utils import get_token

from klmeetings.rate_limit import over_limit
from meetings.models import Person
from outbox.services import enqueue_template

SCOPE = "sign-in"
# Links asked for: per address from anywhere, and per client network.
ADDRESS_LIMIT = (3, 15 * 60)
CLIENT_LIMIT = (10, 60 * 60)


class LinkBackend(SesameBackend):
    """django-sesame's backend for active users who are neither staff nor superusers. It is
    also asked for the user on every request of a session it opened, so a user made staff
    since is signed out."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and not (user.is_staff or user.is_superuser)


def over_the_limit(request, email):
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    by_address = over_limit(request, f"sign-in:address:{digest}", *ADDRESS_LIMIT, per_client=False)
    by_client = over_limit(request, "sign-in:client", *CLIENT_LIMIT)
    return by_address or by_client


def find_person(email):
    """The person with this address (case-insensitive); of several, one already signed in
    before, else the first made."""
    email = email.strip()
    if not email:
        return None
    return (
        Person.objects.filter(email__iexact=email)
        .select_related("user")
        .order_by("user_id", "pk")  # NULLs last in PostgreSQL
        .first()
    )


@transaction.atomic
def user_for_person(person):
    """The user tied to `person`, made if she has none: a user the secretariat already made
    with her address (and perhaps memberships) and tied to nobody, or a new one without a
    password. None for staff or a superuser: they sign in with their password."""
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    user = person.user
    if user is None:
        User = get_user_model()
        user = (
            User.objects.filter(email__iexact=person.email, person__isnull=True)
            .order_by("pk")
            .first()
        )
        if user is None:
            first, _, last = person.name.partition(" ")
            user = User(
                username=f"person-{person.pk}",
                email=person.email,
                first_name=first[:150],
                last_name=last[:150],
            )
            user.set_unusable_password()
            user.save()
        person.user = user
        person.save(update_fields=["user"])
    if user.is_staff or user.is_superuser or not user.is_active:
        return None
    return user


def send_link(email, next_url=""):
    """E-mail a sign-in link to the person with `email`, if there is one who may have it;
    the link leads on to `next_url` (a path on this site) once she has signed in."""
    person = find_person(email)
    user = user_for_person(person) if person else None
    if user is None:
        return
    query = {"sesame": get_token(user, scope=SCOPE)} | ({"next": next_url} if next_url else {})
    link = f"{settings.SITE_URL}{reverse('mypages:link')}?{urlencode(query)}"
    minutes = settings.SESAME_MAX_AGE // 60
    enqueue_template(
        person.email, "sign_in_link", {"person": person, "link": link, "minutes": minutes}
    )


def user_of_link(token):
    """The user a link's token signs in, without spending it; None if it is spent, expired,
    forged or of a user who may not sign in this way."""
    if not token or len(token) > 500:
        return None
    # The backend itself rather than django.contrib.auth.authenticate(): a token is signed,
    # so there is no password to guess and nothing for django-axes to count.
    return LinkBackend().authenticate(None, sesame=token, scope=SCOPE)


def sign_in(request, token):
    """Spend the token and open the session; the user, or None when the link does not work
    (any more). The conditional UPDATE makes the token one-time also for two clicks at once."""
    user = user_of_link(token)
    if user is None:
        return None
    # last_login=None filters on IS NULL: a first sign-in is claimed the same way.
    claimed = (
        get_user_model()
        .objects.filter(pk=user.pk, last_login=user.last_login)
        .update(last_login=timezone.now())
    )
    if not claimed:
        return None
    auth_login(request, user, backend="mypages.signin.LinkBackend")
    request.session.set_expiry(settings.SIGN_IN_SESSION_SECONDS)
    return user
