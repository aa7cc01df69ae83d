"""iCalendar (RFC 5545) output for one appointment or a whole feed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from app.appointments.models import Appointment
from app.clock import utcnow


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets are folded with a leading space (RFC 5545 §3.1)."""
    data = line.encode()
    if len(data) <= 75:
        return [line]
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return [parts[0]] + [" " + p for p in parts[1:]]


def _event(appointment: Appointment, host: str, now: datetime) -> list[str]:
    location = ", ".join(p for p in (appointment.place_name, appointment.address) if p)
    description = "\n".join(p for p in (appointment.purpose, appointment.what_to_bring) if p)
    lines = [
        "BEGIN:VEVENT",
        f"UID:appointment-{appointment.id}@{host}",
        f"DTSTAMP:{_stamp(now)}",
        f"DTSTART:{_stamp(appointment.starts_at)}",
        f"DTEND:{_stamp(appointment.ends_at)}",
        f"SUMMARY:{_escape(appointment.title)}",
        f"SEQUENCE:{appointment.version}",
    ]
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    if appointment.cancelled_at is not None:
        lines.append("STATUS:CANCELLED")
    lines.append("END:VEVENT")
    return lines


def calendar(appointments: Iterable[Appointment], host: str, name: str) -> str:
    now = utcnow()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Stapwijzer//NL", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(name)}"]
    for appointment in appointments:
        lines.extend(_event(appointment, host, now))
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"
