"""Operations on agendas: the document of an agenda (what the page and the PDFs show), publishing
and corrections, minutes, standard items, moving items between meetings, search, and import
from plain text and from Word."""

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max, Prefetch, Q
from django.utils import timezone

from klmeetings.documents import render_pdf
from klmeetings.richtext import sanitize_html
from meetings.models import Meeting, Organiser

from .models import Agenda, AgendaVersion, Item, Section, StandardItem

PUBLIC = "public"
STAFF = "staff"


# --- The document -------------------------------------------------------------------------


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
        "case_number": meeting.case_number,
        "items": entries,
    }


def closed_now(agenda_ids):
    """{agenda id: what of it is closed now}, in two queries: the ids of closed items, and
    ("section", id) for closed sections.

    A published version is frozen, but an item or section closed after publishing must vanish
    from the public at once, from that version and every earlier one, without waiting for the
    next."""
    hidden = {pk: set() for pk in agenda_ids}
    items = Item.objects.filter(agenda_id__in=agenda_ids).filter(
        Q(closed=True) | Q(parent__closed=True)
    )
    for agenda_id, item_id in items.values_list("agenda_id", "id"):
        hidden[agenda_id].add(item_id)
    sections = Section.objects.filter(item__agenda_id__in=agenda_ids, closed=True)
    for agenda_id, section_id in sections.values_list("item__agenda_id", "id"):
        hidden[agenda_id].add(("section", section_id))
    return hidden


def for_audience(document, audience, hidden=frozenset()):
    """The document as the audience may see it: the public gets no closed item (not even its
    title) and no closed section, nor any item or section in `hidden` (closed since)."""
    if audience == STAFF:
        return document
    items = []
    for item in document["items"]:
        if item["closed"] or item["id"] in hidden:
            continue
        sections = [
            s
            for s in item["sections"]
            if not s["closed"] and ("section", s.get("id")) not in hidden
        ]
        items.append({**item, "sections": sections})
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


def agenda_pdf(agenda, audience, *, version=None):
    """The PDF of a published version (the latest when not given), or of the draft when the
    agenda has never been published or `version` is the string "draft"."""
    if version == "draft" or (version is None and not agenda.versions.exists()):
        document, number, changes = build_document(agenda), None, []
    else:
        version = version or agenda.versions.order_by("-number").first()
        document, number, changes = version.document, version.number, version.changes
    title = "Dagsorden" if not number or number == 1 else "Rettet dagsorden"
    context = document_context(
        document,
        audience,
        title=title,
        version=number,
        changes=changes,
        hidden=closed_now([agenda.pk])[agenda.pk],
    )
    return render_pdf("pdf/agenda.html", context)


def minutes_pdf(agenda, audience):
    """The referat: the approved one when there is one, else the draft from the live rows."""
    document = agenda.minutes_document or build_document(agenda, minutes=True)
    context = document_context(
        document, audience, title="Referat", hidden=closed_now([agenda.pk])[agenda.pk]
    )
    context["approved_at"] = agenda.minutes_approved_at
    return render_pdf("pdf/referat.html", context)


# --- Publishing ---------------------------------------------------------------------------


def _text_of(item):
    return "\n".join(f"{s['heading']}\n{s['html']}" for s in item["sections"])


def diff_documents(old, new):
    """What changed between two published versions, as [{"text", "closed"}] in Danish.

    Entries about closed items carry closed=True so that the public never reads their titles."""
    changes = []
    old_items = {i["id"]: i for i in old["items"]}
    new_ids = {i["id"] for i in new["items"]}
    for key, label in (("starts_at", "Tidspunkt"), ("venue", "Sted")):
        if old.get(key) != new.get(key):
            changes.append({"text": f"{label} er ændret.", "closed": False})
    for item in new["items"]:
        name = f"{item['number']}. {item['title']}"
        before = old_items.get(item["id"])
        closed = item["closed"] or bool(before and before["closed"])

        def entry(text, closed=closed, item=item):
            return {"text": text, "closed": closed, "item": item["id"]}

        if before is None:
            changes.append({"text": f"Nyt punkt: {name}", "closed": closed, "item": item["id"]})
            continue
        if before["number"] != item["number"]:
            changes.append(entry(f"Punkt {before['number']} er nu {name}"))
        if before["title"] != item["title"]:
            changes.append(entry(f"Ny titel: {name}"))
        if _text_of(before) != _text_of(item) or before["case_line"] != item["case_line"]:
            changes.append(entry(f"Teksten er ændret: {name}"))
        if before["attachments"] != item["attachments"]:
            changes.append(entry(f"Bilag er ændret: {name}"))
    for item in old["items"]:
        if item["id"] not in new_ids:
            changes.append(
                {
                    "text": f"Punkt udgået: {item['number']}. {item['title']}",
                    "closed": item["closed"],
                    "item": item["id"],
                }
            )
    return changes


