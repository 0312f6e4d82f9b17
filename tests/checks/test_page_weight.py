"""Every public page weighs at most 60 KB compressed as a phone loads it (issue 16): the HTML
and everything it pulls in (stylesheets, scripts, icons, images, and every url() those
stylesheets name), each gzip-compressed on its own as a browser would receive it.

Counting every url() of a stylesheet is an upper bound: a browser fetches only the fonts and
images a page uses. The pages are the demo data's (`load_demo`); the meeting page counted is
each demo meeting's, the conference with its whole programme among them.

Also here: the trimmed Bootstrap (`make css`) still has every Bootstrap class the templates
use, so a template that starts using a new one fails until the build is made again.
"""

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import crispy_bootstrap5
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

from agendas.models import Agenda
from meetings.models import Meeting

GOAL_BYTES = 60 * 1024
PROJECT = Path(__file__).resolve().parent.parent.parent
BOOTSTRAP = PROJECT / "static" / "vendor" / "bootstrap"


class Resources(HTMLParser):
    """The addresses a page makes the browser fetch: stylesheets, icons, scripts, images."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").split()
        if tag == "link" and {"stylesheet", "icon", "preload", "apple-touch-icon"} & set(rel):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img", "source", "iframe") and attrs.get("src"):
            self.urls.append(attrs["src"])


def css_urls(css):
    """Every url() and @import of a stylesheet, less the inline data: ones."""
    found = re.findall(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""", css)
    found += re.findall(r"""@import\s+['"]([^'"]+)['"]""", css)
    return [url for url in found if not url.startswith("data:")]


def fetch(client, url):
    """The body served at `url`: a static file from the finders (as whitenoise serves it),
    anything else from the site."""
    path = urlsplit(url).path
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path.removeprefix(settings.STATIC_URL))
        assert found, f"{url} is not a static file"
        return Path(found).read_bytes()
    response = client.get(url)
    assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
    return response.content


def page_weight(client, path):
    """{address: compressed bytes} of the page at `path` and all it pulls in."""
    weights = {}
    queue = [path]
    while queue:
        url = queue.pop(0)
        if url in weights:
            continue
        body = fetch(client, url)
        weights[url] = len(gzip.compress(body))
        if url == path:
            parser = Resources()
            parser.feed(body.decode())
            queue += [urljoin(url, found) for found in parser.urls]
        elif urlsplit(url).path.endswith(".css"):
            queue += [urljoin(url, found) for found in css_urls(body.decode())]
    return weights


def public_pages():
    """(name, path) of each public page the demo data gives."""
    pages = [
        ("Kommende møder", reverse("meetings:list")),
        ("Tilmelding", reverse("registrations:register", args=["demo-konference"])),
        ("Dagsordener", reverse("agendas:list")),
        ("Søgning", reverse("agendas:search") + "?q=sundhedsklynger"),
        ("Privatlivspolitik", reverse("privacy")),
    ]
    pages += [(f"Møde: {m.title}", m.get_absolute_url()) for m in Meeting.objects.all()]
    pages += [
        (f"Dagsorden: {agenda.meeting.title}", agenda.get_absolute_url())
        for agenda in Agenda.objects.filter(versions__isnull=False).distinct()
    ]
    return pages


@pytest.mark.django_db
def test_every_public_page_weighs_at_most_60_kb_compressed(client):
    call_command("load_demo", verbosity=0)
    pages = public_pages()
    assert any(name.startswith("Dagsorden: ") for name, _ in pages), "a published agenda"
    heavy = {}
    for name, path in pages:
        weights = page_weight(client, path)
        assert len(weights) > 2, f"{name}: the page pulls in its stylesheets"
        if sum(weights.values()) > GOAL_BYTES:
            heavy[name] = weights
    assert not heavy, "\n".join(
        f"{name}: {sum(w.values()) / 1024:.1f} KB: "
        + ", ".join(f"{url} {size / 1024:.1f}" for url, size in w.items())
        for name, w in heavy.items()
    )


def test_the_weight_counts_what_a_stylesheet_pulls_in():
    css = (
        '@font-face{src:url("../fonts/a.woff2")}'
        ".x{background:url(data:image/svg+xml,%3csvg%3e)}@import 'b.css';"
    )
    assert css_urls(css) == ["../fonts/a.woff2", "b.css"]
    parser = Resources()
    parser.feed(
        '<link rel="stylesheet" href="/s.css"><link rel="icon" href="/i.svg">'
        '<script src="/j.js"></script><img src="/p.png" alt=""><a href="/x/">x</a>'
    )
    assert parser.urls == ["/s.css", "/i.svg", "/j.js", "/p.png"]


def bootstrap_classes(css):
    css = re.sub(r"url\([^)]*\)|\"[^\"]*\"|'[^']*'", "", css)
    return set(re.findall(r"\.(-?[A-Za-z_][\w-]*)", css))


def template_classes():
    """Every word in a class attribute of our templates and crispy-bootstrap5's."""
    roots = [PROJECT / "templates", Path(crispy_bootstrap5.__path__[0]) / "templates"]
    words = set()
    for root in roots:
        for template in root.rglob("*.html"):
            for value in re.findall(r'class="([^"]*)"', template.read_text(encoding="utf-8")):
                words |= set(re.findall(r"[A-Za-z][\w-]*", value))
    return words


def test_the_trimmed_bootstrap_has_every_class_the_templates_use():
    full = bootstrap_classes((BOOTSTRAP / "bootstrap.min.css").read_text(encoding="utf-8"))
    trimmed = bootstrap_classes((BOOTSTRAP / "bootstrap.trimmed.css").read_text(encoding="utf-8"))
    used = template_classes() & full
    assert {"form-control", "form-select", "is-invalid", "btn-primary"} <= used
    missing = used - trimmed
    assert not missing, f"run `make css` and commit the result; missing: {sorted(missing)}"
    assert len(trimmed) < len(full) / 3
