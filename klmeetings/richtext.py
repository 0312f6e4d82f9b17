"""Rich text: the one allow-list of what the secretariat may type (letters, agenda sections)
and the one sanitiser that enforces it, whichever way the HTML came in (editor, import, .docx,
shell). Pages and PDFs clean stored text again when they show it, so a row written outside a
form is never trusted."""

import functools

from django.utils.safestring import mark_safe
from django_prose_editor.fields import create_sanitizer

# What the editor offers, and so what the sanitiser lets through: no images, no styles, no
# scripts or event handlers; links only to http(s) and mailto.
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


@functools.cache
def _cleaner():
    return create_sanitizer(RICH_TEXT_EXTENSIONS)


def sanitize_html(html):
    """`html` with everything outside the allow-list removed."""
    return _cleaner()(html or "")


def safe_rich_text(html):
    """Stored rich text cleaned again, ready for a template."""
    return mark_safe(sanitize_html(html))
