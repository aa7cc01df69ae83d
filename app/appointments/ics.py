"""iCalendar (RFC 5545) output for one appointment or a whole feed, written by the
`icalendar` package: it escapes and folds every value, so nothing typed into a title or a
place can start a line of its own (an ATTENDEE, an alarm) in someone's calendar."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from app.appointments.models import Appointment
from app.clock import utcnow
from app.i18n import gettext, reset_locale, set_locale

if TYPE_CHECKING:
    from icalendar import Alarm, Event


@dataclass(frozen=True)
class Reminders:
    """When a calendar app reminds: the day before, and some hours before (None: not)."""

    day_before: bool = True
    hours_before: int | None = 2


DEFAULT_REMINDERS = Reminders()


def _utc(value: datetime) -> datetime:
    # Stored times are UTC; written as UTC ("…Z"), the calendar app shows them in its own zone.
    return value.astimezone(UTC).replace(microsecond=0)


def _alarms(reminders: Reminders) -> list[Alarm]:
    """VALARMs whose text is fit for a lock screen: that there is an appointment, never what
    it is about (no step, no money, no health); the details stay in the event and the app."""
    alarms = []
    if reminders.day_before:
        alarms.append((timedelta(days=-1), gettext("You have an appointment tomorrow.")))
    if reminders.hours_before:
        hours = reminders.hours_before
        text = (gettext("You have an appointment in 1 hour.") if hours == 1
                else gettext("You have an appointment in %(num)d hours.") % {"num": hours})
        alarms.append((timedelta(hours=-hours), text))
    from icalendar import Alarm

    components = []
    for trigger, text in alarms:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", trigger)
        alarm.add("description", text)
        components.append(alarm)
    return components


def _event(appointment: Appointment, host: str, now: datetime,
           reminders: Reminders = DEFAULT_REMINDERS) -> Event:
    location = ", ".join(p for p in (appointment.place_name, appointment.address) if p)
    description = "\n".join(p for p in (appointment.purpose, appointment.what_to_bring) if p)
    from icalendar import Event  # imported when a calendar is asked for: ~50 ms at start-up

    event = Event()
    event.add("uid", f"appointment-{appointment.id}@{host}")
    event.add("dtstamp", _utc(now))
    event.add("dtstart", _utc(appointment.starts_at))
    event.add("dtend", _utc(appointment.ends_at))
    event.add("summary", appointment.title)
    event.add("sequence", appointment.version)
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    if appointment.cancelled_at is not None:
        event.add("status", "CANCELLED")
    else:
        for alarm in _alarms(reminders):
            event.add_component(alarm)
    return event


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
    from icalendar import Calendar, vText

    now = utcnow()
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", "-//Stapwijzer//NL")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(name))  # an X- property is only escaped as text when told
    for appointment in appointments:
        cal.add_component(_event(appointment, host, now, reminders))
    return cal.to_ical().decode("utf-8")
