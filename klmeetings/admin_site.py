"""The admin site of the secretariat: its index grouped by task rather than by app.

The groups are a declared mapping in settings (ADMIN_GROUPS: group -> ["app_label.model", ...],
in the order shown), so this module knows no domain app; ADMIN_MODEL_NAMES gives Danish names
to the models of third-party apps (django-axes) that have none. A model in no group is shown
under the last group. An app's own page (/admin/<app_label>/) stays as Django makes it. The
site also answers /admin/vejledning/, the secretariat's guide (templates/admin/guide.html)."""

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path

from .login_forms import AdminLoginForm


class SecretariatAdminSite(admin.AdminSite):
    site_header = "KL-møder: sekretariatet"
    site_title = "KL-møder"
    index_title = "Administration"
    login_form = AdminLoginForm
    # The index is one click away ("Hjem"); without the side bar a list and its filters fit
    # 1280 px (tests/meetings/test_workspace_browser.py).
    enable_nav_sidebar = False

    def get_urls(self):
        return [
            path("vejledning/", self.admin_view(self.guide_view), name="guide"),
            *super().get_urls(),
        ]

    def guide_view(self, request):
        """The secretariat's guide, linked from the index; its pictures are taken by the
        browser test that does the same task (tests/meetings/test_secretariat_task.py)."""
        context = {**self.each_context(request), "title": "Vejledning: et møde fra start til slut"}
        return TemplateResponse(request, "admin/guide.html", context)

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if app_label is not None:
            return app_list
        return group_by_task(app_list, settings.ADMIN_GROUPS, settings.ADMIN_MODEL_NAMES)


def admin_urls(model_admin, routes):
    """A ModelAdmin's own pages, [(route, view, name)], each behind the admin's login."""
    wrap = model_admin.admin_site.admin_view
    return [path(route, wrap(view), name=name) for route, view, name in routes]


def admin_page(model_admin, request, template, context):
    """A page of a ModelAdmin's own, with what Django gives its pages: the site's context and
    the model's `opts` (for the breadcrumbs)."""
    site = {**model_admin.admin_site.each_context(request), "opts": model_admin.model._meta}
    return TemplateResponse(request, template, site | context)


def group_by_task(app_list, groups, names):
    """Django's app list ([{app_label, models: [{object_name, ...}]}]) regrouped as `groups`."""
    models = {}
    for app in app_list:
        for model in app["models"]:
            label = f"{app['app_label']}.{model['object_name'].lower()}"
            if label in names:
                model = model | {"name": names[label]}
            models[label] = model
    grouped = []
    placed = set()
    for number, (group, labels) in enumerate(groups.items()):
        members = [models[label] for label in labels if label in models]
        placed.update(labels)
        if number == len(groups) - 1:
            members += [model for label, model in models.items() if label not in placed]
        if members:
            grouped.append(
                {
                    "name": group,
                    "app_label": f"gruppe-{number}",
                    "app_url": members[0]["admin_url"] or "",
                    "has_module_perms": True,
                    "models": members,
                }
            )
    return grouped
