"""Personal data of registrations (GDPR): anonymised a while after the meeting, exported and erased
on request.

Anonymising keeps each registration row with what the statistics count (meeting, status,
session, municipality and so region, role, dinner, source, timestamps) and replaces what
identifies the person (name, e-mail, phone, party, dietary needs, comment, the link to the
person record, the secret of the personal link). The marker of an anonymised row is its e-mail
address in the reserved ".invalid" domain, so no extra column is needed.

Sent e-mails are personal data too (recipient and body): the outbox keeps a sent or failed
message only while its address still belongs to someone we hold (a person record or a
registration not yet anonymised), and never beyond the retention period. Messages still queued
are left to be sent and are removed by a later run.

The personal-data page works within a scope: the meetings the user may edit (administrators:
all). Registrations and invitations belong to a meeting and are in scope with it; so does each
e-mail, by the scope this app wrote on its outbox row (`emails.outbox_scope`), whether or not
the address has a registration there: another organiser's e-mails, queued ones too, are never
shown, exported or erased (an e-mail written before rows had a scope is the administrators'
only). Person records belong to no meeting, so they are in scope only when every registration
and invitation of the address is; what the apps above hold about the person (her private notes
and calendar feed, `signals.personal_data_requested`) belongs to her too and is in scope exactly
when her person records are. Exported e-mails carry no personal link (they open someone's
registration): links and secrets are redacted and attachments (the .ics holds the link) are
listed without their content.
"""

import json
import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from meetings.models import Person
from outbox.models import Message

from ..models import Invitation, Registration, StaffOverride, new_secret
from ..signals import personal_data_requested
from .emails import outbox_scope

ANONYMOUS_NAME = "Anonymiseret"
ANONYMOUS_DOMAIN = "anonymiseret.invalid"
# Fields the secretariat never needs in an export: the secrets of links, by value or digest.
SECRET_FIELDS = {"secret", "secret_digest"}
# A personal link's secret (new_secret(): 43 URL-safe characters), or any longer such run.
SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{43,}")
REDACTED = "[personligt link fjernet]"


def retention_days():
    return int(getattr(settings, "REGISTRATION_RETENTION_DAYS", 180))


def _not_anonymised(queryset):
    return queryset.exclude(email__iendswith="@" + ANONYMOUS_DOMAIN)


def _anonymise(registrations):
    """Blanks the personal fields of `registrations` (a list) and gives each a new secret nobody
    knows, so old links stop working. Returns the e-mail addresses they had."""
    addresses = set()
    for registration in registrations:
        addresses.add(registration.email.lower())
        registration.name = ANONYMOUS_NAME
        registration.email = f"{registration.pk}@{ANONYMOUS_DOMAIN}"
        registration.person = None
        registration.party_letter = ""
        registration.phone = ""
        registration.dietary_needs = ""
        registration.comment = ""
        registration.secret = new_secret()
        # save() rather than update(): the digest of the new secret is computed there.
        registration.save()
    StaffOverride.objects.filter(registration__in=registrations).update(note="")
    return addresses


def _addresses_still_held():
    people = Person.objects.exclude(email="").values_list("email", flat=True)
    registrations = _not_anonymised(Registration.objects).values_list("email", flat=True)
    return {address.lower() for address in [*people, *registrations]}


def _purge_outbox(addresses, now):
    """Deletes the sent and failed e-mails to `addresses` that no one we hold has any more, and
    every sent or failed e-mail older than the retention period. Returns how many."""
    held = _addresses_still_held()
    orphaned = Q()
    for address in addresses - held:
        orphaned |= Q(to__iexact=address)
    expired = Q(created_at__lt=now - timedelta(days=retention_days()))
    done = Q(status__in=[Message.Status.SENT, Message.Status.FAILED])
    deleted, _ = Message.objects.filter(done & (expired | orphaned)).delete()
    return deleted


