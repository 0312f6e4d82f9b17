"""Rich text: the one allow-list of what the secretariat may type (letters, agenda sections)
and the one sanitiser that enforces it, whichever way the HTML came in (editor, import, .docx,
shell). Pages and PDFs clean stored text again when they show it, so a row written outside a
form is never trusted."""

import functools
import html as html_module
import re

import nh3
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

# What the editor offers, and so what the sanitiser lets through: no images, no styles, no
# scripts or event handlers; links only to absolute http(s) and mailto addresses, and no `rel`
# (a relative link or rel="attachment" would let a PDF reach the server's files).
RICH_TEXT_EXTENSIONS = {
    "Paragraph": True,
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "HardBreak": True,
    "Heading": {"levels": [3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}


ABSOLUTE_LINK = re.compile(r"^\s*(https?://[^/\s]|mailto:)", re.IGNORECASE)
# ProseMirror always leaves an empty paragraph in an empty editor.
EMPTY = re.compile(r"^<(?P<tag>\w+)></(?P=tag)>$")


def _keep_absolute_links(tag, attribute, value):
    if attribute == "href" and not ABSOLUTE_LINK.match(value):
        return None
    return value


@functools.cache
def _cleaner():
    allowlist = allowlist_from_extensions(expand_extensions(RICH_TEXT_EXTENSIONS))
    attributes = {tag: names - {"rel"} for tag, names in allowlist.get("attributes", {}).items()}
    return nh3.Cleaner(
        tags=allowlist["tags"],
        attributes=attributes,
        url_schemes=allowlist["url_schemes"],
        attribute_filter=_keep_absolute_links,
        link_rel=None,
    )


def sanitize_html(html):
    """`html` with everything outside the allow-list removed."""
    cleaned = _cleaner().clean(html or "")
    return "" if EMPTY.match(cleaned) else cleaned


def safe_rich_text(html):
    """Stored rich text cleaned again, ready for a template."""
    return mark_safe(sanitize_html(html))


# Where a block of rich text ends: its text and the next block's stay apart in plain text.
BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|td|th|tr)>|<br\s*/?>)", re.IGNORECASE)


def plain_text(html):
    """The words of rich text without its tags, for search, snippets and a sentence the letter
    makes: each paragraph, list item, heading, cell and line break ends a line, inline marks
    (bold, links) stay inside their words, entities become characters. Cleaned first, so a
    script's text never shows."""
    return html_module.unescape(strip_tags(BLOCK_END.sub(r"\1\n", sanitize_html(html)))).strip()
