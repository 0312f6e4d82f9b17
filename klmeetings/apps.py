from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class KlmeetingsConfig(AppConfig):
    name = "klmeetings"
    verbose_name = "KL-møder"

    def ready(self):
        from . import page_cache

        page_cache.connect()


class SecretariatAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the secretariat's site (its index grouped by task)."""

    default = False  # "klmeetings" alone still means KlmeetingsConfig
    default_site = "klmeetings.admin_site.SecretariatAdminSite"
