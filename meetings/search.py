"""Search: the words of a query marked in a text, a snippet around the first hit, and the
public meetings that match (title, place, organiser, the letter's text). The search page
(views.search) shows them beside what the other apps find (contributions.search).

Marking works on plain text: the hits are found in the text, then each piece is escaped and
the hits wrapped in <mark>, so a mark never lands inside a tag or an entity. A query word
matches the words that begin with it less a Danish ending ("udpegning" marks "udpegninger"),
close to what PostgreSQL's Danish stemming finds."""

import re

from django.db import connection
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from klmeetings.richtext import plain_text

from .contributions import MeetingParts, SearchGroup
from .models import LetterSection, Meeting

SNIPPET_CHARS = 200
MOST_MEETINGS = 50


def clean_query(raw):
    """The query as searched: at most 200 characters, without the NUL that PostgreSQL refuses."""
    return raw.replace("\x00", "")[:200].strip()


def _hit_pattern(query):
    stems = {
        word[: max(4, len(word) - 3)].casefold()
        for word in re.findall(r"\w+", query)
        if len(word) > 2
    }
    if not stems:
        return None
    alternatives = "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def mark(text, query):
    """`text` escaped, with the query's words in <mark>."""
    pattern = _hit_pattern(query)
    if pattern is None:
        return escape(text)
    pieces, end = [], 0
    for hit in pattern.finditer(text):
        pieces += [escape(text[end : hit.start()]), f"<mark>{escape(hit.group())}</mark>"]
        end = hit.end()
    pieces.append(escape(text[end:]))
    return mark_safe("".join(pieces))


def finds(text, query):
    """Whether `mark` would mark a word of `query` in `text`."""
    pattern = _hit_pattern(query)
    return bool(pattern and pattern.search(text))


def snippet(text, query, chars=SNIPPET_CHARS):
    """About `chars` characters of plain `text` around the first hit, marked; the start of
    the text when nothing in it matches."""
    text = " ".join(text.split())
    pattern = _hit_pattern(query)
    hit = pattern.search(text) if pattern else None
    start = max(0, hit.start() - chars // 3) if hit else 0
    if start and (space := text.find(" ", start, hit.start())) >= 0:
        start = space + 1  # begin at a whole word
    end = start + chars
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    piece = mark(text[start:end], query)
    return mark_safe(("… " if start else "") + piece + (" …" if end < len(text) else ""))


def meeting_text(meeting):
    """What a meeting is searched by, as plain text: the letter's headings and text, the
    background, the place and the organiser."""
    parts = [meeting.place, meeting.organiser.name]
    for section in meeting.letter_sections.all():
        parts += [section.heading, plain_text(section.body), section.opener]
    parts.append(plain_text(meeting.background))
    return "\n".join(part for part in parts if part)


def search_meetings(query):
    """SearchGroup of the public meetings matching `query`, newest first.

    PostgreSQL: full-text search with the Danish configuration over the title, place,
    organiser, background and the letter's sections. Elsewhere: every word must occur in one
    of them."""
    query = clean_query(query)
    meetings = Meeting.objects.public()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        found = SearchQuery(query, config="danish", search_type="websearch")
        fields = ("title", "venue_name", "address", "organiser__name", "background")
        sections = LetterSection.objects.annotate(
            search=SearchVector("heading", "body", "opener", config="danish")
        ).filter(search=found)
        meetings = meetings.annotate(search=SearchVector(*fields, config="danish")).filter(
            Q(search=found) | Q(pk__in=sections.values("meeting_id"))
        )
    else:
        for word in query.split():
            meetings = meetings.filter(
                Q(title__icontains=word)
                | Q(venue_name__icontains=word)
                | Q(address__icontains=word)
                | Q(organiser__name__icontains=word)
                | Q(background__icontains=word)
                | Q(letter_sections__body__icontains=word)
            ).distinct()
    meetings = (
        meetings.select_related("organiser")
        .prefetch_related("letter_sections")
        .order_by("-starts_at")[:MOST_MEETINGS]
    )
    results = [
        {
            "meeting": meeting,
            "title": mark(meeting.title, query),
            "snippet": snippet(meeting_text(meeting), query),
        }
        for meeting in meetings
    ]
    return SearchGroup(
        heading="Møder",
        template="meetings/_search_results.html",
        results=results,
        nothing=f'Ingen møder matcher "{query}".',
    )


class MeetingSearch(MeetingParts):
    """The meetings' own group on the search page, beside the other apps'."""

    def search(self, query):
        return search_meetings(query)
