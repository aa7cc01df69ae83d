"""Guarantee services: the current fallback guarantee and its earlier versions."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from app.access import CandidateFile, FileArea, can_change, open_file
from app.auth.actor import Actor
from app.clock import local_today
from app.errors import NotFound
from app.guarantees.models import FallbackGuarantee
from app.guarantees.schemas import GuaranteeCreate
from app.notices import post_notice


def list_versions(session: Session, file: CandidateFile) -> list[FallbackGuarantee]:
    """Every version, newest first (the first is the one in force). Raises NotFound."""
    file.require(FileArea.guarantee)
    return list(session.scalars(
        select(FallbackGuarantee).where(FallbackGuarantee.candidate_id == file.candidate_id)
        .order_by(FallbackGuarantee.number.desc())
    ))


def find_current(session: Session, file: CandidateFile) -> FallbackGuarantee | None:
    """The guarantee in force, if any. Raises NotFound."""
    file.require(FileArea.guarantee)
    return session.scalar(
        select(FallbackGuarantee).where(FallbackGuarantee.candidate_id == file.candidate_id)
        .order_by(FallbackGuarantee.number.desc()).limit(1)
    )


def issue_guarantee(session: Session, actor: Actor, candidate_id: int,
                    data: GuaranteeCreate) -> FallbackGuarantee:
    """Issue a new version of the fallback guarantee; earlier versions stay readable.
    Raises NotFound."""
    file = open_file(session, actor, candidate_id).require(FileArea.guarantee)
    if not actor.is_staff or not can_change(actor, FileArea.guarantee):
        raise NotFound()
    current = find_current(session, file)
    guarantee = FallbackGuarantee(
        candidate_id=candidate_id, number=(current.number if current else 0) + 1,
        provider_name=data.provider_name, provider_address=data.provider_address,
        indication_valid_until=data.indication_valid_until,
        income_consequences=data.income_consequences, arranged_by=data.arranged_by,
        free_text=data.free_text, issued_by_organisation_id=actor.organisation_id,
        issued_by_id=actor.person_id, issued_on=local_today(),
    )
    session.add(guarantee)
    session.flush()
    post_notice(session, candidate_id=candidate_id, author_id=actor.person_id,
                code="guarantee_updated")
    return guarantee