def anonymise_expired(now=None):
    """Anonymises the registrations of every meeting that ended more than the retention period
    ago, deletes the invitations to those meetings, and purges the outbox. Idempotent:
    a second run finds nothing to do. Returns (registrations anonymised, e-mails deleted)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days())
    with transaction.atomic():
        expired = list(
            _not_anonymised(Registration.objects.filter(meeting__ends_at__lt=cutoff))
            .select_for_update(skip_locked=True)
            .order_by("pk")
        )
        addresses = _anonymise(expired)
        # An invitation links a person to a meeting and carries a secret: nothing to keep.
        Invitation.objects.filter(meeting__ends_at__lt=cutoff).delete()
        deleted = _purge_outbox(addresses, now)
    return len(expired), deleted


def held_about(email, meetings=None):
    """Everything held about the person with this e-mail address, as querysets: person records,
    registrations (by address or through a person record), invitations, e-mails, and under
    "other" what the apps above hold about her person records ({heading: queryset}). With
    `meetings` (a queryset), only what is in that scope (see the module's docstring)."""
    email = email.strip()
    people = Person.objects.filter(email__iexact=email)
    registrations = Registration.objects.filter(
        Q(email__iexact=email) | Q(person__in=people)
    ).distinct()
    invitations = Invitation.objects.filter(person__in=people)
    messages = Message.objects.filter(to__iexact=email)
    if meetings is not None:
        outside = registrations.exclude(meeting__in=meetings).exists() or (
            invitations.exclude(meeting__in=meetings).exists()
        )
        registrations = registrations.filter(meeting__in=meetings)
        invitations = invitations.filter(meeting__in=meetings)
        if outside or not (registrations.exists() or invitations.exists()):
            people = people.none()
        scopes = [outbox_scope(meeting) for meeting in meetings.only("pk")]
        messages = messages.filter(scope__in=scopes)
    return {
        "people": people,
        "registrations": registrations,
        "invitations": invitations,
        "messages": messages,
        "other": _held_elsewhere(people),
    }


def _held_elsewhere(people):
    other = {}
    for _receiver, answer in personal_data_requested.send(sender=Person, people=people):
        other.update(answer)
    return other


def export(email, meetings=None):
    """The data held about one person (within `meetings`) as a JSON document (a string), in
    Danish headings."""
    held = held_about(email, meetings)
    document = {
        "e-mail": email.strip(),
        "udtrukket": timezone.now(),
        "personer": _rows(held["people"]),
        "tilmeldinger": _rows(held["registrations"]),
        "invitationer": _rows(held["invitations"]),
        "e-mails": [_redacted(row) for row in _rows(held["messages"])],
        **{heading: list(rows) for heading, rows in held["other"].items()},
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _rows(queryset):
    rows = serializers.serialize("python", queryset.order_by("pk"))
    return [
        {"id": row["pk"]}
        | {name: value for name, value in row["fields"].items() if name not in SECRET_FIELDS}
        for row in rows
    ]


def _redacted(message):
    """An e-mail's row without the personal links in its texts and its attachments."""
    for name in ("subject", "body_text", "body_html"):
        message[name] = SECRET_PATTERN.sub(REDACTED, message[name])
    message["attachments"] = [
        {"filename": file.get("filename"), "mimetype": file.get("mimetype")}
        for file in message["attachments"]
    ]
    return message


def erase(email, meetings=None):
    """Erases the person with this e-mail address (within `meetings`): registrations are
    anonymised (a meeting's figures stay right), invitations, person records, e-mails and what
    the apps above hold about her deleted. Returns the counts, the latter under "other"."""
    held = held_about(email, meetings)
    with transaction.atomic():
        registrations = list(
            _not_anonymised(Registration.objects.filter(pk__in=held["registrations"].values("pk")))
            .select_for_update()
            .order_by("pk")
        )
        _anonymise(registrations)
        # Evaluated before the invitations go: the scope of the rest depends on them.
        people = list(held["people"])
        other = {
            heading: rows.model.objects.filter(pk__in=rows.values("pk")).delete()[0]
            for heading, rows in held["other"].items()
        }
        messages = list(held["messages"].values_list("pk", flat=True))
        invitations = held["invitations"].count()
        held["invitations"].delete()
        # A politician's login made by signing in with a link goes with her person, and with it
        # all that hangs on the user (her private notes, calendar feed, memberships, answers).
        get_user_model().objects.filter(
            person__in=[person.pk for person in people], is_staff=False, is_superuser=False
        ).delete()
        Person.objects.filter(pk__in=[person.pk for person in people]).delete()
        Message.objects.filter(pk__in=messages).delete()
    return {
        "registrations": len(registrations),
        "invitations": invitations,
        "people": len(people),
        "messages": len(messages),
        "other": other,
    }
