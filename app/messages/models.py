"""Tables of the messages domain."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.db import optional_timestamp_field, str_enum, timestamp_field


class MessageKind(StrEnum):
    update = "update"  # from the consultant to the candidate (and network)
    question = "question"  # from the candidate or a network member to the contact person
    answer = "answer"  # a reply in a question's thread


class Message(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="person.id", index=True)
    author_id: int = Field(foreign_key="person.id")
    # Who should answer: the contact person, or the backup while the contact is away.
    addressed_to_id: int | None = Field(default=None, foreign_key="person.id")
    kind: MessageKind = Field(sa_type=str_enum(MessageKind))
    body: str = Field(max_length=4000)
    pictogram: str | None = Field(default=None, max_length=40)
    reply_to_id: int | None = Field(default=None, foreign_key="message.id")
    # "I can't come": the question is about this appointment.
    about_appointment_id: int | None = Field(default=None, foreign_key="appointment.id")
    # A notice the system writes for the consultant (an appointment changed, a new contact
    # person...): {"code": ..., "params": {...}}, shown in each reader's own language.
    notice: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    created_at: datetime = timestamp_field(index=True)
    # Read by the candidate (updates) or by staff (questions).
    read_at: datetime | None = optional_timestamp_field()
