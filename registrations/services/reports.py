"""What the secretariat takes out of the registrations: CSV and Excel exports, the per-meeting
overview with its chart, and the participant list PDF. Each gathers its rows in a fixed number
of queries."""

import csv
import datetime
import io
from collections import Counter
from itertools import groupby

from django.db.models import Count
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from klmeetings import dates
from klmeetings.documents import render_pdf

from ..models import Registration
from .invitations import invitation_url
from .registration import settings_for

EXPORT_COLUMNS = [
    ("Møde", lambda r: r.meeting.title),
    ("Navn", lambda r: r.name),
    ("E-mail", lambda r: r.email),
    ("Kommune", lambda r: r.municipality.name if r.municipality else ""),
    ("Region", lambda r: r.municipality.region.name if r.municipality else ""),
    ("Rolle", lambda r: r.get_role_display()),
    ("Parti", lambda r: r.party_letter),
    ("Telefon", lambda r: r.phone),
    ("Status", lambda r: r.get_status_display()),
    ("Venter fordi", lambda r: r.waiting_reason),
    ("Session", lambda r: str(r.session) if r.session else ""),
    ("Aftenarrangement", lambda r: "Ja" if r.dinner else "Nej"),
    ("Kosthensyn", lambda r: r.dietary_needs),
    ("Kommentar", lambda r: r.comment),
    ("Kilde", lambda r: r.get_source_display()),
    ("Tilmeldt", lambda r: r.queued_at),
]


# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection"):
# a name like =HYPERLINK(...) must arrive as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """`value` for a CSV cell: a string a spreadsheet would read as a formula gets a leading
    single quote, the usual sign for "this is text"."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(rows):
    """CSV as Danish Excel opens it: semicolons and a byte-order mark; no cell a formula."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, delimiter=";").writerows([as_text(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def export_rows(queryset):
    """One row per registration, with the header first."""
    registrations = queryset.select_related("meeting", "municipality__region", "session").order_by(
        "meeting__starts_at", "queued_at", "pk"
    )
    yield [title for title, _ in EXPORT_COLUMNS]
    for registration in registrations:
        yield [value(registration) for _, value in EXPORT_COLUMNS]


def export_csv(queryset):
    return _csv(
        [dates.numeric_datetime(v) if isinstance(v, datetime.datetime) else v for v in row]
        for row in export_rows(queryset)
    )


def invitation_links_csv(queryset):
    """Name, e-mail, municipality and personal link of each invitation, for a mail merge."""
    rows = [["Navn", "E-mail", "Kommune", "Møde", "Personligt link"]]
    for invitation in queryset.select_related("person__municipality", "meeting"):
        person = invitation.person
        rows.append(
            [
                person.name,
                person.email,
                person.municipality.name if person.municipality else "",
                invitation.meeting.title,
                invitation_url(invitation),
            ]
        )
    return _csv(rows)


def _excel_value(value):
    """A moment as a date Excel can sort and filter, in Danish time (Excel has no zones)."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def export_xlsx(queryset):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tilmeldinger"
    for row in export_rows(queryset):
        sheet.append([_excel_value(value) for value in row])
        for cell in sheet[sheet.max_row]:
            # openpyxl takes a string starting with "=" for a formula; this one is text.
            if cell.data_type == "f":
                cell.data_type = "s"
            elif cell.is_date:
                cell.number_format = "dd-mm-yyyy hh:mm"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def overview(meeting):
    """Counts by status, by session and by municipality, and registrations per day."""
    reg_settings = settings_for(meeting)
    registrations = Registration.objects.filter(meeting=meeting)
    by_status = dict(
        registrations.values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    statuses = [(label, by_status.get(value, 0)) for value, label in Registration.Status.choices]

    per_session = Counter(
        (row["session"], row["status"])
        for row in registrations.exclude(session=None).values("session", "status")
    )
    sessions = [
        {
            "session": session,
            "capacity": getattr(getattr(session, "capacity", None), "capacity", None),
            "confirmed": per_session[(session.pk, "confirmed")],
            "waiting": per_session[(session.pk, "waiting")],
        }
        for session in meeting.sessions.select_related("capacity")
    ]
    municipalities = list(
        registrations.exclude(status=Registration.Status.CANCELLED)
        .values("municipality__name", "municipality__region__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "municipality__name")
    )
    return {
        "reg_settings": reg_settings,
        "statuses": statuses,
        "sessions": sessions,
        "municipalities": municipalities,
        "chart": registrations_per_day(registrations),
    }


def registrations_per_day(registrations, width=640, height=160):
    """Bars for an SVG chart drawn on the server: one per day from the first registration to
    the last, each with its height, position, day and count."""
    local_days = Counter(
        timezone.localtime(moment).date()
        for moment in registrations.values_list("created_at", flat=True)
    )
    if not local_days:
        return None
    first, last = min(local_days), max(local_days)
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    top = max(local_days.values())
    # A few days must not become a few huge blocks: at most 40 pixels a day.
    slot = min(width / len(days), 40)
    bars = [
        {
            "x": round(index * slot + slot * 0.1, 1),
            "width": round(slot * 0.8, 1),
            "height": round(height * local_days[day] / top, 1),
            "y": round(height - height * local_days[day] / top, 1),
            "day": day,
            "count": local_days[day],
        }
        for index, day in enumerate(days)
    ]
    return {"bars": bars, "width": width, "height": height, "top": top}


def participant_list_pdf(meeting):
    """The confirmed participants grouped by municipality, with their session, dinner and diet
    where the meeting asks for them, and the waiting list in its order, as a KL document."""
    registrations = list(
        Registration.objects.confirmed()
        .filter(meeting=meeting)
        .select_related("municipality", "session")
        .order_by("municipality__name", "name")
    )
    waiting = list(
        Registration.objects.waiting().filter(meeting=meeting).select_related("municipality")
    )
    reg_settings = settings_for(meeting)
    groups = [
        {"municipality": municipality, "registrations": list(rows)}
        for municipality, rows in groupby(registrations, key=lambda r: r.municipality)
    ]
    context = {
        "meeting": meeting,
        "groups": groups,
        "total": sum(len(group["registrations"]) for group in groups),
        "has_sessions": meeting.sessions.exists(),
        "dinner_label": reg_settings.dinner_label,
        "has_diets": any(r.dietary_needs for r in registrations),
        "diners": sum(1 for r in registrations if r.dinner),
        "waiting": waiting,
        "letterhead": {
            "date": timezone.localdate(),
            "case_number": meeting.case_number,
            "document_number": meeting.document_number,
            "email": meeting.contact_email,
            "direct_phone": meeting.contact_phone,
        },
    }
    return render_pdf("pdf/participant_list.html", context)
