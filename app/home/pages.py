"""Home pages: a landing page for visitors and a start page per role."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from app.candidate_home.views import cached_home
from app.candidates import service as candidates_service
from app.deps import OptionalActor, SessionDep, raise_if_access_ended
from app.people.models import Role
from app.templating import render

router = APIRouter(include_in_schema=False)


def _candidate_home(request: Request, session, actor, candidate_id: int):
    # The same read model as /c/{id}: a candidate (or a network member of one candidate)
    # starts on their Mijn overstap.
    return cached_home(request, session, actor, candidate_id)


@router.get("/", name="home:index")
def home(request: Request, actor: OptionalActor, session: SessionDep):
    if actor is None:
        raise_if_access_ended(request, session)
        return render(request, "home/landing.html", {})
    if actor.role is Role.candidate:
        return _candidate_home(request, session, actor, actor.person_id)
    if actor.role is Role.network:
        if len(actor.grants) == 1:
            return _candidate_home(request, session, actor, next(iter(actor.grants)))
        people, _total = candidates_service.list_candidates(session, actor, limit=50)
        return render(request, "home/network.html", {"candidates": people})
    # Staff work in the back-office: consultants start at their caseload, admins at the team.
    return RedirectResponse("/office" if actor.role is Role.consultant else "/office/team",
                            status_code=303)
