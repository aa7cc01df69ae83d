"""What a talk is for, in words: the staff's label and what the candidate reads."""

from __future__ import annotations

from app.appointments.models import Purpose
from app.i18n import gettext
from app.i18n import lazy_gettext as _l

# The label staff choose from (appointments and contact moments).
PURPOSE_LABELS = {
    Purpose.other: _l("Other"),
    Purpose.three_way_talk: _l("Three-way talk (candidate, supervisor, consultant)"),
    Purpose.uwv_interview: _l("UWV interview (the consultant goes along)"),
    Purpose.aftercare_visit: _l("Aftercare visit"),
    Purpose.progress_talk: _l("Progress talk / evaluation"),
}

# What the candidate reads about the appointment, in plain words (B1).
PURPOSE_FOR_CANDIDATE = {
    Purpose.three_way_talk: _l("You talk together with your supervisor and your consultant."),
    Purpose.uwv_interview: _l("Your consultant goes with you to the talk."),
    Purpose.aftercare_visit: _l("Your consultant comes to see how work is going."),
    Purpose.progress_talk: _l("You talk about how it is going. And about what comes next."),
}


def purpose_for_candidate(purpose: Purpose | str) -> str | None:
    """The plain words for the candidate, or None for "other" (the title says enough)."""
    text = PURPOSE_FOR_CANDIDATE.get(Purpose(purpose))
    return gettext(str(text)) if text is not None else None
