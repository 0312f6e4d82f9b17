"""klmeetings: the project package (settings, urls, Celery app) and the shared machinery that
knows no domain: Danish dates, PDF rendering and the demo-data loader."""

from .celery import app as celery_app

__all__ = ["celery_app"]
