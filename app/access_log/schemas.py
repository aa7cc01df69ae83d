"""Response shapes of the access-log API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class AccessLogEntryPublic(BaseModel):
    at: datetime
    actor_id: int
    actor_name: str
    actor_role: str
    area: str
    action: str
