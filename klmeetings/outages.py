"""The answer when the database is away: 503 with Retry-After and a Danish page that says
nothing sent was saved, instead of the generic error page, which leaves a politician
wondering whether the registration went through (issue 29).

It is the project's handler500, since a database error can come from any layer (a view, the
session's save, a middleware) and Django hands each to that handler, still inside the except
block. Nothing was written: every write (a registration and its e-mail) is one transaction,
which the database rolls back when the connection is lost.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

# Seconds a visitor is asked to wait: PostgreSQL restarting, or a failover, takes about this.
RETRY_AFTER = 30


def server_error(request):
    error = sys.exc_info()[1]
    if not isinstance(error, OperationalError | InterfaceError):
        return defaults.server_error(request)
    # Rendered without the request: its context processors (the user, the session) would ask
    # the database again.
    html = loader.get_template("503.html").render({"sent_a_form": request.method == "POST"})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
