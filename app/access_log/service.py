"""Reading the access log (it is written by the read gate, `app.access.log`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from app.access import CandidateFile
from app.access_log.models import AccessLogEntry
from app.db import queued_rows
from app.people.models import Person


def list_entries(
    session: Session, file: CandidateFile, *, limit: int = 50, offset: int = 0
) -> list[tuple[AccessLogEntry, Person]]:
    """Newest first, with the person who read; includes this request's own reads that wait
    for the commit (they are newer than anything this transaction can see). Raises NotFound."""
    file.require("access_log")
    own = [(AccessLogEntry(**row), session.get(Person, row["actor_id"]))
           for row in reversed(queued_rows(session, AccessLogEntry))
           if row["candidate_id"] == file.candidate_id]
    entries = own[offset:offset + limit]
    if len(entries) == limit:
        return entries
    statement = (
        select(AccessLogEntry, Person)
        .join(Person, Person.id == AccessLogEntry.actor_id)
        .where(AccessLogEntry.candidate_id == file.candidate_id)
        .order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())
        .limit(limit - len(entries))
        .offset(max(0, offset - len(own)))
    )
    return entries + [(row[0], row[1]) for row in session.execute(statement)]
