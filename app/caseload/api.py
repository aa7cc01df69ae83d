"""JSON endpoint for the caseload."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query

from app.caseload import service
from app.caseload.flags import FLAG_CODES
from app.caseload.schemas import CaseloadRowPublic, FlagPublic
from app.deps import ConsultantActor, SessionDep
from app.i18n import localized
from app.pagination import Page, PageParams, page_params
from app.route_table import APIRouter

router = APIRouter(tags=["caseload"])
FlagCode = Literal[FLAG_CODES]  # type: ignore[valid-type]


def row_public(row: service.CaseloadRow) -> CaseloadRowPublic:
    step = row.current_step
    return CaseloadRowPublic(
        candidate_id=row.candidate.id, display_name=row.candidate.display_name, role=row.role,
        route_key=row.route.key if row.route else None,
        route_name=localized(row.route.name) if row.route else None,
        current_step_key=step.key if step else None,
        current_step_title=localized(step.texts, "title") if step else None,
        beside_step_keys=[s.key for s in row.beside],
        days_in_step=row.days_in_step,
        journey_status=row.journey.status.value if row.journey else None,
        flags=[FlagPublic(code=f.code, reason=f.reason, action=f.action) for f in row.flags],
        waiting_questions=row.waiting_questions,
        question_waiting=any(f.code == "question_waiting" for f in row.flags),
        covering_for_id=row.covering_for.id if row.covering_for else None,
        covering_for=row.covering_for.display_name if row.covering_for else None,
        covering_until=row.covering_until if row.covering_for else None,
    )


@router.get("/caseload", name="api.caseload:list", response_model=Page[CaseloadRowPublic])
def caseload(actor: ConsultantActor, session: SessionDep,
             page: Annotated[PageParams, Depends(page_params)],
             flag: Annotated[FlagCode | None, Query(description="Only rows with this flag")] = None,
             route: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
             step: Annotated[str | None, Query(max_length=60)] = None,
             q: Annotated[str | None, Query(max_length=120, description="Name contains")] = None,
             sort: Annotated[service.Sort, Query()] = "flags"):
    """Your candidates (as contact person or backup) with route, current step, days in step
    and flags, each with its reason and what to do."""
    rows = service.list_caseload(session, actor, flag=flag, route_id=route, step_key=step,
                                 search=q, sort=sort)
    shown = rows[page.offset: page.offset + page.limit]
    return Page[CaseloadRowPublic](items=[row_public(r) for r in shown], total=len(rows),
                                   limit=page.limit, offset=page.offset)
