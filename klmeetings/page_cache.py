"""The cache of public pages, and the data generation stamp that tells when they are stale.

Pages are kept (`cached_public_page`, and `cached_form_page` for a page with a form) under a
generation stamp that every committed change to the portal's data replaces. Which data counts
is declared by the apps: an AppConfig with `page_data = True` says that its rows are shown on
public pages, so every save, delete and many-to-many change of its models starts a new
generation. A flush of the tables (tests) sends post_migrate. The stamp lives in the shared
cache; each process reads it at most once a PAGE_GENERATION_SECONDS, so another worker's change
shows within that second.

`connect()` is called once, from KlmeetingsConfig.ready().
"""

import functools
import logging
import threading
import time
import uuid

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models import signals
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.middleware.gzip import re_accepts_gzip
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import compress_string

logger = logging.getLogger(__name__)
PAGE_GENERATION_KEY = "klmeetings:page-generation"
PAGE_GENERATION_SECONDS = 1.0
_local_generation = {"value": None, "read_at": 0.0}

# In the worker's own memory: a page from Redis would cost two round trips, as much as a
# bare view. The timeout is a safety net; the generation stamp drops a page when data changes.
PAGE_CACHE_SECONDS = 10 * 60
PAGE_CACHE_ENTRIES = 300


class PageStore:
    """Pages kept as the very objects stored, each until its time is up, at most
    PAGE_CACHE_ENTRIES (the oldest third goes when full). Django's LocMemCache would pickle a
    conference's 300 KB page in and out on every hit, which cost a fifth of the page's speed
    under load (docs/benchmarks.md); what is stored here are bytes, which no caller changes."""

    def __init__(self, clock=time.monotonic):
        self._pages = {}  # key: (expires at, value), in the order stored
        self._lock = threading.Lock()
        self._clock = clock

    def get(self, key):
        expires_at, value = self._pages.get(key, (0.0, None))
        if expires_at > self._clock():
            return value
        self._pages.pop(key, None)
        return None

    def set(self, key, value, seconds=PAGE_CACHE_SECONDS):
        with self._lock:
            if len(self._pages) >= PAGE_CACHE_ENTRIES:
                for oldest in list(self._pages)[: PAGE_CACHE_ENTRIES // 3]:
                    self._pages.pop(oldest, None)
            self._pages[key] = (self._clock() + seconds, value)

    def clear(self):
        self._pages.clear()


page_cache = PageStore()
# The paths (without query string) of the pages kept: a request for any other passes
# PageCacheMiddleware at the cost of a set look-up rather than of building a key.
_kept_paths = set()

# A smaller page is sent as it is, as GZipMiddleware does: gzip's header and trailer cost more.
GZIP_MIN_BYTES = 200

PERSONAL_COOKIES = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}

# What a page under `cached_form_page` prints in place of its CSRF token (the view passes it
# as `csrf_token`); each response gets the visitor's own token there. Letters only, so it comes
# out of the template unescaped, and random per process, so no visitor can type it.
TOKEN_SLOT = f"csrftokenslot{uuid.uuid4().hex}"


def page_generation():
    """The current stamp; anything computed from the pages' data may be kept under it."""
    now = time.monotonic()
    if now - _local_generation["read_at"] >= PAGE_GENERATION_SECONDS:
        try:
            generation = cache.get(PAGE_GENERATION_KEY) or _new_page_generation()
        except Exception:
            # The shared cache is down: a stamp of its own for every request, so no page is
            # served from the cache until it is back.
            logger.warning("Sidecachen er ikke tilgængelig", exc_info=True)
            return uuid.uuid4().hex
        _local_generation.update(value=generation, read_at=now)
    return _local_generation["value"]


def _new_page_generation():
    generation = uuid.uuid4().hex
    _local_generation.update(value=generation, read_at=time.monotonic())
    try:
        cache.set(PAGE_GENERATION_KEY, generation, None)
    except Exception:
        # A save must not fail for the cache; other workers then wait for PAGE_CACHE_SECONDS.
        logger.warning("Sidecachen er ikke tilgængelig", exc_info=True)
    return generation


@functools.cache
def _page_data_labels():
    return {
        config.label for config in apps.get_app_configs() if getattr(config, "page_data", False)
    }


def _data_changed(sender, instance=None, created=False, **kwargs):
    """A new generation once the change is committed (at once outside a transaction): until
    then other requests see the old rows, and a page rendered inside a transaction is never
    stored. A registration thus does not wait for the shared cache while it holds its lock.
    A model may say that a saved row changes no page: `changes_public_pages(created)`."""
    if sender._meta.app_label not in _page_data_labels():
        return
    changes_public_pages = getattr(instance, "changes_public_pages", None)
    if changes_public_pages is None or changes_public_pages(created):
        transaction.on_commit(_new_page_generation)


def connect():
    for signal in (signals.post_save, signals.post_delete, signals.m2m_changed):
        signal.connect(_data_changed, dispatch_uid=f"page-generation-{signal}")
    signals.post_migrate.connect(
        lambda **kwargs: _new_page_generation(), weak=False, dispatch_uid="page-generation-flush"
    )


