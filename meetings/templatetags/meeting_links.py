"""{% meeting_links meeting %}: the way back to a meeting from pages about it that are not
its page (a registration's receipt, confirmation and change pages): its page with the
programme, and the documents the apps add (the agenda and referat)."""

from django import template

from .. import contributions

register = template.Library()


@register.inclusion_tag("meetings/_meeting_links.html")
def meeting_links(meeting):
    return {
        "meeting": meeting,
        "contributed": contributions.page_templates(),
        **contributions.page_context(meeting),
    }
