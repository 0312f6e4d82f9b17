from django.urls import path  # noqa: F401 - the tilmeld pages are added here

app_name = "registrations"

urlpatterns = []
