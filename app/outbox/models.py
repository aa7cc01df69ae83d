"""Tables of the outbox: notifications to send, each person's choices, push subscriptions."""

from __future__ import annotations

from datetime import datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.db import optional_timestamp_field, str_enum, timestamp_field, version_column


class Channel(StrEnum):
    email = "email"
    push = "push"  # Web Push (VAPID) to every live subscription of the person


class NotificationStatus(StrEnum):
    pending = "pending"  # waiting for its due time, or for a retry
    sent = "sent"
    failed = "failed"  # permanently: bad address, subscription gone, retries used up
    cancelled = "cancelled"  # e.g. the reminder of an appointment that moved


class Notification(SQLModel, table=True):
    """One message to one person over one channel. Written in the same transaction as the
    change that causes it, so a change rolled back notifies nobody."""

    id: int | None = Field(default=None, primary_key=True)
    # "<cause>:<recipient>:<channel>": a receiver drops a repeat; enqueueing twice adds nothing.
    idempotency_key: str = Field(max_length=200, unique=True)
    recipient_id: int = Field(foreign_key="person.id", index=True)
    channel: Channel = Field(sa_type=str_enum(Channel))
    event: str = Field(max_length=60)  # the text to send: app/outbox/texts.py EVENTS
    # Values the text needs (a time, a first name); never money, health or a step's name.
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    link: str = Field(default="/", max_length=300)  # the page inside the app it opens
    candidate_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    # Notifications that stand or fall together, e.g. "appointment:12:reminders".
    group_key: str | None = Field(default=None, max_length=120, index=True)
    status: NotificationStatus = Field(default=NotificationStatus.pending,
                                       sa_type=str_enum(NotificationStatus), index=True)
    due_at: datetime = timestamp_field(index=True)
    attempts: int = Field(default=0)
    last_error: str | None = Field(default=None, max_length=300)  # no personal data
    # A worker's claim: others skip the row until the lease ends (a killed worker's rows
    # come back after it; at least once, never lost).
    locked_by: str | None = Field(default=None, max_length=80)
    locked_until: datetime | None = optional_timestamp_field()
    sent_at: datetime | None = optional_timestamp_field()
    created_at: datetime = timestamp_field()


_preference_version = version_column()


class NotificationPreference(SQLModel, table=True):
    """How a person wants to be reached; no row means the defaults below."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", unique=True)
    email_enabled: bool = Field(default=True)
    push_enabled: bool = Field(default=True)
    remind_day_before: bool = Field(default=True)
    remind_hours_before: int | None = Field(default=2, ge=1, le=12)
    # Nothing is pushed between these times (local); it waits until the end.
    quiet_from: time | None = Field(default=time(21, 0))
    quiet_until: time | None = Field(default=time(8, 0))
    # Set by the unsubscribe link in every e-mail (no sign-in needed).
    email_unsubscribed_at: datetime | None = optional_timestamp_field()
    version: int = Field(default=1, sa_column=_preference_version)

    __mapper_args__ = {"version_id_col": _preference_version}


class PushSubscription(SQLModel, table=True):
    """A browser's Web Push subscription (RFC 8030/8291) for one person."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    endpoint: str = Field(max_length=1000, unique=True)
    p256dh: str = Field(max_length=200)
    auth: str = Field(max_length=100)
    created_at: datetime = timestamp_field()
    gone_at: datetime | None = optional_timestamp_field()  # the push service said 404/410
