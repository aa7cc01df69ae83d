"""Writing and reading the access log."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import insert, select
from sqlmodel import Session

from app.access_log.models import AccessLogEntry
from app.auth.actor import Actor
from app.db import utcnow
from app.people.models import Person

if TYPE_CHECKING:  # the handle is built on log_reads below: no import at run time
    from app.access.file import CandidateFile


def log_reads(session: Session, actor: Actor, candidate_ids: Iterable[int], area: str) -> None:
    """Record that `actor` read `area` of these candidates; a candidate reading their own file
    is not logged. One INSERT however many candidates, so lists stay at a fixed query count."""
    now = utcnow()
    # One entry per candidate and area per request, however many services read it.
    already = session.info.setdefault("logged_reads", set())
    rows = []
    for cid in dict.fromkeys(candidate_ids):
        key = (actor.person_id, cid, str(area))
        if cid == actor.person_id or key in already:
            continue
        already.add(key)
        rows.append({"candidate_id": cid, "actor_id": actor.person_id,
                     "actor_role": actor.role.value, "area": str(area), "action": "read",
                     "at": now})
    if rows:
        session.execute(insert(AccessLogEntry), rows)


def list_entries(
    session: Session, file: CandidateFile, *, limit: int = 50, offset: int = 0
) -> list[tuple[AccessLogEntry, Person]]:
    """Newest first, with the person who read. Raises NotFound."""
    file.require("access_log")
    statement = (
        select(AccessLogEntry, Person)
        .join(Person, Person.id == AccessLogEntry.actor_id)
        .where(AccessLogEntry.candidate_id == file.candidate_id)
        .order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [(row[0], row[1]) for row in session.execute(statement)]
