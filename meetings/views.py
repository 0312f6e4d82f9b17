"""Public pages about meetings."""

from django.shortcuts import get_object_or_404, render

from .models import Meeting


def meeting_list(request):
    meetings = Meeting.objects.upcoming().select_related("organiser")
    return render(request, "meetings/meeting_list.html", {"meetings": meetings})


def meeting_detail(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("organiser"), pk=pk)
    return render(request, "meetings/meeting_detail.html", {"meeting": meeting})
