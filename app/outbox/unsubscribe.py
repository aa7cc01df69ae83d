"""The unsubscribe link in every e-mail: a signed token per person that works without signing
in, and switching e-mail off for that person."""

from __future__ import annotations

import hashlib
import hmac

from sqlmodel import Session

from app.clock import utcnow
from app.outbox.models import NotificationPreference
from app.outbox.service import preferences_for
from app.people.models import Person
from app.settings import Settings

PURPOSE = "outbox-unsubscribe"


def _signature(settings: Settings, person_id: int) -> str:
    message = f"{PURPOSE}:{person_id}".encode()
    return hmac.new(settings.secret_key.encode(), message, hashlib.sha256).hexdigest()[:32]


def token_for(settings: Settings, person_id: int) -> str:
    """"<person id>.<signature>": only the app's secret can make one."""
    return f"{person_id}.{_signature(settings, person_id)}"


def person_for_token(session: Session, settings: Settings, token: str) -> Person | None:
    """The person a token belongs to, or None for a forged, damaged or stale token."""
    head, _, signature = token.partition(".")
    if not head.isdigit() or len(head) > 12:
        return None
    person_id = int(head)
    if not hmac.compare_digest(signature.encode(), _signature(settings, person_id).encode()):
        return None
    return session.get(Person, person_id)


def url_for_person(settings: Settings, person_id: int) -> str:
    return f"{settings.base_url.rstrip('/')}/unsubscribe/{token_for(settings, person_id)}"


def unsubscribe(session: Session, person: Person) -> NotificationPreference:
    """Stop e-mail for this person (again: nothing changes); what waits is sent no more."""
    preference = preferences_for(session, person.id)
    if preference.email_unsubscribed_at is None:
        preference.email_unsubscribed_at = utcnow()
        session.add(preference)
        session.flush()
    return preference
