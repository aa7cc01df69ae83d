"""Pages: the steps timeline (Mijn stappen) and one step."""

from __future__ import annotations

from fastapi import Request

from app.access import FileArea
from app.candidate_home.navigation import file_view
from app.candidate_home.page_cache import cached_file_page
from app.clock import local_today
from app.deps import CurrentActor, SessionDep
from app.journeys import service
from app.journeys.texts import hybrid_week, total_duration, usual_duration
from app.path_ids import RecordId
from app.records.views import step_records
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/c/{candidate_id}/steps", name="journeys:steps")
async def steps(candidate_id: RecordId, request: Request, actor: CurrentActor,
                session: SessionDep):
    # Through the render cache: a hit takes no thread-pool hop (see candidate_home.page_cache).
    return await cached_file_page(request, session, actor, candidate_id, "journeys/steps.html",
                                  lambda _file: _steps_context(session, actor, candidate_id))


def _steps_context(session, actor, candidate_id: int) -> dict:
    view = file_view(session, actor, candidate_id, FileArea.steps)
    journey = service.find_journey(session, view.file)
    items = service.list_steps(session, view.file, journey) if journey else []
    today = local_today()
    return {
        "view": view, "journey": journey, "steps": items,
        "now": service.current_steps(items),
        "total": total_duration(service.expected_total_days(items)) if items else "",
        "durations": {s.id: usual_duration(s.expected_duration_days) for s in items},
        "trials": {s.id: service.trial_week(s, today) for s in items},
    }


@router.get("/c/{candidate_id}/steps/{step_id}", name="journeys:step")
def step(candidate_id: RecordId, step_id: RecordId, request: Request, actor: CurrentActor,
         session: SessionDep):
    view = file_view(session, actor, candidate_id, FileArea.steps)
    item = service.get_step(session, view.file, step_id)
    records = (step_records(session, view.file, item.id)
               if view.file.may(FileArea.records) else [])
    return render(request, "journeys/step.html", {
        "view": view, "step": item, "duration": usual_duration(item.expected_duration_days),
        "trial": service.trial_week(item, local_today()), "hybrid": hybrid_week(item.hybrid_split),
        "records": records,
    })
