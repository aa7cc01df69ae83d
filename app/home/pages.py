"""Home pages: a landing page for visitors and a start page per role."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from app.candidate_home.views import cached_home
from app.candidates import service as candidates_service
from app.deps import OptionalActor, SessionDep, raise_if_access_ended
from app.people.models import Role
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/", name="home:index")
async def home(request: Request, actor: OptionalActor, session: SessionDep):
    # Async so that the candidate's home served from the render cache takes no thread-pool
    # hop; everything that reads more than that runs in the pool as a sync route would.
    if actor is not None and actor.role is Role.candidate:
        return await cached_home(request, session, actor, actor.person_id)
    if actor is not None and actor.role is Role.network and len(actor.grants) == 1:
        # A network member of one candidate starts on that candidate's Mijn overstap.
        return await cached_home(request, session, actor, next(iter(actor.grants)))
    return await run_in_threadpool(_other_home, request, session, actor)


def _other_home(request: Request, session, actor):
    if actor is None:
        raise_if_access_ended(request, session)
        return render(request, "home/landing.html", {})
    if actor.role is Role.network:
        people, _total = candidates_service.list_candidates(session, actor, limit=50)
        return render(request, "home/network.html", {"candidates": people})
    if actor.role is Role.employer:
        return RedirectResponse("/employer", status_code=303)
    # Staff work in the back-office: consultants start at their caseload, admins at the team.
    return RedirectResponse("/office" if actor.role is Role.consultant else "/office/team",
                            status_code=303)
