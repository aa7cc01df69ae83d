"""Tables of the contacts domain."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from app.db import timestamp_field, version_column

_assignment_version = version_column()


class ContactAssignment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="person.id", unique=True)
    primary_id: int = Field(foreign_key="person.id", index=True)
    backup_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    handover_note: str = Field(default="", max_length=2000)
    updated_at: datetime = timestamp_field()
    version: int = Field(default=1, sa_column=_assignment_version)

    __mapper_args__ = {"version_id_col": _assignment_version}


_absence_version = version_column()


class Absence(SQLModel, table=True):
    """A period a consultant is away (holiday, illness); the backup is shown meanwhile."""

    id: int | None = Field(default=None, primary_key=True)
    consultant_id: int = Field(foreign_key="person.id", index=True)
    starts_on: date
    ends_on: date
    note: str = Field(default="", max_length=300)
    version: int = Field(default=1, sa_column=_absence_version)

    __mapper_args__ = {"version_id_col": _absence_version}
