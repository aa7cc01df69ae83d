"""The case file's words: kinds of contact moment and whom they were with."""

from __future__ import annotations

from app.appointments.purposes import PURPOSE_LABELS
from app.case_file.models import CaseNoteKind, ContactRole
from app.i18n import lazy_gettext as _l

NOTE_KIND_LABELS = {
    CaseNoteKind.note: _l("Note"),
    CaseNoteKind.phone: _l("Phone call"),
    CaseNoteKind.visit: _l("Visit"),
    CaseNoteKind.email: _l("E-mail"),
    CaseNoteKind.message: _l("Message (app, text)"),
}

CONTACT_ROLE_LABELS = {
    ContactRole.candidate: _l("the candidate"),
    ContactRole.parent: _l("parent or network"),
    ContactRole.employer: _l("employer"),
    ContactRole.care_provider: _l("care provider"),
    ContactRole.uwv: _l("UWV"),
    ContactRole.benefits_office: _l("benefits office"),
}

__all__ = ["CONTACT_ROLE_LABELS", "NOTE_KIND_LABELS", "PURPOSE_LABELS"]
