"""The daily digest of new warnings: one notification per consultant per day with counts only
(no names outside the app), for the candidates she is contact person of or covers today."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from app.auth.actor import Actor
from app.caseload.service import list_caseload
from app.clock import local_today
from app.outbox.models import Notification
from app.outbox.notify import covers_starting
from app.outbox.service import enqueue
from app.people.models import Person, Role

EVENT = "red_flags_digest"


def _seen_before(session: Session, consultant_id: int, today: date) -> set[str]:
    """The warnings the previous digest counted ("<candidate id>:<flag code>")."""
    previous = session.scalar(
        select(Notification).where(Notification.recipient_id == consultant_id,
                                   Notification.event == EVENT,
                                   Notification.idempotency_key.not_like(
                                       f"digest:{today.isoformat()}:%"))
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(1))
    return set(previous.params.get("seen", [])) if previous else set()


def digest_for(session: Session, consultant: Person, today: date | None = None) -> int:
    """Write today's digest for one consultant when her caseload has warnings the previous
    digest did not count; returns the number of new warnings told (0: nothing written, as
    when today's digest went out already or nothing reaches her)."""
    today = today or local_today()
    actor = Actor(person_id=consultant.id, role=consultant.role,
                  organisation_id=consultant.organisation_id,
                  display_name=consultant.display_name, session_id=0, via="bearer")
    rows = [row for row in list_caseload(session, actor, today=today, log=False)
            if row.role == "primary" or row.covering_for is not None]
    current = {f"{row.candidate.id}:{flag.code}" for row in rows for flag in row.flags}
    new = current - _seen_before(session, consultant.id, today)
    if not new:
        return 0
    candidates = {item.split(":")[0] for item in new}
    written = enqueue(
        session, recipient=consultant, event=EVENT, key=f"digest:{today.isoformat()}",
        params={"count": len(new), "candidates": len(candidates), "seen": sorted(current)},
        link="/office")
    return len(new) if written else 0


def send_daily(session: Session, today: date | None = None) -> dict[str, int]:
    """The daily run: backups hear that a cover starts, every active consultant gets her
    digest of new warnings. Safe to run more than once a day (each cause is written once)."""
    today = today or local_today()
    covers = covers_starting(session, today)
    digests = 0
    for consultant in session.scalars(select(Person).where(
            Person.role == Role.consultant, Person.is_active.is_(True)).order_by(Person.id)):
        if digest_for(session, consultant, today):
            digests += 1
    return {"covers": covers, "digests": digests}
