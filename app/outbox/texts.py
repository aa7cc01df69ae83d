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
