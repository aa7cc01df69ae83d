"""Presenters of appointments, shared by the API and the pages."""

from __future__ import annotations

from urllib.parse import quote_plus

from sqlmodel import Session

from app.access import CandidateFile
from app.appointments.models import Appointment
from app.appointments.schemas import CannotComePublic
from app.messages.models import Message
from app.messages.service import cannot_come_for
from app.messages.views import author_names


def map_url(appointment: Appointment) -> str | None:
    """A map search for the address (OpenStreetMap: no tracking, no key), or None."""
    if not appointment.address:
        return None
    return "https://www.openstreetmap.org/search?query=" + quote_plus(appointment.address)


def cannot_come_public(messages: list[Message], names: dict[int, str]) -> list[CannotComePublic]:
    """The "I can't come" messages of one appointment, as shown on it."""
    return [CannotComePublic(message_id=m.id, author_id=m.author_id,
                             author_name=names.get(m.author_id, ""), note=m.body,
                             created_at=m.created_at) for m in messages]


def cannot_come_on(session: Session, file: CandidateFile,
                   appointments: list[Appointment]) -> dict[int, list[CannotComePublic]]:
    """Per appointment: who said they cannot come, with names. Raises NotFound."""
    found = cannot_come_for(session, file, [a.id for a in appointments])
    names = author_names(session, [m for group in found.values() for m in group])
    return {appointment_id: cannot_come_public(group, names)
            for appointment_id, group in found.items()}
