"""Who may do what, in one place (SECURITY.md has the whole picture).

- Anyone: the public pages, public PDFs, search, feeds and calendars. They never carry a
  closed item; the app that owns the items filters them, not this module.
- A member or the secretariat of an organiser (`Membership`): reads the closed items of the
  meetings the organiser holds or co-organises.
- The secretariat of an organiser: sees and edits in the admin only those meetings and what
  hangs on them in the apps built on meetings, besides Django's model permissions.
- A superuser (administrator): everything.

Rights are looked up once per request and kept on the user object.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.timezone import localtime

from .models import Meeting, Membership


def _organiser_ids(user, kinds):
    """The ids of the organisers where an active user has a membership of one of `kinds`."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cache = user.__dict__.setdefault("_klmeetings_organisers", {})
    if kinds not in cache:
        cache[kinds] = frozenset(
            Membership.objects.filter(user=user, kind__in=kinds).values_list(
                "organiser_id", flat=True
            )
        )
    return cache[kinds]


def is_administrator(user):
    return user.is_active and user.is_superuser


def secretariat_organiser_ids(user):
    """The organisers whose meetings `user` may edit in the admin (staff only)."""
    if not user.is_staff:
        return frozenset()
    return _organiser_ids(user, (Membership.Kind.SECRETARIAT,))


def reader_organiser_ids(user):
    """The organisers whose closed items `user` may read."""
    return _organiser_ids(user, (Membership.Kind.MEMBER, Membership.Kind.SECRETARIAT))


def held_by(organiser_ids, prefix=""):
    """A filter for rows whose meeting (at `prefix`, e.g. "meeting__") is held or co-organised
    by one of `organiser_ids`. The co-organisers go through a subquery, so a meeting is never
    counted twice."""
    co_organised = Meeting.co_organisers.through.objects.filter(
        organiser_id__in=organiser_ids
    ).values("meeting_id")
    return Q(**{f"{prefix}organiser_id__in": organiser_ids}) | Q(
        **{f"{prefix}pk__in": co_organised}
    )


def editable(queryset, user, prefix=""):
    """`queryset` narrowed to the rows whose meeting `user` may edit in the admin."""
    if is_administrator(user):
        return queryset
    return queryset.filter(held_by(secretariat_organiser_ids(user), prefix))


def may_read_closed(user, meeting):
    """Whether `user` may read the closed items of `meeting` (its organiser and co-organisers
    are asked for at most once)."""
    if is_administrator(user):
        return True
    return _held_by_any(meeting, reader_organiser_ids(user))


def _held_by_any(meeting, organiser_ids):
    """Whether the meeting's organiser or a co-organiser is among `organiser_ids`; with the
    co-organisers prefetched (a list of meetings), no query."""
    if not organiser_ids:
        return False
    if meeting.organiser_id in organiser_ids:
        return True
    if "co_organisers" in getattr(meeting, "_prefetched_objects_cache", {}):
        return any(organiser.pk in organiser_ids for organiser in meeting.co_organisers.all())
    return meeting.co_organisers.filter(pk__in=organiser_ids).exists()


def members(meeting):
    """The active users with a membership (as member) of the meeting's organiser or a
    co-organiser: those who approve its referat."""
    organiser_ids = [meeting.organiser_id, *meeting.co_organisers.values_list("pk", flat=True)]
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__kind=Membership.Kind.MEMBER,
            memberships__organiser_id__in=organiser_ids,
        )
        .distinct()
    )


def is_member(user, meeting):
    """Whether `user` is one of `members(meeting)` (the secretariat is not)."""
    return _held_by_any(meeting, _organiser_ids(user, (Membership.Kind.MEMBER,)))


def refuse_closed(request, meeting):
    """For the members' pages: None when the user may read the meeting's closed items;
    otherwise the answer: a visitor is sent to the members' login, a logged-in user without
    the right is refused (403), staff or not."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_read_closed(request.user, meeting):
        raise PermissionDenied("Du har ikke adgang til lukkede punkter for dette møde.")
    return None


# In `OrganiserScopedAdmin.scoped_fields`: a foreign key to an organiser.
ORGANISER = None


class OrganiserScopedAdmin:
    """ModelAdmin mixin: the secretariat sees, changes and deletes only rows of meetings its
    organisers hold, and picks only those in forms; superusers see all. Custom admin views
    that look a row up themselves must check it with `has_view_permission(request, obj)`.

    `meeting_prefix` is the lookup from the model to its meeting ("" for Meeting itself,
    "meeting__", "agenda__meeting__"), or ORGANISER for a model with its own `organiser`.
    `scoped_fields` maps a foreign key to the same kind of lookup from the model it points
    to (ORGANISER for a key to an organiser), so its choices are narrowed the same way."""

    meeting_prefix = "meeting__"
    scoped_fields = {}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.meeting_prefix is ORGANISER:
            return scoped_choices(queryset, request.user, ORGANISER, field="organiser_id")
        return editable(queryset, request.user, self.meeting_prefix)

    def in_scope(self, request, obj):
        if obj is None or obj.pk is None or is_administrator(request.user):
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.in_scope(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.name in self.scoped_fields:
            field.queryset = scoped_choices(
                field.queryset, request.user, self.scoped_fields[db_field.name]
            )
        choices = getattr(field, "queryset", None)
        if choices is not None and choices.model is Meeting:
            # a KKR meets five times a year under the same title
            field.queryset = choices.select_related("organiser")
            field.label_from_instance = meeting_choice_label
        return field


def meeting_choice_label(meeting):
    """How a meeting is named where one is picked: 'Møde i KKR Sjælland (KKR Sjælland,
    16-01-2027)'; the meeting's organiser must be read along with it."""
    return f"{meeting.title} ({meeting.organiser}, {localtime(meeting.starts_at):%d-%m-%Y})"


def scoped_choices(queryset, user, prefix, field="pk"):
    """Rows of meetings (at `prefix`) that `user` may edit; with `prefix` ORGANISER, the
    organisers (by `field`) whose secretariat the user is."""
    if is_administrator(user):
        return queryset
    if prefix is ORGANISER:
        return queryset.filter(**{f"{field}__in": secretariat_organiser_ids(user)})
    return editable(queryset, user, prefix)
