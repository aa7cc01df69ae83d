"""Presenters of appointments, shared by the API and the pages."""

from __future__ import annotations

from urllib.parse import quote_plus

from app.appointments.models import Appointment


def map_url(appointment: Appointment) -> str | None:
    """A map search for the address (OpenStreetMap: no tracking, no key), or None."""
    if not appointment.address:
        return None
    return "https://www.openstreetmap.org/search?query=" + quote_plus(appointment.address)
