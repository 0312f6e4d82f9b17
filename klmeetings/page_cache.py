"""The cache of public pages, and the data generation stamp that tells when they are stale.

Pages are kept in the worker's own memory (the "local" cache alias) under a generation stamp
that every committed change to the portal's data replaces (GENERATION_KEYS). Which data counts
is declared by the apps: an AppConfig with `page_data = True` says that its rows are shown on
public pages, so every save, delete and many-to-many change of its models starts a new
generation. A flush of the tables (tests) sends post_migrate. The stamps live in the shared
cache; each process reads them at most once a PAGE_GENERATION_SECONDS, so another worker's
change shows within that second.

The views are decorated as Django's `cache_page` is, from a middleware class
(`decorator_from_middleware`): `cached_public_page`, and `cached_form_page` for a page with a
form. The key is made before the view runs, with the generation of that moment, so a page
rendered while a change is committed is kept under the generation it was read in, which the
change has made stale. A page is stored when the request's transaction commits (at once without
one), so ATOMIC_REQUESTS keeps pages and a page from rows that were rolled back is never kept.

`connect()` is called once, from KlmeetingsConfig.ready().
"""

import functools
import hashlib
import logging
import time
import uuid

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import signals
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.middleware.gzip import re_accepts_gzip
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.csp import CSP
from django.utils.decorators import decorator_from_middleware
from django.utils.deprecation import MiddlewareMixin
from django.utils.text import compress_string
from django.views.decorators.csp import csp_override

logger = logging.getLogger(__name__)
# Two stamps: "pages" changes with every committed change of the pages' data; "setup" with
# every one but a participant's own row (a model with `changes_public_pages`, a registration),
# so what is read from the meetings' set-up (the tilmeld form's meeting) outlives a rush of
# registrations while the pages showing the free seats do not.
GENERATION_KEYS = {"pages": "klmeetings:page-generation", "setup": "klmeetings:setup-generation"}
PAGE_GENERATION_SECONDS = 1.0
_local_generations = {kind: {"value": None, "read_at": 0.0} for kind in GENERATION_KEYS}

# A safety net: the generation stamp drops a page when data changes.
PAGE_CACHE_SECONDS = 10 * 60

# A smaller page is sent as it is, as GZipMiddleware does: gzip's header and trailer cost more.
GZIP_MIN_BYTES = 200

PERSONAL_COOKIES = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}

# What a page under `cached_form_page` prints in place of its CSRF token (the view passes it
# as `csrf_token`); each response gets the visitor's own token there. Letters only, so it comes
# out of the template unescaped, and random per process, so no visitor can type it.
TOKEN_SLOT = f"csrftokenslot{uuid.uuid4().hex}"

# A kept page is sent to many visitors, so it can carry no request's nonce: its policy has none,
# whether the page is rendered or kept.
POLICY_WITHOUT_NONCE = {
    directive: [value for value in values if value != CSP.NONCE]
    for directive, values in settings.SECURE_CSP.items()
}


def page_generation(kind="pages"):
    """The current stamp of `kind` ("pages" or "setup"); anything computed from that data may
    be kept under it."""
    local = _local_generations[kind]
    now = time.monotonic()
    if now - local["read_at"] >= PAGE_GENERATION_SECONDS:
        try:
            generation = cache.get(GENERATION_KEYS[kind]) or _new_generation(kind)
        except Exception:
            # The shared cache is down: a stamp of its own for every request, so no page is
            # served from the cache until it is back.
            logger.warning("Sidecachen er ikke tilgængelig", exc_info=True)
            return uuid.uuid4().hex
        local.update(value=generation, read_at=now)
    return local["value"]


def _new_generation(*kinds):
    """New stamps of `kinds` (default: both); the last one made."""
    for kind in kinds or GENERATION_KEYS:
        generation = uuid.uuid4().hex
        _local_generations[kind].update(value=generation, read_at=time.monotonic())
        try:
            cache.set(GENERATION_KEYS[kind], generation, None)
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
    """New stamps once the change is committed (at once outside a transaction): until then
    other requests see the old rows. A registration thus does not wait for the shared cache
    while it holds its lock. A participant's row says whether it changes a page,
    `changes_public_pages(created)`, and never changes the set-up."""
    if sender._meta.app_label not in _page_data_labels():
        return
    changes_public_pages = getattr(instance, "changes_public_pages", None)
    if changes_public_pages is None:
        transaction.on_commit(_new_generation)
    elif changes_public_pages(created):
        transaction.on_commit(lambda: _new_generation("pages"))


def connect():
    for signal in (signals.post_save, signals.post_delete, signals.m2m_changed):
        signal.connect(_data_changed, dispatch_uid=f"page-generation-{signal}")
    signals.post_migrate.connect(
        lambda **kwargs: _new_generation(), weak=False, dispatch_uid="page-generation-flush"
    )


