"""Search across the public text of published agendas."""

from django.db import connection
from django.db.models import Prefetch

from ..models import Agenda, AgendaVersion
from .document import PUBLIC, closed_now, for_audience, item_text


def search_agendas(query):
    """Published agendas whose public text matches, newest first, with the matching items.

    PostgreSQL: full-text search with the Danish configuration (stemming: "udpegning" finds
    "udpegninger"). Elsewhere: every word must occur."""
    query = query.strip()
    if not query:
        return []
    agendas = (
        Agenda.objects.public()
        .exclude(search_text="")
        .select_related("meeting__organiser")
        .prefetch_related(Prefetch("versions", AgendaVersion.objects.order_by("-number")))
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        agendas = agendas.annotate(search=SearchVector("search_text", config="danish")).filter(
            search=SearchQuery(query, config="danish", search_type="websearch")
        )
    else:
        for word in query.split():
            agendas = agendas.filter(search_text__icontains=word)
    results = []
    words = [w.casefold() for w in query.split() if len(w) > 2]
    agendas = list(agendas.order_by("-meeting__starts_at"))
    hidden = closed_now([a.pk for a in agendas])
    for agenda in agendas:
        version = agenda.versions.all()[0]
        items = [
            i
            for i in for_audience(version.document, PUBLIC, hidden[agenda.pk])["items"]
            if any(w[:5] in (i["title"] + item_text(i)).casefold() for w in words)
        ]
        results.append({"agenda": agenda, "items": items})
    return results
