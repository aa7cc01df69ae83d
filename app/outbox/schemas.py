"""Request and response shapes of the outbox API: notifications that failed or retry (staff),
push subscriptions and each person's choices (channels, reminder times, quiet hours)."""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

from app.outbox.models import Channel, NotificationStatus


class NotificationProblem(BaseModel):
    """A notification staff should know about: failed for good, or retrying after errors.
    The error text names no person; the recipient's name is there for staff who may see it."""

    id: int
    status: NotificationStatus
    channel: Channel
    event: str
    attempts: int
    last_error: str | None
    created_at: datetime
    due_at: datetime  # for one that retries: the next try
    recipient_id: int
    recipient_name: str | None
    candidate_id: int | None


ENDPOINT_PATTERN = (r"^(https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|http://(localhost|127\.0\.0\.1))"
                    r"(:[0-9]{1,5})?(/[!-~]*)?$")


class PushKeys(BaseModel):
    model_config = ConfigDict(extra="ignore")

    # The schema says exactly what is taken (the fuzzer found "any string" promised too much).
    p256dh: str = Field(min_length=20, max_length=200,  # a P-256 point, base64url
                        pattern=r"^B[A-Za-z0-9_-]{86}=?$")
    auth: str = Field(min_length=8, max_length=100,  # 16 bytes, base64url
                      pattern=r"^[A-Za-z0-9_-]{22}(==)?$")


class PushSubscriptionIn(BaseModel):
    """What the browser's `PushSubscription.toJSON()` gives."""

    model_config = ConfigDict(extra="ignore")

    # https, or http on this machine outside production (preferences._check_subscription)
    endpoint: str = Field(min_length=10, max_length=1000, pattern=ENDPOINT_PATTERN)
    # strict: false or "1" is no time (the fuzzer sent false and it was taken as 0)
    expirationTime: float | None = Field(default=None, strict=True)  # noqa: N815 - the browser's name
    keys: PushKeys


class PushSubscriptionRemove(BaseModel):
    model_config = ConfigDict(extra="ignore")

    endpoint: str = Field(min_length=10, max_length=1000)


class PushSubscriptionPublic(BaseModel):
    id: int
    endpoint: str


class PublicKey(BaseModel):
    """The server's VAPID key: the browser's `applicationServerKey`."""

    public_key: str


def _wall_clock(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError("a wall-clock time has no zone")
    return value


# Quiet hours are wall-clock times in TIMEZONE: "22:00", never with an offset. JSON Schema's
# `format: time` demands an offset, so the schema says what the app really takes and gives.
LocalTime = Annotated[time, AfterValidator(_wall_clock), WithJsonSchema({
    "type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
    "description": "A time of day in the app's time zone, like 22:00",
})]


class NotificationPreferencesUpdate(BaseModel):
    """Every choice at once (PUT). No quiet hours: send both times empty."""

    model_config = ConfigDict(extra="forbid")

    email_enabled: bool
    push_enabled: bool
    remind_day_before: bool
    remind_hours_before: int | None = Field(default=None, ge=1, le=12)
    quiet_from: LocalTime | None = None
    quiet_until: LocalTime | None = None


class NotificationPreferencesPublic(BaseModel):
    email_enabled: bool  # false after the unsubscribe link in an e-mail, too
    push_enabled: bool
    remind_day_before: bool
    remind_hours_before: int | None
    quiet_from: LocalTime | None
    quiet_until: LocalTime | None
    version: int  # 0 while the defaults were never changed
