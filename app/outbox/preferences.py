"""The signed-in person's own notification choices and the browsers they get pushes on."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import urlsplit

from sqlalchemy import null, select
from sqlmodel import Session

from app.auth.actor import Actor
from app.clock import utcnow
from app.concurrency import check_version
from app.errors import NotFound, ValidationFailed, field_error
from app.i18n import gettext as _
from app.outbox.models import NotificationPreference, PushSubscription
from app.outbox.schemas import (
    NotificationPreferencesPublic,
    NotificationPreferencesUpdate,
    PushSubscriptionIn,
)
from app.outbox.service import preferences_for

# Choices a form offers for "hours before"; the API takes any whole hour from 1 to 12.
HOURS_BEFORE_CHOICES = (1, 2, 3, 4, 6)
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def _stored(session: Session, person_id: int) -> NotificationPreference | None:
    return session.scalar(select(NotificationPreference).where(
        NotificationPreference.person_id == person_id))


def public(preference: NotificationPreference, stored: bool) -> NotificationPreferencesPublic:
    return NotificationPreferencesPublic(
        email_enabled=preference.email_enabled and preference.email_unsubscribed_at is None,
        push_enabled=preference.push_enabled, remind_day_before=preference.remind_day_before,
        remind_hours_before=preference.remind_hours_before, quiet_from=preference.quiet_from,
        quiet_until=preference.quiet_until, version=preference.version if stored else 0)


def read_preferences(session: Session, actor: Actor) -> NotificationPreferencesPublic:
    """The person's choices, or the defaults (version 0) when they never changed them."""
    stored = _stored(session, actor.person_id)
    return public(stored or preferences_for(session, actor.person_id), stored is not None)


def _check(data: NotificationPreferencesUpdate) -> None:
    errors = []
    if (data.quiet_from is None) != (data.quiet_until is None):
        name = "quiet_until" if data.quiet_until is None else "quiet_from"
        errors.append(field_error(name, _("Fill in both times, or leave both empty."),
                                  "quiet_hours_incomplete"))
    elif data.quiet_from is not None and data.quiet_from == data.quiet_until:
        errors.append(field_error("quiet_until", _("The end time must differ from the start time."),
                                  "quiet_hours_empty"))
    if errors:
        raise ValidationFailed(invalid_params=errors)


def update_preferences(session: Session, actor: Actor, data: NotificationPreferencesUpdate,
                       expected_version: int) -> NotificationPreferencesPublic:
    """Store every choice at once. Raises ValidationFailed (nothing stored) or StaleVersion."""
    _check(data)
    stored = _stored(session, actor.person_id)
    check_version(stored.version if stored else 0, expected_version)
    created = stored is None
    if created:
        stored = NotificationPreference(person_id=actor.person_id)
        session.add(stored)
    for field, value in data.model_dump().items():
        # On INSERT a plain None would let the column default (21:00, 2 hours) win.
        setattr(stored, field, null() if value is None and created else value)
    if data.email_enabled:
        # Turning e-mail on in the app undoes an unsubscribe link used earlier.
        stored.email_unsubscribed_at = None
    session.flush()
    return public(stored, True)


def _key_length(value: str) -> int:
    try:
        return len(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (binascii.Error, ValueError):
        return -1


def _check_subscription(data: PushSubscriptionIn, production: bool) -> None:
    errors = []
    parts = urlsplit(data.endpoint)
    secure = parts.scheme == "https" or (
        not production and parts.scheme == "http" and parts.hostname in LOCAL_HOSTS)
    if not secure or not parts.hostname:
        errors.append(field_error("endpoint", _("This is not a push address."), "invalid"))
    if _key_length(data.keys.p256dh) != 65 or not data.keys.p256dh.startswith("B"):
        errors.append(field_error("keys.p256dh", _("This key is not valid."), "invalid"))
    if _key_length(data.keys.auth) != 16:
        errors.append(field_error("keys.auth", _("This key is not valid."), "invalid"))
    if errors:
        raise ValidationFailed(invalid_params=errors)


def subscribe(session: Session, actor: Actor, data: PushSubscriptionIn, *,
              production: bool) -> PushSubscription:
    """Keep this browser's subscription for the signed-in person (by endpoint: a browser
    subscribing again, or now used by someone else, replaces the old row)."""
    _check_subscription(data, production)
    subscription = session.scalar(select(PushSubscription).where(
        PushSubscription.endpoint == data.endpoint))
    if subscription is None:
        subscription = PushSubscription(person_id=actor.person_id, endpoint=data.endpoint,
                                        p256dh=data.keys.p256dh, auth=data.keys.auth)
        session.add(subscription)
    else:
        subscription.person_id = actor.person_id
        subscription.p256dh = data.keys.p256dh
        subscription.auth = data.keys.auth
        subscription.gone_at = None
        subscription.created_at = utcnow()
    session.flush()
    return subscription


def unsubscribe(session: Session, actor: Actor, endpoint: str) -> None:
    """Forget this browser for the signed-in person. Raises NotFound for any other."""
    subscription = session.scalar(select(PushSubscription).where(
        PushSubscription.endpoint == endpoint, PushSubscription.person_id == actor.person_id))
    if subscription is None:
        raise NotFound()
    session.delete(subscription)
    session.flush()
