"""The document of an agenda: what its page, its PDFs, the feed and the search show, and
what of it the public may see (no closed item, no closed section, nor their bilag)."""

from datetime import datetime

from django.db.models import Q, Value
from django.utils import timezone

from klmeetings.documents import render_pdf
from klmeetings.richtext import sanitize_html

from ..models import ClosedRecord, Item, Section

# The two audiences of a document: anyone, and the members and secretariat with closed items.
PUBLIC = "public"
STAFF = "staff"


def build_document(agenda, *, minutes=False):
    """The agenda as a plain dict (JSON-ready), with derived numbers and sanitised text.

    Made in a fixed number of queries (items, sections, bilag), whatever the number of items.
    With `minutes`, the sections are the decisions only (the referat); otherwise every section
    except decisions."""
    meeting = agenda.meeting
    items = list(agenda.items.prefetch_related("sections", "attachments"))
    entries = []
    hidden_parents = set()
    for item, number in agenda.numbered_items(items):
        closed = item.closed or item.parent_id in hidden_parents
        if item.closed and item.parent_id is None:
            hidden_parents.add(item.pk)
        sections = [
            {
                "id": s.pk,
                "kind": s.kind,
                "heading": s.heading,
                "html": sanitize_html(s.body),
                "closed": s.closed,
            }
            for s in item.sections.all()
            if (s.kind == Section.Kind.DECISION) == minutes
        ]
        entries.append(
            {
                "id": item.pk,
                "number": number,
                "anchor": "punkt-" + number.replace(".", "-"),
                "level": 1 if item.parent_id is None else 2,
                "title": item.title,
                "case_line": item.case_line,
                "closed": closed,
                "sections": sections,
                "attachments": [{"id": a.pk, "title": a.title} for a in item.attachments.all()],
            }
        )
    return {
        "organiser": meeting.organiser.name,
        "meeting": meeting.title,
        "starts_at": timezone.localtime(meeting.starts_at).isoformat(),
        "venue": meeting.place,
        "mission": agenda.mission,
        "vision": agenda.vision,
        "attendance": attendance_rows(agenda.attendance),
        "case_number": meeting.case_number,
        "items": entries,
    }


def attendance_rows(text):
    """[{"label", "names"}] from the agenda's lines "Fraværende: Anne Hansen, Bo Jensen"."""
    rows = []
    for line in (text or "").splitlines():
        label, colon, names = line.partition(":")
        if line.strip():
            rows.append({"label": label.strip(), "names": names.strip()} if colon else
                        {"label": "", "names": line.strip()})  # fmt: skip
    return rows


def closed_now(agenda_ids):
    """{agenda id: what of it is closed now or was ever closed}: the ids of items, and
    ("section", id) for sections.

    A published version is frozen, but an item or section closed after publishing must vanish
    from the public at once, from that version and every earlier one, without waiting for the
    next; and stay out after it is opened, moved or deleted (ClosedRecord). The current rows
    are asked too, for a flag set without save() (a queryset update)."""
    hidden = set()
    for kind, pk in ClosedRecord.objects.values_list("kind", "object_id"):
        hidden.add(pk if kind == ClosedRecord.Kind.ITEM else ("section", pk))
    items = (
        Item.objects.filter(agenda_id__in=agenda_ids)
        .filter(Q(closed=True) | Q(parent__closed=True))
        .annotate(is_section=Value(False))
        .values_list("id", "is_section")
        .order_by()
    )
    sections = (
        Section.objects.filter(item__agenda_id__in=agenda_ids, closed=True)
        .annotate(is_section=Value(True))
        .values_list("id", "is_section")
        .order_by()
    )
    for pk, is_section in items.union(sections, all=True).order_by():
        hidden.add(("section", pk) if is_section else pk)
    # Ids are unique across agendas, so one set serves them all.
    return dict.fromkeys(agenda_ids, frozenset(hidden))


def for_audience(document, audience, hidden=frozenset()):
    """The document as the audience may see it: the public gets no closed item (not even its
    title) and no closed section, nor any item or section in `hidden` (closed since); the
    members get everything, with what is in `hidden` marked closed too."""
    items = []
    for item in document["items"]:
        closed = item["closed"] or item["id"] in hidden
        if closed and audience != STAFF:
            continue
        sections = [
            {**s, "closed": s["closed"] or ("section", s.get("id")) in hidden}
            for s in item["sections"]
        ]
        if audience != STAFF:
            sections = [s for s in sections if not s["closed"]]
        items.append({**item, "closed": closed, "sections": sections})
    return {**document, "items": items}


def public_changes(changes, hidden=frozenset()):
    return [c["text"] for c in changes if not c.get("closed") and c.get("item") not in hidden]


def document_context(document, audience, *, title, version=None, changes=(), hidden=frozenset()):
    doc = for_audience(document, audience, hidden)
    starts_at = datetime.fromisoformat(doc["starts_at"])
    return {
        "doc": doc,
        "title": title,
        "starts_at": starts_at,
        "audience": audience,
        "version": version,
        "changes": changes if audience == STAFF else public_changes(changes, hidden),
        "letterhead": {"date": starts_at.date(), "case_number": doc.get("case_number", "")},
    }


def version_context(agenda, version, audience):
    """document_context() of a published version of `agenda`, as its pages show it."""
    return document_context(
        version.document,
        audience,
        title=version.label,
        version=version.number,
        changes=version.changes,
        hidden=closed_now([agenda.pk])[agenda.pk],
    )


def agenda_pdf(agenda, audience, *, version=None):
    """The PDF of a published version (the latest when not given), or of the draft when the
    agenda has never been published or `version` is the string "draft"."""
    if version is None:
        version = agenda.latest_version()
    if version is None or version == "draft":
        hidden = closed_now([agenda.pk])[agenda.pk]
        context = document_context(
            build_document(agenda), audience, title="Dagsorden", hidden=hidden
        )
    else:
        context = version_context(agenda, version, audience)
    return render_pdf("pdf/agenda.html", context)


def minutes_pdf(agenda, audience):
    """The referat: the approved one when there is one, else the draft from the live rows."""
    document = agenda.minutes_document or build_document(agenda, minutes=True)
    context = document_context(
        document, audience, title="Referat", hidden=closed_now([agenda.pk])[agenda.pk]
    )
    context["approved_at"] = agenda.minutes_approved_at
    return render_pdf("pdf/referat.html", context)


def item_text(item):
    """The headings and texts of an item of a document, for comparing and searching."""
    return "\n".join(f"{s['heading']}\n{s['html']}" for s in item["sections"])


def attachment_is_published(attachment, audience):
    """Whether a bilag is in the latest published version as `audience` may see it: a bilag
    added since is not, and the public never gets one of a closed item (closed then or since)."""
    agenda_id = attachment.item.agenda_id
    version = attachment.item.agenda.latest_version()
    if version is None:
        return False
    document = version.document
    if audience != STAFF:
        document = for_audience(document, PUBLIC, closed_now([agenda_id])[agenda_id])
    return any(a["id"] == attachment.pk for item in document["items"] for a in item["attachments"])
