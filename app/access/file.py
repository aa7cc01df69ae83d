"""The candidate file handle: the one gate every read of a candidate's data passes.

`open_file` checks that the actor may see anything of the file at all; `CandidateFile.require`
checks one area and writes the access-log row for it. Readers of candidate data take the
handle instead of a bare id, so a read that skips the policy or the log cannot be written.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session

from app.access.log import log_reads
from app.access.policies import FileArea, areas_for, can_change
from app.auth.actor import Actor
from app.errors import NotFound
from app.people.models import Person


class CandidateFile:
    """One candidate's file as one actor may see it, for the length of one request."""

    __slots__ = ("_session", "actor", "candidate", "areas")

    def __init__(self, session: Session, actor: Actor, candidate: Person,
                 areas: frozenset[str]) -> None:
        self._session = session
        self.actor = actor
        self.candidate = candidate
        self.areas = areas

    def __repr__(self) -> str:
        return f"CandidateFile(candidate_id={self.candidate_id}, actor={self.actor.person_id})"

    @property
    def candidate_id(self) -> int:
        return self.candidate.id

    @property
    def is_self(self) -> bool:
        """The candidate looking at their own file (their reads are not logged)."""
        return self.actor.person_id == self.candidate.id

    def may(self, area: str) -> bool:
        """Whether the actor may see `area` (to show or hide a part of a page); logs nothing."""
        return area in self.areas

    def may_change(self, area: str) -> bool:
        """Whether the actor may see and change `area`."""
        return self.may(area) and can_change(self.actor, area)

    def require(self, area: str) -> CandidateFile:
        """Check that the actor may see `area` and log the read (once per request however often
        it is required). Raises NotFound, never a 403 that would tell the file exists."""
        if area not in self.areas:
            raise NotFound()
        # Not remembered here but in log_reads (per session): a page that rolls back a refused
        # write clears that memory and must log its read again.
        log_reads(self._session, self.actor, [self.candidate.id], area)
        return self


def open_file(session: Session, actor: Actor, candidate_id: int) -> CandidateFile:
    """The candidate's file as the actor may see it. Logs nothing by itself: each reader
    requires the areas it shows. Raises NotFound when the actor may see nothing of it (or
    it does not exist)."""
    candidate = session.get(Person, candidate_id)
    areas = areas_for(session, actor, candidate) if candidate is not None else frozenset()
    if not areas:
        raise NotFound()
    return CandidateFile(session, actor, candidate, areas)


def log_list_read(session: Session, actor: Actor, candidate_ids: Iterable[int],
                  area: str = FileArea.caseload) -> None:
    """Log a list view: one row per listed candidate, in one batched insert. The ids must come
    from a query filtered by `policies.visible_candidate_ids` (or narrower)."""
    log_reads(session, actor, candidate_ids, area)
