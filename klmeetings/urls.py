from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("privatliv/", views.privacy, name="privacy"),
    path("admin/", admin.site.urls),
    path("", include("meetings.urls")),
    path("", include("registrations.urls")),
    path("", include("mypages.urls")),
    path("dagsordener/", include("agendas.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# A database that is away answers 503 with Retry-After, not the generic error page.
handler500 = "klmeetings.outages.server_error"