def compare_versions(old, new, audience=PUBLIC, hidden=frozenset()):
    """The items that differ between two versions, as (before, after) pairs of items as the
    audience may see them; an item is None on the side where it does not exist."""
    old, new = for_audience(old, audience, hidden), for_audience(new, audience, hidden)
    before = {i["id"]: i for i in old["items"]}
    pairs = []
    for item in new["items"]:
        previous = before.pop(item["id"], None)
        if previous is None or any(
            previous[key] != item[key]
            for key in ("number", "title", "case_line", "sections", "attachments")
        ):
            pairs.append((previous, item))
    pairs += [(item, None) for item in before.values()]
    return pairs


def search_text(document, hidden=frozenset()):
    public = for_audience(document, PUBLIC, hidden)
    parts = [public["meeting"], public["organiser"]]
    for item in public["items"]:
        parts.append(f"{item['number']}. {item['title']}")
        for section in item["sections"]:
            parts.append(html.unescape(re.sub(r"<[^>]+>", " ", section["html"])))
    return "\n".join(parts)


@transaction.atomic
def publish_agenda(agenda, user=None):
    """Freeze the agenda as its next version. Raises ValidationError when nothing changed."""
    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)
    document = build_document(agenda)
    if not document["items"]:
        raise ValidationError("Dagsordenen har ingen punkter.")
    last = agenda.versions.order_by("-number").first()
    if last and last.document == document:
        raise ValidationError(f"Intet er ændret siden version {last.number}.")
    version = AgendaVersion.objects.create(
        agenda=agenda,
        number=(last.number + 1) if last else 1,
        document=document,
        changes=diff_documents(last.document, document) if last else [],
        published_by=user,
    )
    agenda.search_text = search_text(document)
    agenda.save(update_fields=["search_text", "updated_at"])
    return version


def refresh_search_text(agenda):
    """Take items closed since the last publishing out of the search text at once."""
    version = agenda.versions.order_by("-number").first()
    if version is not None:
        text = search_text(version.document, closed_now([agenda.pk])[agenda.pk])
        Agenda.objects.filter(pk=agenda.pk).update(search_text=text)


@transaction.atomic
def approve_minutes(agenda, user=None):
    """Approve the referat: every sub-item (and every heading without any) needs a Beslutning."""
    document = build_document(agenda, minutes=True)
    parents = {i["id"] for i in document["items"]} & set(
        agenda.items.filter(parent__isnull=False).values_list("parent_id", flat=True)
    )
    missing = [
        f"{i['number']}. {i['title']}"
        for i in document["items"]
        if not i["sections"] and i["id"] not in parents
    ]
    if missing:
        raise ValidationError("Disse punkter mangler en beslutning: " + "; ".join(missing))
    agenda.minutes_document = document
    agenda.minutes_approved_at = timezone.now()
    agenda.minutes_approved_by = user
    agenda.save()
    return agenda


# --- Editing ------------------------------------------------------------------------------


def set_sections(item, texts):
    """Write the main sections of an item from {kind: html}; an empty text removes it."""
    existing = {s.kind: s for s in item.sections.all() if s.kind != Section.Kind.OTHER}
    order = list(Section.Kind.values)
    for kind, text in texts.items():
        body = sanitize_html(text)
        section = existing.get(kind)
        if not body:
            if section:
                section.delete()
            continue
        if section is None:
            Section.objects.create(item=item, kind=kind, body=body, position=order.index(kind))
        elif section.body != body:
            section.body = body
            section.save()


def next_position(agenda, parent=None):
    top = agenda.items.filter(parent=parent).aggregate(m=Max("position"))["m"]
    return 0 if top is None else top + 1


