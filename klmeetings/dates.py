"""Dates as KL writes them: "torsdag den 13. august 2020 kl. 16.00-18.00".

Written out by hand rather than through locale formats, because KL's house style (a dot in
times, "den" before the day, lower-case weekdays) is not what any locale prints.
"""

import datetime

from django.utils import timezone

WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip


def _local(value):
    """Aware datetimes in Europe/Copenhagen; dates and naive values as given."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def danish_date(value):
    """'13. august 2020'."""
    value = _local(value)
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def danish_long_date(value):
    """'torsdag den 13. august 2020'."""
    value = _local(value)
    return f"{WEEKDAYS[value.weekday()]} den {danish_date(value)}"


def danish_time(value):
    """'16.00'."""
    value = _local(value)
    return f"{value.hour:02d}.{value.minute:02d}"


def danish_span(start, end=None):
    """'torsdag den 13. august 2020 kl. 16.00-18.00', or across days
    'tirsdag den 24. maj 2022 kl. 10.00 til onsdag den 25. maj 2022 kl. 12.00'."""
    start = _local(start)
    text = f"{danish_long_date(start)} kl. {danish_time(start)}"
    if end is None:
        return text
    end = _local(end)
    if end.date() == start.date():
        return f"{text}-{danish_time(end)}"
    return f"{text} til {danish_long_date(end)} kl. {danish_time(end)}"


def numeric_datetime(value):
    """'30-08-2021 10:00', as on the front page of a dagsorden."""
    value = _local(value)
    return f"{value.day:02d}-{value.month:02d}-{value.year} {value.hour:02d}:{value.minute:02d}"
