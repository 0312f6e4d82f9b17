"""What Mine møder shows and does: the user's meetings with her registration, agenda,
referat and bilag; her agenda with her notes (page and PDF); her calendar feed."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from agendas.models import Agenda, Item
from agendas.services.document import PUBLIC, STAFF, closed_now, for_audience, version_context
from klmeetings.documents import render_pdf
from meetings import access
from meetings.models import Meeting
from registrations.models import Invitation, Registration, new_secret

from .models import CalendarFeed, ItemNote


def person_of(user):
    """The Person a user signed in as, or None (a password login without one)."""
    return getattr(user, "person", None)  # the reverse one-to-one's error is an AttributeError


def meetings_of(user):
    """The public meetings where the user is a member of the organiser or a co-organiser,
    or her person is invited or registered (not cancelled), by start."""
    condition = access.held_by(access.reader_organiser_ids(user))
    person = person_of(user)
    if person is not None:
        invited = Invitation.objects.filter(person=person).values("meeting_id")
        mine = Q(person=person)
        if person.email:
            mine |= Q(email__iexact=person.email)
        registered = Registration.objects.active().filter(mine).values("meeting_id")
        condition |= Q(pk__in=invited) | Q(pk__in=registered)
    return (
        Meeting.objects.public().filter(condition).select_related("organiser").order_by("starts_at")
    )


@dataclass
class MyMeeting:
    meeting: Meeting
    may_read_closed: bool
    is_member: bool
    registration: Registration | None = None
    agenda: Agenda | None = None
    published: bool = False
    attachments: list = field(default_factory=list)

    @property
    def agenda_url(self):
        name = "agendas:members" if self.may_read_closed else "agendas:detail"
        return reverse(name, args=[self.agenda.pk])

    @property
    def minutes_to_approve(self):
        agenda = self.agenda
        return bool(
            self.is_member
            and agenda
            and agenda.minutes_sent_for_approval_at
            and not agenda.minutes_approved_at
        )


def my_meetings(user):
    """(upcoming, past): MyMeeting rows of `meetings_of(user)`, in a fixed number of queries."""
    meetings = list(meetings_of(user).prefetch_related("co_organisers"))
    ids = [m.pk for m in meetings]
    person = person_of(user)
    registrations = {}
    if person is not None:
        mine = Q(person=person) | (Q(email__iexact=person.email) if person.email else Q())
        for registration in Registration.objects.filter(meeting_id__in=ids).filter(mine):
            registrations.setdefault(registration.meeting_id, registration)
    agendas = {
        a.meeting_id: a
        for a in Agenda.objects.filter(meeting_id__in=ids).prefetch_related("versions")
    }
    hidden = closed_now([a.pk for a in agendas.values()])
    now = timezone.now()
    upcoming, past = [], []
    for meeting in meetings:
        readable = access.may_read_closed(user, meeting)
        row = MyMeeting(
            meeting,
            may_read_closed=readable,
            is_member=access.is_member(user, meeting),
            registration=registrations.get(meeting.pk),
            agenda=agendas.get(meeting.pk),
        )
        if row.agenda is not None:
            versions = sorted(row.agenda.versions.all(), key=lambda v: v.number)
            if versions:
                row.published = True
                audience = STAFF if readable else PUBLIC
                doc = for_audience(versions[-1].document, audience, hidden[row.agenda.pk])
                name = "agendas:members_attachment" if readable else "agendas:attachment"
                row.attachments = [
                    (reverse(name, args=[a["id"]]), a["title"])
                    for item in doc["items"]
                    for a in item["attachments"]
                ]
        (upcoming if meeting.ends_at >= now else past).append(row)
    past.reverse()
    return upcoming, past


def readable_meeting(user, pk):
    """The meeting `pk` if it is among the user's, else None."""
    return meetings_of(user).filter(pk=pk).first()


def agenda_with_notes(user, meeting):
    """The latest published version of the meeting's agenda as the user may read it, each
    item with her note ("note"); None when there is no published agenda."""
    agenda = Agenda.objects.filter(meeting=meeting).first()
    version = agenda and agenda.latest_version()
    if version is None:
        return None
    readable = access.may_read_closed(user, meeting)
    context = version_context(agenda, version, STAFF if readable else PUBLIC)
    notes = dict(
        ItemNote.objects.filter(user=user, item__agenda=agenda).values_list("item_id", "text")
    )
    live = set(Item.objects.filter(agenda=agenda).values_list("pk", flat=True))
    context["doc"]["items"] = [
        {**item, "note": notes.get(item["id"], ""), "can_note": item["id"] in live}
        for item in context["doc"]["items"]
    ]
    context.update(agenda=agenda, current=version, audience_label=readable)
    return context


def notable_item(user, pk):
    """The agenda item `pk` if the user may write a note on it: an item of a published
    agenda of one of her meetings, and a closed one only if she may read closed items."""
    item = Item.objects.select_related("agenda__meeting").filter(pk=pk).first()
    if item is None or not meetings_of(user).filter(pk=item.agenda.meeting_id).exists():
        return None
    context = agenda_with_notes(user, item.agenda.meeting)
    if context is None or not any(i["id"] == item.pk for i in context["doc"]["items"]):
        return None
    return item


def save_note(user, item, text):
    """Keep the user's note on `item`; an empty note is removed."""
    if text.strip():
        ItemNote.objects.update_or_create(item=item, user=user, defaults={"text": text})
    else:
        ItemNote.objects.filter(item=item, user=user).delete()


def save_notes(user, agenda, texts):
    """Keep the user's notes {item id: text} on items of `agenda` (ids the caller took from
    `agenda_with_notes`, so only items she may see)."""
    for item in Item.objects.filter(agenda=agenda, pk__in=list(texts)):
        save_note(user, item, texts[item.pk])


def agenda_with_notes_pdf(user, meeting):
    """ "Dagsorden med mine noter": the user's agenda with her notes, for her alone; None when
    there is no published agenda."""
    context = agenda_with_notes(user, meeting)
    if context is None:
        return None
    context["notes_of"] = person_of(user) or user.get_full_name() or user.get_username()
    context["title"] = "Dagsorden med mine noter"
    return render_pdf("pdf/agenda.html", context)


def calendar_feed(user):
    """The user's calendar feed, made the first time it is asked for."""
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def renew_calendar_feed(user):
    """A new secret address; the old one stops working."""
    feed = calendar_feed(user)
    feed.secret = new_secret()
    feed.save()
    return feed