@transaction.atomic
def add_standard_items(agenda):
    """Add the organiser's standard items that the agenda lacks; returns how many."""
    added = 0
    for standard in StandardItem.objects.filter(organiser=agenda.meeting.organiser):
        heading = agenda.items.filter(parent=None, title=standard.heading).first()
        if heading is None:
            heading = Item.objects.create(
                agenda=agenda, title=standard.heading, position=next_position(agenda)
            )
            added += 1
        if standard.title and not heading.children.filter(title=standard.title).exists():
            item = Item.objects.create(
                agenda=agenda,
                parent=heading,
                title=standard.title,
                position=next_position(agenda, heading),
            )
            if standard.recommendation:
                set_sections(
                    item, {Section.Kind.RECOMMENDATION: f"<p>{standard.recommendation}</p>"}
                )
            added += 1
    return added


@transaction.atomic
def move_item(item, target_agenda, *, copy=False):
    """Move (or copy) an item with its sections and bilag to the agenda of a later meeting.

    It goes under a heading of the same title there, made at the end when missing; a heading
    moves with its sub-items."""
    source = item.agenda
    if target_agenda.meeting.starts_at <= source.meeting.starts_at:
        raise ValidationError("Et punkt kan kun flyttes eller kopieres til et senere møde.")
    parent = None
    if item.parent_id:
        parent = target_agenda.items.filter(parent=None, title=item.parent.title).first()
        if parent is None:
            parent = Item.objects.create(
                agenda=target_agenda,
                title=item.parent.title,
                position=next_position(target_agenda),
            )
    new = _place(item, target_agenda, parent, copy)
    for child in list(item.children.all()):
        _place(child, target_agenda, new, copy)
    return new


def _place(item, agenda, parent, copy):
    position = next_position(agenda, parent)
    if not copy:
        item.agenda, item.parent, item.position = agenda, parent, position
        item.save()
        return item
    new = Item.objects.create(
        agenda=agenda,
        parent=parent,
        position=position,
        title=item.title,
        case_number=item.case_number,
        case_initials=item.case_initials,
        closed=item.closed,
    )
    for section in item.sections.all():
        section.pk = None
        section.item = new
        section.save()
    for attachment in item.attachments.all():
        attachment.pk = None
        attachment.item = new
        attachment.save()
    return new


def import_docx(file):
    """The text of a Word document as sanitised HTML, and mammoth's warnings."""
    import mammoth

    result = mammoth.convert_to_html(file)
    return sanitize_html(result.value), [m.message for m in result.messages]


# --- Search -------------------------------------------------------------------------------


def search_agendas(query):
    """Published agendas whose public text matches, newest first, with the matching items.

    PostgreSQL: full-text search with the Danish configuration (stemming: "udpegning" finds
    "udpegninger"). Elsewhere: every word must occur."""
    query = query.strip()
    if not query:
        return []
    agendas = (
        Agenda.objects.exclude(search_text="")
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
            if any(w[:5] in (i["title"] + _text_of(i)).casefold() for w in words)
        ]
        results.append({"agenda": agenda, "items": items})
    return results


# --- Import from plain text ---------------------------------------------------------------


@dataclass
class ImportResult:
    agenda: Agenda
    items: int = 0
    unplaced: list = field(default_factory=list)


SECTION_HEADINGS = {
    "baggrund": Section.Kind.BACKGROUND,
    "indstilling": Section.Kind.RECOMMENDATION,
    "sagsfremstilling": Section.Kind.PRESENTATION,
    "beslutning": Section.Kind.DECISION,
}
HEADING_RE = re.compile(r"^(\d+)\.\s+(\S.*)$")
SUBITEM_RE = re.compile(r"^(\d+)\.(\d+)\.\s+(\S.*)$")
# A contents line ends in dot leaders or a tab and a page number.
TOC_END_RE = re.compile(r"(\.{2,}|\t\s*\d+)$")
TOC_RE = re.compile(r"^(\d+(?:\.\d+)?)\.\s+(.*?)(?:\.{2,})?\s*(?:\t\s*\d+)?$")
CASE_RE = re.compile(r"^(SAG-\d{4}-\d{5})(?:\s+(\S+))?\s*$")
DATE_RE = re.compile(r"^Dato:\s*(\d{2})-(\d{2})-(\d{4})\s+(\d{1,2})[:.](\d{2})\s*$")
BULLET_RE = re.compile(r"^(\s*)[-•]\s+(.*)$")
LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)\s]*)\)")
EMPHASIS_RE = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")


