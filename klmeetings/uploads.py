"""Checks for uploaded documents: a size limit, the type read from the file's first bytes (not
from its name or the browser's word), and a file name safe to store and to show.

Accepted: PDF, Word and Excel (both the zip-based .docx/.xlsx and the old .doc/.xls), and
PNG, JPEG, GIF and WebP images. SVG is refused: it can carry script.
"""

import os
import re
import unicodedata
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc and .xls

# Kind of content → the extensions a file of that kind may have.
EXTENSIONS = {
    "pdf": {".pdf"},
    "docx": {".docx"},
    "xlsx": {".xlsx"},
    "ole2": {".doc", ".xls"},
    "png": {".png"},
    "jpeg": {".jpg", ".jpeg"},
    "gif": {".gif"},
    "webp": {".webp"},
}
ACCEPTED_TEXT = "PDF, Word, Excel eller et billede (PNG, JPEG, GIF, WebP)"
MAX_NAME_LENGTH = 100


def sniff(file):
    """The kind of content of `file` (an open file-like object) from its first bytes, or None.
    Leaves the file positioned at its start."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(OLE2):
        return "ole2"
    if head.startswith(b"PK\x03\x04"):
        return _office_zip(file)
    return None


def _office_zip(file):
    """A zip is Word or Excel only when it holds their main part."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None
    finally:
        file.seek(0)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def validate_document(value):
    """Field validator for an attachment: size first (cheap), then the content's type, then
    that the name's extension agrees with the content. A file already stored passed this when
    it came; only a new upload is read."""
    if getattr(value, "_committed", False):
        return
    limit = settings.ATTACHMENT_MAX_BYTES
    if value.size > limit:
        raise ValidationError(
            f"Filen er for stor ({filesizeformat(value.size)}). "
            f"Den må højst fylde {filesizeformat(limit)}.",
            code="too_large",
        )
    kind = sniff(value)
    if kind is None:
        raise ValidationError(
            f"Filtypen kan ikke bruges. Vedhæft {ACCEPTED_TEXT}.", code="bad_type"
        )
    extension = os.path.splitext(value.name)[1].lower()
    if extension not in EXTENSIONS[kind]:
        expected = " eller ".join(sorted(EXTENSIONS[kind]))
        raise ValidationError(
            f"Filens navn slutter på '{extension or 'ingenting'}', men indholdet er {expected}. "
            "Ret navnet, eller vælg den rigtige fil.",
            code="bad_extension",
        )


def safe_filename(name):
    """The last part of `name` with no path, no control or format characters, no characters
    that mean something to a shell or a URL, and no leading dots; letters of every language,
    Danish ones included, stay. Never empty."""
    name = unicodedata.normalize("NFC", str(name))
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in ("C", "Z") or ch == " ")
    name = re.sub(r"[^\w.\- ]", "_", name).strip(" .")
    name = re.sub(r"[\s_]+", "_", name)
    stem, extension = os.path.splitext(name)
    if len(extension) > 10:
        stem, extension = name, ""
    stem = stem.strip("_")[: MAX_NAME_LENGTH - len(extension)] or "bilag"
    return stem + extension.lower()
