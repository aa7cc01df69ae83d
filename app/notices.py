"""System notices on the candidate's messages (an appointment changed, a new contact person…),
stored as a code with parameters and written out in each reader's own language."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from app.access.policies import FileArea
from app.i18n import date_text, datetime_text, gettext
from app.i18n import lazy_gettext as _l
from app.messages.models import Message, MessageKind

NOTICES = {
    "appointment_new": _l("New appointment: %(title)s, on %(when)s."),
    "appointment_changed": _l("Your appointment %(title)s has changed. It is now on %(when)s."),
    "appointment_cancelled": _l("Your appointment %(title)s on %(when)s does not go ahead."),
    "contact_changed": _l("From now on %(name)s is your contact person."),
    "guarantee_updated": _l("What happens if work does not work out has been written down again. "
                            "Read it under If it does not work out."),
    "way_back_pause": _l("You take a break from work, or work fewer hours. Your contact person "
                         "helps you."),
    "way_back_return": _l("You go back to %(provider)s. Your contact person arranges it with you."),
    "way_back_other_placement": _l("You will try another workplace. This is try number "
                                   "%(attempt)s."),
    "way_back_secondment": _l("You go back to %(provider)s. Your employer lends you to them. "
                              "You keep your job and your salary."),
    "way_back_other_provision": _l("Work does not fit now. Your contact person looks for other "
                                   "help with you. The municipality keeps helping you."),
}

# The part of the file each notice belongs to: a network member reads the notices of the areas
# the candidate granted her (the consultant's own updates belong to the messages area).
NOTICE_AREAS = {
    "appointment_new": FileArea.appointments,
    "appointment_changed": FileArea.appointments,
    "appointment_cancelled": FileArea.appointments,
    "contact_changed": FileArea.contact,
    "guarantee_updated": FileArea.guarantee,
    "way_back_pause": FileArea.steps,
    "way_back_return": FileArea.steps,
    "way_back_other_placement": FileArea.steps,
    "way_back_secondment": FileArea.steps,
    "way_back_other_provision": FileArea.steps,
}


def notice_codes_for(areas) -> list[str]:
    """The notice codes a reader of these file areas may read."""
    return [code for code, area in NOTICE_AREAS.items() if area in areas]


def notice_text(notice: dict[str, Any]) -> str:
    """The notice as a sentence in the current language."""
    template = NOTICES.get(notice.get("code", ""))
    if template is None:
        return ""
    params = {}
    for key, value in (notice.get("params") or {}).items():
        if key == "when" and isinstance(value, str):
            params[key] = datetime_text(datetime.fromisoformat(value), "long")
        elif isinstance(value, str) and key.endswith("_on"):
            params[key] = date_text(date.fromisoformat(value))
        else:
            params[key] = value
    return gettext(str(template)) % params


def message_text(message: Message) -> str:
    """What a reader sees of a message: its own words, or its notice in the reader's language."""
    return message.body or (notice_text(message.notice) if message.notice else "")


def post_notice(session: Session, *, candidate_id: int, author_id: int, code: str,
                about_appointment_id: int | None = None, **params: Any) -> Message:
    """Write a notice into the candidate's messages (unread until the candidate reads it)."""
    message = Message(candidate_id=candidate_id, author_id=author_id, kind=MessageKind.update,
                      body="", notice={"code": code, "params": params},
                      about_appointment_id=about_appointment_id)
    session.add(message)
    session.flush()
    return message
