"""The base of the portal, by concern: places.py (regions, municipalities, organisers,
people), meeting.py, letter.py (the invitation letter and its attachments), programme.py
(days, slots, speakers, parallel sessions) and membership.py (who belongs to an organiser,
see access.py). Everything is imported from here: `from meetings.models import Meeting`."""

from .letter import Attachment, LetterSection, PreliminaryAgendaItem, Signatory, attachment_path
from .meeting import Meeting, MeetingQuerySet, case_number_validator
from .membership import Membership
from .places import (
    POLITICIAN_ROLES,
    Municipality,
    Organiser,
    Person,
    PersonQuerySet,
    Region,
    Role,
    is_politician_role,
)
from .programme import ParallelSession, ProgrammeDay, ProgrammeSlot, Speaker
