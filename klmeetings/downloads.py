"""One way to answer with a file: the right Content-Disposition (RFC 6266, with a UTF-8
filename* for names such as "mødeprogram.pdf") and no caching by shared proxies of files
that may be personal."""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header


def file_response(content, content_type, filename, *, inline=False):
    """`content` (bytes or str) as a download, or shown in the browser with `inline`."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    patch_cache_control(response, private=True)
    return response
