"""JSON endpoint of the team view."""

from __future__ import annotations

from app.clock import local_today
from app.deps import SessionDep, StaffActor
from app.route_table import APIRouter
from app.team import service
from app.team.schemas import TeamOverview

router = APIRouter(tags=["team"])


@router.get("/team", name="api.team:overview", response_model=TeamOverview)
def team_overview(actor: StaffActor, session: SessionDep):
    """Your organisation's numbers: people and median days per route step, caseload per
    consultant, this year's switches and returns; and the stalled steps of the candidates you
    may see (a consultant: their caseload; an admin: the organisation)."""
    return service.team_overview(session, actor, today=local_today())
