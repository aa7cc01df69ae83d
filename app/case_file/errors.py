"""Errors of the case file."""

from app.errors import Conflict
from app.i18n import lazy_gettext as _l


class CaseNoteLocked(Conflict):
    code = "case_note_locked"
    title = _l("Only the author can correct a note, and only within a day of writing it. "
               "Add a new note instead.")