class PublicPageCache(MiddlewareMixin):
    """Django's cache middleware pattern for the pages every visitor without a session sees
    alike: process_request answers with a kept page, process_response keeps a new one.

    Only such pages are kept: a request with a session or messages cookie, any method but GET,
    and a response that is not a 200 or sets a cookie (a CSRF token for a form) are passed by.
    A CSRF cookie alone does not matter: a page that prints a token is never kept. The key is
    the language and the path with its query string under the generation read before the view
    runs. A view whose page changes by itself sooner than PAGE_CACHE_SECONDS sets
    `response.page_cache_seconds` (the meeting page: until registration opens or closes).
    The page is kept plain and gzip-compressed once, and a visitor who accepts gzip gets the
    compressed copy, first visit or not."""

    compress = True

    def process_request(self, request):
        request.page_cache_key = None
        if request.method != "GET" or PERSONAL_COOKIES & request.COOKIES.keys():
            return None
        request.page_cache_key = _key(request)
        encoding = "gzip" if self.compress and _accepts_gzip(request) else "plain"
        kept = caches["local"].get(f"{request.page_cache_key}:{encoding}")
        return None if kept is None else self.respond(request, self.response(kept, encoding))

    def process_response(self, request, response):
        key = getattr(request, "page_cache_key", None)
        seconds = _seconds(response)
        if key is None or seconds <= 0 or not self.storable(response):
            return self.respond(request, response)
        content_type = response["Content-Type"]
        kept = {"plain": (response.content, content_type)}
        gzipped = _gzipped(response.content) if self.compress else None
        if gzipped is not None:
            kept["gzip"] = (gzipped, content_type)
        pages = {f"{key}:{name}": page for name, page in kept.items()}
        transaction.on_commit(lambda: caches["local"].set_many(pages, seconds))
        if gzipped is not None and _accepts_gzip(request):
            response = self.response(kept["gzip"], "gzip")
        return self.respond(request, response)

    def storable(self, response):
        return response.status_code == 200 and not response.streaming and not response.cookies

    def response(self, kept, encoding):
        content, content_type = kept
        response = HttpResponse(content, content_type=content_type)
        if encoding == "gzip":
            response["Content-Encoding"] = "gzip"
        return response

    def respond(self, request, response):
        """What goes out, rendered or kept: Vary tells a shared cache that the body depends on
        Accept-Encoding, and on Cookie: a signed-in visitor gets a page of her own (the header
        names her pages), rendered whether or not it touched the session this time."""
        patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
        return response


class FormPageCache(PublicPageCache):
    """PublicPageCache for a page with a form. The view renders the page every visitor sees
    alike with `csrf_token` = TOKEN_SLOT in its context; that page is kept, and each response
    gets the visitor's own token in the slot (setting the CSRF cookie) and is marked private,
    so no shared cache keeps a page with a token. A page the view marks itself (Cache-Control,
    as the pages of a personal link are) is never kept.

    Never compressed: a page with the visitor's CSRF token beside input the page reflects (the
    query string) is what BREACH reads a secret from, by the length of the compressed page."""

    compress = False

    def storable(self, response):
        return super().storable(response) and "Cache-Control" not in response

    def respond(self, request, response):
        slot = TOKEN_SLOT.encode()
        if not response.streaming and slot in response.content:
            response.content = response.content.replace(slot, get_token(request).encode())
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
        return response


def cached_public_page(view):
    return decorator_from_middleware(PublicPageCache)(csp_override(POLICY_WITHOUT_NONCE)(view))


def cached_form_page(view):
    return decorator_from_middleware(FormPageCache)(csp_override(POLICY_WITHOUT_NONCE)(view))


def _gzipped(content):
    """The page gzip-compressed once, as it is kept (a conference's page is some 300 KB of
    HTML), or None where that does not make it smaller. Without GZipMiddleware's random bytes:
    these pages hold no secret for a length to betray."""
    if len(content) < GZIP_MIN_BYTES:
        return None
    compressed = compress_string(content)
    return compressed if len(compressed) < len(content) else None


def _accepts_gzip(request):
    return re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))


def _seconds(response):
    """How long the page may be kept: PAGE_CACHE_SECONDS, or less where the view says that it
    changes by itself sooner (`response.page_cache_seconds`)."""
    seconds = getattr(response, "page_cache_seconds", None)
    return PAGE_CACHE_SECONDS if seconds is None else min(seconds, PAGE_CACHE_SECONDS)


def _key(request):
    path = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"page:{page_generation()}:{translation.get_language()}:{path}"
