"""One way to answer with a file: the right Content-Disposition (RFC 6266, with a UTF-8
filename* for names such as "mødeprogram.pdf") and no caching by shared proxies of files
that may be personal."""

from pathlib import PurePosixPath

from django.http import FileResponse, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header


def file_response(content, content_type, filename, *, inline=False):
    """`content` (bytes or str) as a download, or shown in the browser with `inline`."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    patch_cache_control(response, private=True)
    return response


def stored_file_response(stored, *, members_only=False):
    """An uploaded file (a FieldFile, such as a bilag) shown in the browser under its own name
    and type, streamed from storage rather than read into memory. A public file may be kept by
    proxies; one `members_only` is kept by nobody."""
    response = FileResponse(stored.open("rb"), filename=PurePosixPath(stored.name).name)
    if members_only:
        response["Cache-Control"] = "private, no-store"
    return response
