"""Writing and reading the access log."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlmodel import Session

from app.access_log.models import AccessLogEntry
from app.auth.actor import Actor
from app.db import insert_rows, queued_rows, unit_notes, utcnow
from app.people.models import Person

if TYPE_CHECKING:  # the handle is built on log_reads below: no import at run time
    from app.access.file import CandidateFile


def log_reads(session: Session, actor: Actor, candidate_ids: Iterable[int], area: str) -> None:
    """Record that `actor` read `area` of these candidates; a candidate reading their own file
    is not logged. One INSERT however many candidates, so lists stay at a fixed query count.

    Never writes inside a read transaction on SQLite (that write fails at once while another
    connection writes): there the rows wait until the unit of work commits (`db.commit`)."""
    now = utcnow()
    # One entry per candidate and area per request, however many services read it; a rollback
    # empties the notes, so a page shown after one logs again.
    already = unit_notes(session).setdefault("logged_reads", set())
    rows = []
    for cid in dict.fromkeys(candidate_ids):
        key = (actor.person_id, cid, str(area))
        if cid == actor.person_id or key in already:
            continue
        already.add(key)
        rows.append({"candidate_id": cid, "actor_id": actor.person_id,
                     "actor_role": actor.role.value, "area": str(area), "action": "read",
                     "at": now})
    insert_rows(session, AccessLogEntry, rows)


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
