"""Every PDF of the portal is made here: a template under templates/pdf/ and its context in,
bytes out.

Safety: this module is the wall between a document's HTML and the server, whatever that HTML
is and whether or not it passed the rich-text sanitiser. WeasyPrint would otherwise fetch any
URL a document names (file:// paths, internal hosts) and embed files that a link asks it to
attach (`rel="attachment"`). Here the fetcher serves only a fixed set of the project's own
assets (the stylesheet and its fonts), compared as resolved paths after the URL is decoded, so
no spelling of "../" climbs out; every other URL is refused. `rel` is removed from every
element and the document's attachment list emptied before writing, so no PDF carries an
embedded file.

Accessibility: every PDF is tagged PDF/UA-1 (WeasyPrint's pdf/ua-1 variant: a structure tree,
/MarkInfo, pdfuaid:part 1 in the XMP metadata, /Lang and /Title from the HTML). A screen reader
needs a title, a language and a text for every image, so a document whose HTML lacks one is
refused here rather than printed as a PDF that only looks accessible.

Speed: the stylesheet and font configuration are built once per process (building them is a
large part of a short letter's time, docs/benchmarks.md), and finished PDFs are cached under a
hash of their HTML, so an unchanged document is served at once.
"""

import functools
import hashlib
import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from weasyprint import CSS, HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration

STATIC_DIR = Path(settings.BASE_DIR) / "static"
STYLESHEET = STATIC_DIR / "pdf" / "kl.css"
FONT_DIR = STATIC_DIR / "fonts"
# The only files a document may read: the stylesheet and the fonts it names.
logger = logging.getLogger(__name__)
ALLOWED_ASSETS = frozenset(
    path.resolve() for path in [STYLESHEET, *FONT_DIR.glob("*.ttf"), *FONT_DIR.glob("*.woff2")]
)
# Tagged PDF (PDF/UA-1): screen readers can follow it, and it carries title and language.
PDF_VARIANT = "pdf/ua-1"
CACHE_SECONDS = 60 * 60 * 24


class RefusedURL(ValueError):
    """A document asked for a resource outside what it may use."""


class InaccessibleDocument(ValueError):
    """A document's HTML lacks what a tagged PDF must carry: a title, a language, alt texts."""


class StaticOnlyURLFetcher(URLFetcher):
    """Serves the files in ALLOWED_ASSETS; refuses every other URL (other files, hosts, data:,
    redirects). The path is decoded before it is resolved and compared, so percent-encoded
    dots cannot climb out of static/."""

    def __init__(self):
        super().__init__(timeout=3, allowed_protocols={"file"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"Not an asset of the project: {url[:200]}")
        path = Path(unquote(parts.path)).resolve()
        if path not in ALLOWED_ASSETS:
            raise RefusedURL(f"Not an asset of the project: {url[:200]}")
        return super().fetch(path.as_uri(), headers)


@functools.cache
def _stylesheet_digest():
    """Part of every cache key, so that a changed stylesheet renders documents anew."""
    return hashlib.sha256(STYLESHEET.read_bytes()).hexdigest()


@functools.cache
def _font_configuration():
    return FontConfiguration()


@functools.cache
def _stylesheet():
    # @font-face rules are ignored unless this same FontConfiguration reaches write_pdf too.
    return CSS(
        filename=str(STYLESHEET),
        font_config=_font_configuration(),
        url_fetcher=StaticOnlyURLFetcher(),
    )


def check_accessible(document):
    """Raise InaccessibleDocument unless the parsed HTML has a language, a title and an alt
    text on every image. WeasyPrint tags even an alt="" image as a figure, which PDF/UA then
    misses a text for: a decoration belongs in the stylesheet (background-image), untagged."""
    root = document.etree_element
    problems = []
    if not root.get("lang", "").strip():
        problems.append('<html> has no lang="da"')
    title = root.find("head/title")
    if title is None or not "".join(title.itertext()).strip():
        problems.append("the document has no <title>")
    problems += [
        f"the image {image.get('src', '')[:60]!r} has no alt text"
        for image in root.iter("img")
        if not (image.get("alt") or "").strip()
    ]
    if problems:
        raise InaccessibleDocument("; ".join(problems))


def parse(html):
    document = HTML(
        string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=StaticOnlyURLFetcher()
    )
    # <a rel="attachment"> and <link rel="attachment"> would embed their target; no element
    # of a document needs a rel, and its stylesheets come from this module, not from <link>.
    root = document.etree_element
    root.attrib.pop("rel", None)
    for parent in list(root.iter()):
        for element in list(parent):
            if element.tag in ("link", "object", "embed", "iframe"):
                parent.remove(element)
            else:
                element.attrib.pop("rel", None)
    return document


def _options():
    return {
        "stylesheets": [_stylesheet()],
        "pdf_variant": PDF_VARIANT,
        "presentational_hints": False,
    }


def lay_out(document):
    """The parsed document laid out in pages (WeasyPrint's Document: `pages`, each with the
    `anchors` on it), without embedded files."""
    rendered = document.render(font_config=_font_configuration(), **_options())
    rendered.metadata.attachments = []
    return rendered


def write_pages(rendered):
    """The PDF bytes of a document laid out by lay_out()."""
    return rendered.write_pdf(**_options())


def render_html_to_pdf(html):
    """The PDF of an HTML string (not cached, not checked for accessibility): the bare renderer
    for the safety tests and the benchmarks."""
    return write_pages(lay_out(parse(html)))


def lay_out_html(html):
    """A document's HTML checked and laid out in pages (the samlet dagsorden needs to know its
    own pages before it is finished); not cached."""
    document = parse(html)
    check_accessible(document)
    return lay_out(document)


def cache_key(html):
    """The cache key of the PDF of `html`: a changed stylesheet or variant is a new document."""
    digest = hashlib.sha256(f"{_stylesheet_digest()}\0{PDF_VARIANT}\0{html}".encode()).hexdigest()
    return f"pdf:{digest}"


def render_pdf(template_name, context):
    """The PDF of `template_name` rendered with `context`, from the cache when unchanged;
    InaccessibleDocument if the template leaves out a title, the language or an alt text."""
    html = render_to_string(template_name, context)
    key = cache_key(html)
    pdf = cached(key)
    if pdf is None:
        pdf = write_pages(lay_out_html(html))
        keep(key, pdf)
    return pdf


def cached(key):
    """The PDF kept under `key`, or None; None too while the cache (Redis) is away: the
    document is then laid out anew rather than refused (issue 29)."""
    try:
        return cache.get(key)
    except Exception:
        logger.warning("PDF cache not read: the cache is unavailable", exc_info=True)
        return None


def keep(key, pdf):
    try:
        cache.set(key, pdf, CACHE_SECONDS)
    except Exception:
        logger.warning("PDF not cached: the cache is unavailable", exc_info=True)
