"""The samlet dagsorden: the published agenda followed by its bilag as one PDF, for the member
who reads it on a tablet, prints it or archives it.

PDF bilag are merged page by page (pypdf) in item order; a bilag in another format (Word,
Excel, an image) is listed under its item with its link. Every page carries its number in the
whole document: the agenda's own pages in the footer, a bilag's pages in a small stamp in the
bottom margin. The table of contents lists each bilag under its item with the page it starts
on, and the outline (bookmarks) has each item with its bilag under it. The agenda is laid out
until the page count it assumed for the bilag numbers is the one it got (two passes, or three
when a longer number moves a line). The public edition is the public agenda, so it carries no
bilag of a closed item."""

import hashlib
import io
import json

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import NameObject, TextStringObject

from klmeetings import documents

from ..models import Attachment
from .document import STAFF, version_context

STAMP_CSS = """
{pages}
body {{ margin: 0; }}
.stamp {{ break-before: page; position: relative; }}
.stamp p {{ position: absolute; right: 8mm; bottom: 4mm; margin: 0; padding: 0.5mm 1.5mm;
  background: white; font-size: 7.5pt; color: #333; }}
"""


def _bilag(doc):
    """[(attachment dict of the document, Attachment row or None, PdfReader or None, the
    file's SHA-256)] in item order; a reader for each bilag that is a PDF pypdf can read."""
    ids = [a["id"] for item in doc["items"] for a in item["attachments"]]
    rows = Attachment.objects.in_bulk(ids)
    found = []
    for item in doc["items"]:
        for attachment in item["attachments"]:
            row = rows.get(attachment["id"])
            reader, digest = None, ""
            if row is not None and row.file.name.lower().endswith(".pdf"):
                try:
                    with row.file.open("rb") as file:
                        content = file.read()
                    digest = hashlib.sha256(content).hexdigest()
                    reader = PdfReader(io.BytesIO(content))
                    if not reader.pages:
                        reader = None
                except (OSError, PyPdfError, ValueError):
                    reader = None  # a missing or broken file is listed with its link instead
            found.append((attachment, row, reader, digest))
    return found


def _number(doc, bilag, agenda_pages, audience):
    """Put each bilag's first page (or its link) into the document's items; the total."""
    name = "agendas:members_attachment" if audience == STAFF else "agendas:attachment"
    entries = {}
    page = agenda_pages
    for attachment, _row, reader, _digest in bilag:
        if reader is not None:
            entries[attachment["id"]] = {**attachment, "page": page + 1}
            page += len(reader.pages)
        else:
            url = settings.SITE_URL + reverse(name, args=[attachment["id"]])
            entries[attachment["id"]] = {**attachment, "url": url}
    for item in doc["items"]:
        item["attachments"] = [entries[a["id"]] for a in item["attachments"]]
    return page


def _stamps(pages, first, total):
    """A PDF with one stamp page "Side n af total" for each of `pages` (their sizes)."""
    sizes = sorted(set(pages))
    named = "\n".join(
        f"@page s{n} {{ size: {w:.2f}pt {h:.2f}pt; margin: 0; @bottom-right {{ content: none }} }}"
        f" .s{n} {{ page: s{n}; height: {h - 1:.2f}pt; }}"
        for n, (w, h) in enumerate(sizes)
    )
    body = "".join(
        f'<div class="stamp s{sizes.index(size)}"><p>Side {first + n} af {total}</p></div>'
        for n, size in enumerate(pages)
    )
    html = (
        '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Sidetal</title>'
        f"<style>{STAMP_CSS.format(pages=named)}</style></head><body>{body}</body></html>"
    )
    return PdfReader(io.BytesIO(documents.render_html_to_pdf(html)))


def _cache_key(html, bilag):
    """Under the agenda's HTML (which names each bilag's pages) and each PDF bilag's content."""
    files = [(a["id"], digest) for a, _row, _reader, digest in bilag]
    digest = hashlib.sha256(json.dumps([html, files]).encode()).hexdigest()
    return f"samlet:{digest}"


def combined_pdf(agenda, audience, version):
    """The samlet dagsorden of published `version` for `audience` (PUBLIC or STAFF), bytes."""
    title = version.label
    context = version_context(agenda, version, audience)
    doc = context["doc"]
    bilag = _bilag(doc)
    agenda_pages = 0
    for attempt in range(4):
        total = _number(doc, bilag, agenda_pages, audience)
        context["combined"] = {"total": total}
        html = render_to_string("pdf/agenda.html", context)
        if attempt == 0:
            key = _cache_key(html, bilag)
            if (pdf := documents.cached(key)) is not None:
                return pdf
        rendered = documents.lay_out_html(html)
        if len(rendered.pages) == agenda_pages:
            break
        agenda_pages = len(rendered.pages)
    pdf = _merge(doc, bilag, rendered, total, f"{title} med bilag: {doc['organiser']}")
    documents.keep(key, pdf)
    return pdf


def _merge(doc, bilag, rendered, total, title):
    """The agenda's pages, then each PDF bilag's pages stamped; the outline of items and bilag."""
    item_pages = {}  # an item running over several pages has its anchor on each: the first
    for index, page in enumerate(rendered.pages):
        for anchor in page.anchors:
            item_pages.setdefault(anchor, index)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(documents.write_pages(rendered))), import_outline=False)
    readers = [reader for _a, _row, reader, _digest in bilag if reader]
    added = [writer.add_page(page) for reader in readers for page in reader.pages]
    for page in added:
        page.transfer_rotation_to_content()  # the stamp goes where the reader sees the bottom
    if added:
        sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in added]
        for page, stamp in zip(
            added, _stamps(sizes, len(rendered.pages) + 1, total).pages, strict=True
        ):
            page.merge_page(stamp)
    parents = {}
    starts = {a["id"]: a.get("page") for item in doc["items"] for a in item["attachments"]}
    for item in doc["items"]:
        index = item_pages.get(item["anchor"])
        if index is None:
            continue
        parent = parents.get(item["number"].split(".")[0]) if item["level"] == 2 else None
        mark = writer.add_outline_item(f"{item['number']}. {item['title']}", index, parent)
        parents.setdefault(item["number"], mark)
        for attachment in item["attachments"]:
            if starts[attachment["id"]]:
                writer.add_outline_item(
                    f"Bilag: {attachment['title']}", starts[attachment["id"]] - 1, mark
                )
    # The agenda part's tags do not survive the merge (nor are a bilag's pages tagged), but a
    # reader still gets the language, and the title in its window
    writer.add_metadata({"/Title": title, "/Author": "KL"})
    writer.root_object[NameObject("/Lang")] = TextStringObject("da")
    writer.create_viewer_preferences().display_doctitle = True
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
