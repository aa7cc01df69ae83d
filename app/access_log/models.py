"""Tables of the access-log domain; rows are only ever inserted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import event
from sqlmodel import Field, SQLModel

from app.db import timestamp_field


class AccessLogEntry(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="person.id", index=True)
    actor_id: int = Field(foreign_key="person.id")
    actor_role: str = Field(max_length=20)
    area: str = Field(max_length=30)  # which part of the file was read
    action: str = Field(default="read", max_length=20)
    at: datetime = timestamp_field(index=True)


class AppendOnlyViolation(RuntimeError):
    pass


@event.listens_for(AccessLogEntry, "before_update")
def _refuse_update(_mapper, _connection, _target):
    raise AppendOnlyViolation("the access log is append-only")


@event.listens_for(AccessLogEntry, "before_delete")
def _refuse_delete(_mapper, _connection, _target):
    raise AppendOnlyViolation("the access log is append-only")
