"""Writing the access log: every read of a candidate's data by someone else. Only the read gate
(`app.access.file`) calls this; the log is read in `app.access_log.service`."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session

from app.access_log.models import AccessLogEntry
from app.auth.actor import Actor
from app.db import insert_rows, unit_notes, utcnow


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
