"""iCalendar (RFC 5545) output for one appointment or a whole feed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from app.appointments.models import Appointment
from app.clock import utcnow
from app.i18n import gettext, reset_locale, set_locale


@dataclass(frozen=True)
class Reminders:
    """When a calendar app reminds: the day before, and some hours before (None: not)."""

    day_before: bool = True
    hours_before: int | None = 2


DEFAULT_REMINDERS = Reminders()


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


def _alarms(reminders: Reminders) -> list[str]:
    """VALARMs whose text is fit for a lock screen: that there is an appointment, never what
    it is about (no step, no money, no health); the details stay in the event and the app."""
    alarms = []
    if reminders.day_before:
        alarms.append(("-P1D", gettext("You have an appointment tomorrow.")))
    if reminders.hours_before:
        hours = reminders.hours_before
        text = (gettext("You have an appointment in 1 hour.") if hours == 1
                else gettext("You have an appointment in %(num)d hours.") % {"num": hours})
        alarms.append((f"-PT{hours}H", text))
    lines = []
    for trigger, text in alarms:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER:{trigger}",
                  f"DESCRIPTION:{_escape(text)}", "END:VALARM"]
    return lines


def _event(appointment: Appointment, host: str, now: datetime,
           reminders: Reminders = DEFAULT_REMINDERS) -> list[str]:
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
    else:
        lines.extend(_alarms(reminders))
    lines.append("END:VEVENT")
    return lines


def calendar(appointments: Iterable[Appointment], host: str, name: str,
             reminders: Reminders = DEFAULT_REMINDERS, locale: str | None = None) -> str:
    """The calendar; every appointment not cancelled reminds as `reminders` says (the
    person's own choices when known, else the day before and two hours before), in `locale`
    (a feed is fetched by a calendar app that sends no language) or the request's language."""
    if locale:
        token = set_locale(locale)
        try:
            return calendar(appointments, host, name, reminders)
        finally:
            reset_locale(token)
    now = utcnow()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Stapwijzer//NL", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(name)}"]
    for appointment in appointments:
        lines.extend(_event(appointment, host, now, reminders))
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"
