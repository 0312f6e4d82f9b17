"""Template filters for KL's way of writing dates; loaded as a builtin in every template.

{{ meeting.starts_at|danish_long_date }}        torsdag den 13. august 2020
{{ meeting.starts_at|danish_span:meeting.ends_at }}  ... kl. 16.00-18.00
"""

from django import template

from klmeetings import dates

register = template.Library()


@register.filter
def danish_date(value):
    return dates.danish_date(value) if value else ""


@register.filter
def danish_long_date(value):
    return dates.danish_long_date(value) if value else ""


@register.filter
def danish_time(value):
    return dates.danish_time(value) if value else ""


@register.filter
def danish_span(start, end=None):
    return dates.danish_span(start, end or None) if start else ""


@register.filter
def numeric_datetime(value):
    return dates.numeric_datetime(value) if value else ""
