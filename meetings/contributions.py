"""What the apps built on meetings add to a meeting's pages, without meetings naming them.

An app subclasses `MeetingParts`, overrides what it adds, and registers one instance in its
AppConfig.ready()::

    def ready(self):
        from meetings import contributions

        from .contributions import AgendaParts

        contributions.register(AgendaParts())

`MeetingParts` is the whole interface: a subclass that defines a public name the interface
does not declare (a misspelt method) or a place on the page that does not exist raises
ImproperlyConfigured when the class is made, so the portal does not start. The parts are
asked in the order they were registered, which is the order of INSTALLED_APPS (Django calls
ready() in that order). What happens to a meeting (cancelled, copied) is not a part but an
event: a signal in meetings/signals.py.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

PLACES = ("facts", "actions", "documents", "panels")


class MeetingParts:
    """The parts an app adds to meetings' pages and documents; each default adds nothing."""

    # {place: [template, ...]}: templates the meeting page (meetings/meeting_detail.html)
    # includes with `meeting` and the page context in their context. Places: "facts"
    # (<dt>/<dd> rows under time, place and deadline), "actions" (buttons under the facts and
    # again after the programme; `where` is "top" or "end"), "documents" (<li> links beside
    # the meeting's own PDFs) and "panels" (<section>s with an h2 after the programme). Name
    # them `<app>/_contrib_*.html`.
    page_templates = {}

    def registration_path(self, meeting):
        """The path of the page where one signs up for `meeting`, or None. The first app that
        answers gives the meeting its `registration_path` and `registration_url` (the page,
        the letter, the .ics)."""
        return None

    def page_context(self, meeting):
        """A dict joining the meeting page's context, for the app's templates; keys named
        after the app, a fixed number of queries whatever the data. A `page_changes_at` in it
        (a moment when the app's part changes by itself) keeps the cached page no longer."""
        return {}

    def search(self, query):
        """A `SearchGroup` of the app's public rows matching `query` for the search page, or
        None when the app has nothing to search."""
        return None

    def admin_panel(self, meeting, request):
        """The HTML of the app's panel on the meeting's page in the admin, or None."""
        return None

    def documents(self, meeting):
        """[(filename, bytes)]: the app's documents of `meeting`, which export_pdf writes
        after the meeting's own."""
        return []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        declared = set(vars(MeetingParts))
        unknown = sorted(
            name for name in vars(cls) if not name.startswith("_") and name not in declared
        )
        if unknown:
            raise ImproperlyConfigured(
                f"{cls.__qualname__} defines {', '.join(unknown)}, which MeetingParts does not "
                f"declare (meetings/contributions.py)."
            )
        if places := sorted(set(cls.page_templates) - set(PLACES)):
            raise ImproperlyConfigured(
                f"{cls.__qualname__}.page_templates names {', '.join(places)}: the meeting "
                f"page's places are {', '.join(PLACES)}."
            )


# Keyed by the class, so a second ready() (a test that re-runs it) registers nothing twice.
_registered = {}


def register(parts):
    """Adds an app's `MeetingParts` instance; call it from the app's AppConfig.ready()."""
    if not isinstance(parts, MeetingParts):
        raise ImproperlyConfigured(f"{parts!r} is not a MeetingParts (meetings/contributions.py).")
    _registered.setdefault(type(parts), parts)


def registered():
    """Every app's parts, in the order of INSTALLED_APPS."""
    return list(_registered.values())


def registration_path(meeting):
    for parts in registered():
        if path := parts.registration_path(meeting):
            return path
    return None


def page_templates():
    """{place: [template name, ...]} over every app."""
    places = {place: [] for place in PLACES}
    for parts in registered():
        for place, names in parts.page_templates.items():
            places[place].extend(names)
    return places


def page_context(meeting):
    """What every app adds to the meeting page's context. An app whose part changes by itself
    at a moment (registration opens or closes) says so as `page_changes_at`; the context holds
    the earliest, for the page cache."""
    context, moments = {}, []
    for parts in registered():
        contributed = dict(parts.page_context(meeting))
        if (moment := contributed.pop("page_changes_at", None)) is not None:
            moments.append(moment)
        context.update(contributed)
    context["page_changes_at"] = min(moments, default=None)
    return context


@dataclass
class SearchGroup:
    """One app's hits on the search page: `template` shows `results` (with their snippets)
    under the h2 `heading`; `nothing` is said when there are none."""

    heading: str
    template: str
    results: list
    nothing: str


def search(query):
    """[SearchGroup] of every app that searches, in the order of INSTALLED_APPS."""
    return [group for parts in registered() if (group := parts.search(query)) is not None]


def admin_panels(meeting, request):
    """The HTML of every app's panel on the meeting's admin page."""
    return [html for parts in registered() if (html := parts.admin_panel(meeting, request))]


def documents(meeting):
    """[(filename, bytes)] of every app's documents for `meeting`."""
    return [document for parts in registered() for document in parts.documents(meeting)]
