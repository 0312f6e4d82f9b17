"""What happens to a meeting, for the apps built on meetings to act on (django.dispatch).

meetings sends these and never names who receives them; an app connects its receivers in its
AppConfig.ready(), with a `dispatch_uid`. Both are sent with `sender=Meeting` inside the
service's transaction, so a receiver that raises undoes the whole change.

- `meeting_cancelled(meeting)`: sent by `services.cancel_meeting` once the meeting's status is
  saved as cancelled (the meeting's row is locked). A receiver returns a Danish sentence for
  the secretary ("12 tilmeldte og ventende får besked på e-mail.") or None; the admin shows
  the sentences. Registrations tells everyone signed up.
- `meeting_copied(source, copy, delta)`: sent by `services.copy_meeting` ("Kopiér møde") once
  `copy` and the meeting's own rows exist; `delta` is the timedelta every time of the copy is
  moved by. Registrations copies its settings (and so its mailings).
"""

from django.dispatch import Signal

meeting_cancelled = Signal()
meeting_copied = Signal()
