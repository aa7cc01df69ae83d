"""Back-office page: the team view (people and days per step, stalled list, caseloads)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from app.clock import local_today
from app.deps import SessionDep, StaffActor
from app.people.models import Role
from app.team.service import team_overview
from app.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/office/team", name="team:overview")
def team(request: Request, actor: StaffActor, session: SessionDep):
    overview = team_overview(session, actor, today=local_today())
    return render(request, "backoffice/team/overview.html", {
        "overview": overview, "own_caseload_only": actor.role is Role.consultant,
    })
