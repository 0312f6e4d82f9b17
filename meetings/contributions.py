"""What the apps built on meetings add to a meeting, without meetings naming them.

An app declares it on its AppConfig; meetings asks every installed app, in the order of
INSTALLED_APPS:

- `meeting_registration_path(self, meeting)`: a method returning the path of the page where
  one signs up for `meeting`, or None. The first app that answers gives the meeting its
  `registration_path` and `registration_url` (the page, the letter, the .ics).
- `meeting_page_templates`: a dict from a place on the meeting page to a list of templates
  included there with `meeting` in their context. The places are "facts" (`<dt>`/`<dd>` rows
  in the list of time, place and deadline), "actions" (buttons, shown under the facts and
  again after the programme; `where` is "top" or "end"), "documents" (`<li>` links in the
  list of the meeting's documents near the top) and "panels" (`<section>`s after the
  programme, each with an h2).
- `meeting_page_context(self, meeting)`: a method returning a dict added to the meeting
  page's context, for the app's templates above; keys named after the app, a fixed number of
  queries whatever the data.
- `search(self, query)`: a method returning a `SearchGroup` of the app's public rows matching
  `query`, for the search page (meetings/search.py).
- `meeting_admin_panel(self, meeting, request)`: a method returning the HTML of the app's
  panel on the meeting's page in the admin (sign-ups, mailings, the agenda ...), or None.
- `meeting_cancelled(self, meeting)`: a method called inside the transaction that cancels
  the meeting (tell the registered, ...); returns a Danish sentence for the secretary, or None.
- `meeting_copied(self, source, copy, delta)`: a method called inside the transaction that
  copies `source` to `copy` (its times moved by the timedelta `delta`), to copy the app's own
  rows of the meeting (such as its sign-up settings, and with them the mailings).
- `meeting_documents`: the dotted path of a function returning [(filename, bytes)], the
  documents the app has for a meeting (export_pdf writes them after the meeting's own).
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.module_loading import import_string

PLACES = ("facts", "actions", "documents", "panels")


def registration_path(meeting):
    for config in apps.get_app_configs():
        path_for = getattr(config, "meeting_registration_path", None)
        if path_for and (path := path_for(meeting)):
            return path
    return None


def page_templates():
    """{place: [template name, ...]} over every app."""
    places = {place: [] for place in PLACES}
    for config in apps.get_app_configs():
        for place, names in getattr(config, "meeting_page_templates", {}).items():
            places[place].extend(names)
    return places


def page_context(meeting):
    """What every app adds to the meeting page's context. An app whose part changes by itself
    at a moment (registration opens or closes) says so as `page_changes_at`; the context holds
    the earliest, for the page cache."""
    context, moments = {}, []
    for config in apps.get_app_configs():
        if context_for := getattr(config, "meeting_page_context", None):
            contributed = dict(context_for(meeting))
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
    return [
        search_app(query)
        for config in apps.get_app_configs()
        if (search_app := getattr(config, "search", None))
    ]


def admin_panels(meeting, request):
    """The HTML of every app's panel on the meeting's admin page."""
    panels = []
    for config in apps.get_app_configs():
        panel_for = getattr(config, "meeting_admin_panel", None)
        if panel_for and (html := panel_for(meeting, request)):
            panels.append(html)
    return panels


def meeting_cancelled(meeting):
    """Lets every app act on a meeting just cancelled; the sentences they report."""
    reports = []
    for config in apps.get_app_configs():
        on_cancel = getattr(config, "meeting_cancelled", None)
        if on_cancel and (report := on_cancel(meeting)):
            reports.append(report)
    return reports


def meeting_copied(source, copy, delta):
    for config in apps.get_app_configs():
        on_copy = getattr(config, "meeting_copied", None)
        if on_copy:
            on_copy(source, copy, delta)


def documents(meeting):
    """[(filename, bytes)] of every app's documents for `meeting`."""
    result = []
    for config in apps.get_app_configs():
        if path := getattr(config, "meeting_documents", None):
            result.extend(import_string(path)(meeting))
    return result
