"""What the API says about notifications that failed or wait for another try."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

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
