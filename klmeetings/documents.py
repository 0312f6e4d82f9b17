"""Every PDF of the portal is made here: a template under templates/pdf/ and its context in,
bytes out.

Safety: WeasyPrint would otherwise fetch any URL a document names, including file:// paths
and internal hosts. The fetcher below serves only the project's own static files and data:
URLs and refuses everything else, so text typed into a letter or an agenda cannot embed
/etc/passwd or make the server call another host.

Accessibility: every PDF is tagged PDF/UA-1 (WeasyPrint's pdf/ua-1 variant: a structure tree,
/MarkInfo, pdfuaid:part 1 in the XMP metadata, /Lang and /Title from the HTML). A screen reader
needs a title, a language and a text for every image, so a document whose HTML lacks one is
refused here rather than printed as a PDF that only looks accessible.

Speed: the stylesheet and font configuration are built once per process (a quarter of the
time of a short letter), and finished PDFs are cached under a hash of their HTML, so an
unchanged document is served at once.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from weasyprint import CSS, HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration

STATIC_DIR = Path(settings.BASE_DIR) / "static"
STYLESHEET = STATIC_DIR / "pdf" / "kl.css"
# Tagged PDF (PDF/UA-1): screen readers can follow it, and it carries title and language.
PDF_VARIANT = "pdf/ua-1"
CACHE_SECONDS = 60 * 60 * 24


class RefusedURL(ValueError):
    """A document asked for a resource outside what it may use."""


class InaccessibleDocument(ValueError):
    """A document's HTML lacks what a tagged PDF must carry: a title, a language, alt texts."""


class StaticOnlyURLFetcher(URLFetcher):
    """Serves files under static/ and data: URLs; refuses every other URL, redirects included."""

    def __init__(self):
        super().__init__(timeout=3, allowed_protocols={"file", "data"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(url.removeprefix("file://").split("?")[0]).resolve()
            if not path.is_relative_to(STATIC_DIR.resolve()):
                raise RefusedURL(f"Not a static file of the project: {url}")
        return super().fetch(url, headers)


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
    return HTML(
        string=html,
        base_url=STATIC_DIR.as_uri() + "/",
        url_fetcher=StaticOnlyURLFetcher(),
    )


def write(document):
    return document.write_pdf(
        stylesheets=[_stylesheet()],
        font_config=_font_configuration(),
        pdf_variant=PDF_VARIANT,
        presentational_hints=False,
    )


def render_html_to_pdf(html):
    """The PDF of an HTML string (not cached, not checked for accessibility): the bare renderer
    for the safety tests and the benchmarks."""
    return write(parse(html))


def cache_key(html):
    """The cache key of the PDF of `html`: a changed stylesheet or variant is a new document."""
    digest = hashlib.sha256(f"{_stylesheet_digest()}\0{PDF_VARIANT}\0{html}".encode()).hexdigest()
    return f"pdf:{digest}"


def render_pdf(template_name, context):
    """The PDF of `template_name` rendered with `context`, from the cache when unchanged;
    InaccessibleDocument if the template leaves out a title, the language or an alt text."""
    html = render_to_string(template_name, context)
    key = cache_key(html)
    pdf = cache.get(key)
    if pdf is None:
        document = parse(html)
        check_accessible(document)
        pdf = write(document)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