class PageCacheMiddleware:
    """Answers with a page the cache holds before the URL is resolved and a view is called, as
    Django's FetchFromCacheMiddleware does. It sits below the middleware that shape every
    answer (security headers, CSP, X-Frame-Options, the CSRF cookie a form page's token sets),
    so a page from the cache goes out through them as the view's page would. The views'
    decorators below put the pages in; a page they would not serve from the cache is never
    there (a visitor with a session or messages cookie, any method but GET)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path_info in _kept_paths
            and request.method == "GET"
            and not PERSONAL_COOKIES & request.COOKIES.keys()
            and (page := page_cache.get(_key(request))) is not None
        ):
            return page(request)
        return self.get_response(request)


def cached_public_page(view):
    """Keep the page for PageCacheMiddleware to serve to visitors without a session
    (docs/benchmarks.md: rendering the list of coming meetings costs twenty times a bare
    Django view).

    Safe because only what every visitor sees alike is stored: a request with a session or
    messages cookie is rendered for itself, and a response that sets a cookie (a CSRF token
    for a form), used the CSP nonce or was rendered inside a transaction (uncommitted rows) is
    not stored. A CSRF cookie alone does not matter: a page that prints a token is never
    stored. The key is the language and the path with its query string under the data's
    generation stamp, which every change replaces; a meeting that has just ended may stay on
    the list for PAGE_CACHE_SECONDS. A view whose page changes by itself sooner sets
    `response.page_cache_seconds` (the meeting page: until registration opens or closes).
    The page is also stored gzip-compressed (`_gzipped`), and
    that copy is what a visitor who accepts gzip gets, first visit or not (`_encoded`)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method != "GET" or PERSONAL_COOKIES & request.COOKIES.keys():
            return response
        seconds = _seconds(response)
        if seconds <= 0 or not _storable(request, response):
            return response
        gzipped = _gzipped(response.content)
        page = functools.partial(_stored, response.content, gzipped, response["Content-Type"])
        _keep(request, page, seconds)
        return _encoded(request, response, gzipped)

    return wrapper


def _gzipped(content):
    """The page gzip-compressed once, as it is stored (a conference's page is some 300 KB of
    HTML), or None where that does not make it smaller. Without GZipMiddleware's random bytes:
    these pages hold no secret for a length to betray."""
    if len(content) < GZIP_MIN_BYTES:
        return None
    compressed = compress_string(content)
    return compressed if len(compressed) < len(content) else None


def _encoded(request, response, gzipped):
    """The response with the compressed page if the visitor accepts gzip, parsed as Django's
    GZipMiddleware does; Vary tells a shared cache that the body depends on Accept-Encoding."""
    patch_vary_headers(response, ("Accept-Encoding",))
    if gzipped is not None and _accepts_gzip(request):
        response.content = gzipped
        response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(gzipped))
    return response


def _stored(content, gzipped, content_type, request):
    """A stored page as _encoded() gives it, made at once with its body: a page from the cache
    costs a few microseconds in all, each of which shows beside a bare view."""
    if gzipped is not None and _accepts_gzip(request):
        headers = {"Vary": "Accept-Encoding", "Content-Encoding": "gzip"}
        return HttpResponse(gzipped, content_type=content_type, headers=headers)
    return HttpResponse(content, content_type=content_type, headers={"Vary": "Accept-Encoding"})


def _accepts_gzip(request):
    return re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))


def cached_form_page(view):
    """cached_public_page for a page with a form. The view renders the page every visitor
    sees alike with `csrf_token` = TOKEN_SLOT in its context; that page is stored, and each
    response gets the visitor's own token in the slot (setting the CSRF cookie) and is marked
    private, so no shared cache keeps a page with a token. A page the view marks itself
    (Cache-Control, as the pages of a personal link are) is never stored. The view may set
    `response.page_cache_seconds` to keep the page for less (until a deadline passes).

    Never compressed: a page with the visitor's CSRF token beside input the page reflects (the
    query string) is what BREACH reads a secret from, by the length of the compressed page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if (
            request.method == "GET"
            and not PERSONAL_COOKIES & request.COOKIES.keys()
            and (seconds := _seconds(response)) > 0
            and _storable(request, response)
            and "Cache-Control" not in response
        ):
            page = functools.partial(_form_page, response.content, response["Content-Type"])
            _keep(request, page, seconds)
        return _with_token(request, response)

    return wrapper


def _form_page(content, content_type, request):
    return _with_token(request, HttpResponse(content, content_type=content_type))


def _seconds(response):
    """How long the page may be kept: PAGE_CACHE_SECONDS, or less where the view says that it
    changes by itself sooner (`response.page_cache_seconds`, until registration opens or
    closes)."""
    seconds = getattr(response, "page_cache_seconds", None)
    return PAGE_CACHE_SECONDS if seconds is None else min(seconds, PAGE_CACHE_SECONDS)


def _key(request):
    return (page_generation(), translation.get_language(), request.get_full_path())


def _keep(request, page, seconds):
    if len(_kept_paths) > 10 * PAGE_CACHE_ENTRIES:
        _kept_paths.clear()
    _kept_paths.add(request.path_info)
    page_cache.set(_key(request), page, seconds)


def _storable(request, response):
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(request, "_csp_nonce", None)
        and not transaction.get_connection().in_atomic_block
    )


def _with_token(request, response):
    slot = TOKEN_SLOT.encode()
    if not getattr(response, "streaming", False) and slot in response.content:
        response.content = response.content.replace(slot, get_token(request).encode())
        patch_cache_control(response, private=True)
        patch_vary_headers(response, ("Cookie",))
    return response
