"""Views that belong to no app: the health check for load balancers and monitoring, and the
privacy text."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from klmeetings.celery import app as celery_app


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        return False


def _broker_ok():
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:  # noqa: BLE001
        return False


@never_cache
def healthz(request):
    """200 with {"database": "ok", "broker": "ok"} when both answer, 503 otherwise."""
    checks = {
        "database": "ok" if _database_ok() else "fejl",
        "broker": "ok" if _broker_ok() else "fejl",
    }
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)


def privacy(request):
    """The privacy text the tilmeld form and every page's footer link to."""
    return render(request, "privacy.html", {"retention_days": settings.REGISTRATION_RETENTION_DAYS})
