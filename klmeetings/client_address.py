"""The visitor's own address behind the reverse proxies in front of the portal.

With PROXY_COUNT proxies in front, each appends the address it received the request from to
X-Forwarded-For, so the client is the PROXY_COUNT-th entry from the right; everything left of
it is whatever the client wrote and is never trusted. With PROXY_COUNT = 0 (the default: no
proxy, or one that does not pass the address on) the header is ignored. The middleware puts
the result in REMOTE_ADDR first thing, so the tilmeld limits, django-axes' login lockout and
the logs all count real visitors instead of the proxy."""

import ipaddress

from django.conf import settings


def client_address(meta, proxy_count):
    """The client's address from a request's META, trusting `proxy_count` proxies."""
    remote = meta.get("REMOTE_ADDR", "")
    if proxy_count <= 0:
        return remote
    forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxy_count:
        # Fewer hops than proxies: the request did not come through all of them.
        return remote
    candidate = forwarded[-proxy_count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.proxy_count = settings.PROXY_COUNT

    def __call__(self, request):
        request.META["REMOTE_ADDR"] = client_address(request.META, self.proxy_count)
        return self.get_response(request)
