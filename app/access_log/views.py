"""Presenters of the access log: who looked at which part of the file, in plain words."""

from __future__ import annotations

from itertools import groupby

from sqlmodel import Session

from app.access import CandidateFile
from app.access_log.service import list_entries
from app.clock import to_local


def access_log_groups(session: Session, file: CandidateFile) -> list[dict]:
    """The access log in plain words: one line per person, part and day."""
    entries = list_entries(session, file, limit=200)
    grouped = []
    for (actor_name, area, _day), rows in groupby(
        entries, key=lambda row: (row[1].display_name, row[0].area, to_local(row[0].at).date())
    ):
        rows = list(rows)
        grouped.append({"who": actor_name, "role": rows[0][0].actor_role, "area": area,
                        "at": rows[0][0].at, "times": len(rows)})
    return grouped
