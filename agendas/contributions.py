"""What agendas adds to the meetings' pages (meetings/contributions.py): the meeting page's
links to its latest published agenda, its approved referat and its public bilag, the search
page's hits in published agendas, the agenda panel of the meeting's admin page, and the agenda
PDFs that export_pdf writes."""

from klmeetings.richtext import plain_text
from meetings.contributions import MeetingParts, SearchGroup
from meetings.search import clean_query, finds, snippet

from .models import Agenda
from .services.document import PUBLIC, closed_now, for_audience, item_text
from .services.exports import meeting_documents
from .services.search import search_agendas


def meeting_page_context(meeting):
    """`agenda_links`: None while the meeting has no published agenda nor approved referat;
    else the agenda, its latest `version` (or None), whether the referat is approved and the
    public bilag of that version, each with its item. Four queries at most."""
    agenda = Agenda.objects.filter(meeting=meeting).first()
    version = agenda.latest_version() if agenda else None
    if version is None and not (agenda and agenda.minutes_approved_at):
        return {"agenda_links": None}
    attachments = []
    if version is not None:
        document = for_audience(version.document, PUBLIC, closed_now([agenda.pk])[agenda.pk])
        attachments = [
            {"id": attachment["id"], "title": attachment["title"], "item": item}
            for item in document["items"]
            for attachment in item["attachments"]
        ]
    return {
        "agenda_links": {
            "agenda": agenda,
            "version": version,
            "minutes": agenda.minutes_approved_at is not None,
            "attachments": attachments,
        }
    }


def public_text(result, query):
    """The text a hit's snippet is cut from: the first public item in which the query's words
    are marked (an earlier item may match the search by a shorter stem only), else the first
    matching item, else the meeting's title. Never the stored search text, which may still
    hold an item closed since it was written."""
    texts = [
        f"{item['number']}. {item['title']}\n{plain_text(item_text(item))}"
        for item in result["items"]
    ]
    if not texts:
        return result["agenda"].meeting.title
    return next((text for text in texts if finds(text, query)), texts[0])


def search(query):
    """SearchGroup of the published agendas of public meetings matching `query`, each with a
    snippet of its public text around the first hit."""
    query = clean_query(query)
    results = [
        {**result, "snippet": snippet(public_text(result, query), query)}
        for result in search_agendas(query)
    ]
    return SearchGroup(
        heading="Dagsordener",
        template="agendas/_contrib_search_results.html",
        results=results,
        nothing=f'Ingen offentliggjorte dagsordener matcher "{query}".',
    )


class AgendaParts(MeetingParts):
    page_templates = {
        "documents": ["agendas/_contrib_meeting_documents.html"],
        "panels": ["agendas/_contrib_meeting_panels.html"],
    }

    def page_context(self, meeting):
        return meeting_page_context(meeting)

    def search(self, query):
        return search(query)

    def admin_panel(self, meeting, request):
        from .admin_page import meeting_panel

        return meeting_panel(meeting, request)

    def documents(self, meeting):
        return meeting_documents(meeting)
