"""An RSS feed of published agendas and corrections; public items only."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape

from .models import AgendaVersion
from .services.document import PUBLIC, closed_now, for_audience, public_changes


class PublishedAgendasFeed(Feed):
    title = "KL-møder: offentliggjorte dagsordener"
    description = "Nye og rettede dagsordener fra KL's udvalg og KKR."

    def link(self):
        return reverse("agendas:search")

    def items(self):
        versions = list(
            AgendaVersion.objects.public()
            .select_related("agenda__meeting")
            .order_by("-published_at")[:30]
        )
        # items closed since a version was published are left out of it too
        hidden = closed_now({v.agenda_id for v in versions})
        for version in versions:
            version.hidden = hidden[version.agenda_id]
        return versions

    def item_title(self, item):
        return (
            f"{item.label}: {item.document['organiser']} {item.agenda.meeting.starts_at:%d-%m-%Y}"
        )

    def item_description(self, item):
        hidden = item.hidden
        public = for_audience(item.document, PUBLIC, hidden)
        lines = [f"{i['number']}. {i['title']}" for i in public["items"]]
        lines += public_changes(item.changes, hidden)
        return "<br>".join(escape(line) for line in lines)

    def item_link(self, item):
        return reverse("agendas:version", args=[item.agenda_id, item.number])

    def item_pubdate(self, item):
        return item.published_at