def _inline(text):
    text = html.escape(text, quote=True)
    text = LINK_RE.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', text)
    return EMPHASIS_RE.sub(r"<em>\1</em>", text)


def text_to_html(lines):
    """Paragraphs, bullet lists (indented bullets nest) and tab-separated tables as HTML."""
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if "\t" in line:
            rows = []
            while i < len(lines):
                if "\t" in lines[i]:
                    rows.append(lines[i].split("\t"))
                    i += 1
                elif not lines[i].strip() and i + 1 < len(lines) and "\t" in lines[i + 1]:
                    i += 1  # a blank line inside a table
                else:
                    break
            out.append(_table(rows))
            continue
        if BULLET_RE.match(line):
            block = []
            while i < len(lines) and (m := BULLET_RE.match(lines[i])):
                block.append((len(m.group(1)) > 0, m.group(2)))
                i += 1
                # a line after a bullet that is neither blank nor a bullet continues it
                while i < len(lines) and lines[i].strip() and not BULLET_RE.match(lines[i]):
                    if "\t" in lines[i]:
                        break
                    nested, text = block[-1]
                    block[-1] = (nested, f"{text}\n{lines[i].strip()}")
                    i += 1
                # a blank line between bullets does not end the list
                if i + 1 < len(lines) and not lines[i].strip() and BULLET_RE.match(lines[i + 1]):
                    i += 1
            out.append(_bullets(block))
            continue
        out.append(f"<p>{_inline(line.strip())}</p>")
        i += 1
    return "".join(out)


def _bullets(block):
    parts = ["<ul>"]
    open_item = False
    in_nested = False
    for nested, text in block:
        content = "<br>".join(_inline(t) for t in text.split("\n"))
        if nested and open_item:
            if not in_nested:
                parts.append("<ul>")
                in_nested = True
            parts.append(f"<li><p>{content}</p></li>")
            continue
        if in_nested:
            parts.append("</ul>")
            in_nested = False
        if open_item:
            parts.append("</li>")
        parts.append(f"<li><p>{content}</p>")
        open_item = True
    if in_nested:
        parts.append("</ul>")
    if open_item:
        parts.append("</li>")
    parts.append("</ul>")
    return "".join(parts)


def _table(rows):
    width = max(len(r) for r in rows)
    body = []
    for n, row in enumerate(rows):
        cell = "th" if n == 0 else "td"
        cells = [c.strip() for c in row] + [""] * (width - len(row))
        body.append(
            "<tr>" + "".join(f"<{cell}><p>{_inline(c)}</p></{cell}>" for c in cells) + "</tr>"
        )
    return "<table><tbody>" + "".join(body) + "</tbody></table>"


