"""What each notification says, in the recipient's language: a title fit for a lock screen or a
mail subject (never money, health or a step's name) and a short body; details stay in the app."""

from __future__ import annotations

from app.i18n import DEFAULT_LOCALE, gettext, reset_locale, set_locale
from app.i18n import lazy_gettext as _l
from app.outbox.channels import Message
from app.outbox.models import Notification
from app.people.models import Person

# event -> (title, body); both take the notification's params, e.g. %(time)s.
EVENTS = {
    "update_posted": (_l("New message in Stapwijzer"),
                      _l("Your contact person wrote you a message. Open Stapwijzer to read it.")),
    "question_asked": (_l("A candidate asked a question"),
                       _l("A candidate of yours asked something. Open Stapwijzer to answer.")),
    "concern_reported": (_l("An employer is worried"),
                         _l("An employer told you about a worry. Open Stapwijzer to read it.")),
    # --- what notifies whom (app/outbox/notify.py); titles name no step, money or health ---
    "update_posted_network": (
        _l("New message in Stapwijzer"),
        _l("The contact person of %(name)s wrote a message. Open Stapwijzer to read it.")),
    "appointment_planned": (_l("New appointment on %(day)s at %(time)s"),
                            _l("You have a new appointment. Open Stapwijzer to see where.")),
    "appointment_planned_network": (
        _l("New appointment on %(day)s at %(time)s"),
        _l("%(name)s has a new appointment. Open Stapwijzer to see where.")),
    "appointment_changed": (_l("An appointment has changed"),
                            _l("The appointment is now on %(day)s at %(time)s. "
                               "Open Stapwijzer to see more.")),
    "appointment_cancelled": (_l("An appointment does not go ahead"),
                              _l("The appointment on %(day)s at %(time)s does not go ahead.")),
    "appointment_reminder_day": (_l("You have an appointment tomorrow at %(time)s"),
                                 _l("Open Stapwijzer to see where it is.")),
    "appointment_reminder_day_network": (
        _l("%(name)s has an appointment tomorrow at %(time)s"),
        _l("Open Stapwijzer to see where it is.")),
    "appointment_reminder_hours": (_l("You have an appointment at %(time)s"),
                                   _l("Your appointment starts at %(time)s. Leave on time.")),
    "appointment_reminder_hours_network": (
        _l("%(name)s has an appointment at %(time)s"),
        _l("The appointment starts at %(time)s.")),
    "question_answered": (_l("%(name)s answered"),
                          _l("Your question has an answer. Open Stapwijzer to read it.")),
    "steps_changed": (_l("Something changed in your steps"),
                      _l("Open Stapwijzer to see what changed.")),
    "steps_changed_network": (_l("Something changed in the steps of %(name)s"),
                              _l("Open Stapwijzer to see what changed.")),
    "guarantee_updated": (_l("New information in Stapwijzer"),
                          _l("Your contact person wrote something down again. "
                             "Open Stapwijzer to read it.")),
    "guarantee_updated_network": (
        _l("New information in Stapwijzer"),
        _l("Something was written down again for %(name)s. Open Stapwijzer to read it.")),
    "cannot_come": (_l("A candidate cannot come to an appointment"),
                    _l("Open Stapwijzer to see which appointment and why.")),
    "cover_started": (_l("You cover for a colleague from today"),
                      _l("%(colleague)s is away until %(until)s. You are the backup for "
                         "%(count)s candidates.")),
    "red_flags_digest": (_l("New warnings in your caseload"),
                         _l("%(count)s new warnings for %(candidates)s candidates. "
                            "Open Stapwijzer to see them.")),
}


def render(notification: Notification, recipient: Person, base_url: str) -> Message:
    """The message in the recipient's own language (Dutch when they chose none)."""
    title, body = EVENTS[notification.event]
    token = set_locale(recipient.locale or DEFAULT_LOCALE)
    try:
        params = dict(notification.params)
        return Message(title=gettext(str(title)) % params, body=gettext(str(body)) % params,
                       url=base_url.rstrip("/") + notification.link)
    finally:
        reset_locale(token)
