"""Writing notifications into the outbox, in the caller's transaction, by each person's choices."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from app.clock import local_datetime, to_local, utcnow
from app.outbox.models import (
    Channel,
    Notification,
    NotificationPreference,
    NotificationStatus,
    PushSubscription,
)
from app.people.models import Person


def preferences_for(session: Session, person_id: int) -> NotificationPreference:
    """The person's choices, or the defaults (not stored) when they made none."""
    stored = session.scalar(select(NotificationPreference).where(
        NotificationPreference.person_id == person_id))
    return stored or NotificationPreference(person_id=person_id)


def channels_for(session: Session, person: Person,
                 preference: NotificationPreference) -> list[Channel]:
    """The channels that reach this person now: e-mail with an address and not unsubscribed,
    push with at least one live subscription; each only when the person wants it."""
    chosen = []
    if (preference.email_enabled and person.email and preference.email_unsubscribed_at is None
            and person.is_active):
        chosen.append(Channel.email)
    if preference.push_enabled and person.is_active and session.scalar(
            select(PushSubscription.id).where(PushSubscription.person_id == person.id,
                                              PushSubscription.gone_at.is_(None)).limit(1)):
        chosen.append(Channel.push)
    return chosen


def after_quiet_hours(moment: datetime, quiet_from: time | None,
                      quiet_until: time | None) -> datetime:
    """`moment`, or the end of the quiet hours it falls in (local time; a window may run
    over midnight, 21:00-08:00)."""
    if quiet_from is None or quiet_until is None or quiet_from == quiet_until:
        return moment
    local = to_local(moment)
    now = local.time()
    if quiet_from < quiet_until:  # e.g. 12:00-13:00
        if quiet_from <= now < quiet_until:
            return local_datetime(local.date(), quiet_until)
        return moment
    if now >= quiet_from:  # evening: wait until tomorrow morning
        return local_datetime(local.date() + timedelta(days=1), quiet_until)
    if now < quiet_until:  # early morning: wait until later today
        return local_datetime(local.date(), quiet_until)
    return moment


def enqueue(session: Session, *, recipient: Person, event: str, key: str,
            params: dict[str, Any] | None = None, link: str = "/",
            candidate_id: int | None = None, due_at: datetime | None = None,
            group_key: str | None = None) -> list[Notification]:
    """Write the notification for every channel that reaches `recipient` (none: nothing).
    `key` names the cause once ("appointment:12:planned:v3"): enqueueing the same cause again
    adds nothing. Push waits for the end of the person's quiet hours."""
    preference = preferences_for(session, recipient.id)
    due = due_at or utcnow()
    written = []
    for channel in channels_for(session, recipient, preference):
        idempotency_key = f"{key}:{recipient.id}:{channel.value}"
        if session.scalar(select(Notification.id).where(
                Notification.idempotency_key == idempotency_key)):
            continue
        when = due
        if channel is Channel.push:
            when = after_quiet_hours(due, preference.quiet_from, preference.quiet_until)
        notification = Notification(
            idempotency_key=idempotency_key, recipient_id=recipient.id, channel=channel,
            event=event, params=params or {}, link=link, candidate_id=candidate_id,
            group_key=group_key, due_at=when)
        session.add(notification)
        written.append(notification)
    if written:
        session.flush()
    return written


def cancel_group(session: Session, group_key: str) -> int:
    """Cancel what is still waiting in a group (the reminders of an appointment that moved
    or was cancelled); what was sent stays as it was."""
    result = session.execute(update(Notification).where(
        Notification.group_key == group_key,
        Notification.status == NotificationStatus.pending).values(
        status=NotificationStatus.cancelled))
    return result.rowcount or 0
