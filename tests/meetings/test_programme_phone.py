"""On a 320 px phone (200 % zoom) a programme's times stay whole, "10.00" on one line, never
"10.0" over "0" (issue 16), and the page does not scroll sideways."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from meetings.models import Meeting

from ..a11y_helpers import PHONE_AT_200_PERCENT, horizontal_overflow

# The number of lines each programme time takes, as laid out.
TIME_LINES = """() => [...document.querySelectorAll(".programme-day > dt")].map((dt) => {
  const range = document.createRange();
  range.selectNodeContents(dt);
  return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
})"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_programme_times_stay_on_one_line_on_a_phone(live_server, page):
    call_command("load_demo", verbosity=0)
    conference = Meeting.objects.filter(programme_days__slots__isnull=False).distinct().first()
    page.set_viewport_size(PHONE_AT_200_PERCENT)
    page.goto(live_server.url + conference.get_absolute_url())
    lines = page.evaluate(TIME_LINES)
    assert len(lines) > 5, "the page shows a programme"
    assert set(lines) == {1}, f"times broken over lines: {lines}"
    # Each time opens a row of its own: the times form one column down the page.
    lefts = page.eval_on_selector_all(
        ".programme-day > dt",
        "(dts) => new Set(dts.map((dt) => dt.getBoundingClientRect().left)).size",
    )
    assert lefts == 1
    assert not horizontal_overflow(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_programme_folds_by_day_on_a_phone(live_server, page):
    """Issue 27: a councillor on a phone folds the days she does not need."""
    call_command("load_demo", verbosity=0)
    conference = (
        Meeting.objects.filter(programme_days__isnull=False)
        .annotate(days=Count("programme_days", distinct=True))
        .filter(days__gt=1)
        .first()
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + conference.get_absolute_url())
    days = page.locator("details.programme-fold")
    assert days.count() == conference.days
    first_time = days.first.locator(".programme-day > dt").first
    assert first_time.is_visible()
    days.first.locator("summary").click()
    assert not first_time.is_visible()
    assert days.nth(1).locator(".programme-day > dt").first.is_visible()
    days.first.locator("summary").click()
    assert first_time.is_visible()
