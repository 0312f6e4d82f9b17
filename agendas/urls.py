from django.urls import path  # noqa: F401 - the agendas' public pages are added here

app_name = "agendas"

urlpatterns = []