def parse_agenda_text(text):
    """Read an agenda in the shape of seed 003 into a plain structure; never touches the
    database. Returns (front, items, unplaced)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front = {"organiser": "", "starts_at": None, "venue": "", "mission": "", "vision": ""}
    items = []
    unplaced = []
    toc = []
    current_item = None
    current_section = None
    front_field = None
    expected_heading = 1

    def note(n, message):
        unplaced.append(f"Linje {n}: {message}" if n else message)

    for n, raw in enumerate(lines, start=1):
        line = raw.rstrip(" ")
        stripped = line.strip()
        heading = HEADING_RE.match(stripped)
        sub = SUBITEM_RE.match(stripped)
        if current_item is None and (heading or sub) and TOC_END_RE.search(line):
            m = TOC_RE.match(stripped)
            toc.append((m.group(1), m.group(2).strip()))
            continue
        if heading and not sub and int(heading.group(1)) == expected_heading:
            current_item = {
                "number": heading.group(1),
                "title": heading.group(2).strip(),
                "case_number": "",
                "case_initials": "",
                "sections": [],
                "children": [],
                "line": n,
            }
            items.append(current_item)
            current_section = None
            expected_heading += 1
            continue
        if sub and items and sub.group(1) == items[-1]["number"]:
            parent = items[-1]
            if int(sub.group(2)) == len(parent["children"]) + 1:
                current_item = {
                    "number": f"{sub.group(1)}.{sub.group(2)}",
                    "title": sub.group(3).strip(),
                    "case_number": "",
                    "case_initials": "",
                    "sections": [],
                    "line": n,
                }
                parent["children"].append(current_item)
                current_section = None
                continue
        if current_item is None:
            if not stripped:
                continue
            if m := DATE_RE.match(stripped):
                day, month, year, hour, minute = (int(g) for g in m.groups())
                try:
                    front["starts_at"] = timezone.make_aware(
                        datetime(year, month, day, hour, minute)
                    )
                except ValueError:
                    note(n, f"'{stripped}' er ikke en gyldig dato og tid")
                front_field = None
            elif stripped.startswith("Sted:"):
                front["venue"] = stripped.removeprefix("Sted:").strip()
                front_field = None
            elif stripped in ("Mission", "Vision"):
                front_field = stripped.lower()
            elif front_field:
                front[front_field] = (front[front_field] + "\n\n" + stripped).strip()
            elif re.match(r"^DAGSORDEN\b", stripped, re.I):
                continue
            elif not front["organiser"]:
                front["organiser"] = stripped
            else:
                note(n, f"forsiden: '{stripped[:60]}' blev ikke brugt")
            continue
        if (m := CASE_RE.match(stripped)) and not current_item["sections"]:
            current_item["case_number"] = m.group(1)
            current_item["case_initials"] = m.group(2) or ""
            continue
        kind = SECTION_HEADINGS.get(stripped.casefold())
        if kind:
            current_section = {"kind": kind, "lines": []}
            current_item["sections"].append(current_section)
            continue
        if current_section is None:
            if stripped:
                note(
                    n,
                    f"tekst under punkt {current_item['number']} før Baggrund/Indstilling/"
                    f"Sagsfremstilling: '{stripped[:60]}'",
                )
            continue
        current_section["lines"].append(line)

    numbers = set()
    for item in items:
        numbers.add(item["number"])
        numbers.update(c["number"] for c in item["children"])
    for number, title in toc:
        if number not in numbers:
            note(None, f"indholdsfortegnelsen nævner {number}. {title}, som ikke findes i teksten")
    if front["starts_at"] is None:
        note(None, "ingen linje 'Dato: DD-MM-ÅÅÅÅ TT:MM' fundet")
    return front, items, unplaced


@transaction.atomic
def import_agenda_text(text, meeting=None):
    """Make a draft agenda from text in the shape of seed 003.

    Without `meeting`, the meeting is found from the organiser's name and the date and time in
    the text. Raises ValidationError (in Danish) when there is no such meeting or it already
    has an agenda with items; nothing is saved then."""
    if "\x00" in text:
        # PostgreSQL cannot store the NUL character; such a file is damaged or not text.
        raise ValidationError("Teksten indeholder ugyldige tegn (NUL). Er det en tekstfil?")
    front, parsed, unplaced = parse_agenda_text(text)
    if not parsed:
        raise ValidationError("Teksten indeholder ingen nummererede punkter (1., 1.1., ...).")
    if meeting is None:
        organiser = Organiser.objects.filter(name__iexact=front["organiser"]).first()
        if organiser is None:
            raise ValidationError(f"Ukendt arrangør: '{front['organiser']}'.")
        meeting = Meeting.objects.filter(organiser=organiser, starts_at=front["starts_at"]).first()
        if meeting is None:
            raise ValidationError(
                f"{organiser} har intet møde den {front['starts_at']:%d-%m-%Y %H:%M}."
                if front["starts_at"]
                else "Teksten har ingen dato, og intet møde er valgt."
            )
    agenda, _ = Agenda.objects.get_or_create(meeting=meeting)
    if agenda.items.exists():
        raise ValidationError(f"{meeting} har allerede en dagsorden med punkter.")
    agenda.mission = front["mission"]
    agenda.vision = front["vision"]
    agenda.save()
    result = ImportResult(agenda=agenda, unplaced=unplaced)
    for position, entry in enumerate(parsed):
        heading = _create_item(agenda, None, position, entry)
        result.items += 1
        for child_position, child in enumerate(entry["children"]):
            _create_item(agenda, heading, child_position, child)
            result.items += 1
    return result


def _create_item(agenda, parent, position, entry):
    item = Item.objects.create(
        agenda=agenda,
        parent=parent,
        position=position,
        title=entry["title"],
        case_number=entry["case_number"],
        case_initials=entry["case_initials"],
    )
    Section.objects.bulk_create(
        Section(
            item=item,
            kind=section["kind"],
            body=sanitize_html(text_to_html(section["lines"])),
            position=n,
        )
        for n, section in enumerate(entry["sections"])
    )
    return item
