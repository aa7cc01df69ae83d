"""Back-office page: the team view (people and days per step, stalled list, caseloads)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request

from app.deps import SessionDep, StaffActor
from app.people.models import Role
from app.team.service import team_overview
from app.templating import DISPLAY_ZONE, render

router = APIRouter(include_in_schema=False)


@router.get("/office/team", name="team:overview")
def team(request: Request, actor: StaffActor, session: SessionDep):
    overview = team_overview(session, actor, today=datetime.now(DISPLAY_ZONE).date())
    return render(request, "backoffice/team/overview.html", {
        "overview": overview, "own_caseload_only": actor.role is Role.consultant,
    })
