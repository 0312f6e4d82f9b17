"""The one limiter for every rate limit (the tilmeld form, personal links, sign-in e-mails):
hits per purpose and client network counted in the cache within a window.

The client is its network, not its address: an IPv6 visitor holds a whole /64 and could rotate
through it, and `::ffff:a.b.c.d` is the IPv4 client a.b.c.d. When the cache is away (Redis
down), nothing is counted and the request goes through, logged: a limit must never turn a
politician's registration into an error page."""

import ipaddress
import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_network(request):
    """The visitor's IPv4 address or IPv6 /64 (REMOTE_ADDR, set by klmeetings.client_address)."""
    raw = request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def over_limit(request, purpose, limit, window_seconds, *, per_client=True):
    """Count this request against `purpose` (e.g. "tilmeld:form:12") and the client network;
    True when more than `limit` came within `window_seconds`. With `per_client=False` every
    client counts together (e.g. sign-in e-mails to one address, from anywhere)."""
    key = f"rate:{purpose}:{client_network(request) if per_client else 'all'}"
    try:
        try:
            count = cache.incr(key)  # one round trip while the window runs
        except ValueError:  # the first in the window; of two at once, one adds, one counts on
            count = 1 if cache.add(key, 1, window_seconds) else cache.incr(key)
    except Exception:
        logger.warning("Rate limit not counted: the cache is unavailable", exc_info=True)
        return False
    return count > limit
