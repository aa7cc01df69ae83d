"""Pages of a candidate's file that belong to no single domain: home and the "more" menu."""

from __future__ import annotations

from fastapi import Request

from app.access import FileArea
from app.candidate_home.navigation import MORE, file_view
from app.candidate_home.page_cache import cached_file_page
from app.candidate_home.views import cached_home
from app.deps import CurrentActor, SessionDep
from app.path_ids import RecordId
from app.route_table import APIRouter

router = APIRouter(include_in_schema=False)


@router.get("/c/{candidate_id}", name="candidates:home")
async def home(candidate_id: RecordId, request: Request, actor: CurrentActor,
               session: SessionDep):
    return await cached_home(request, session, actor, candidate_id)


@router.get("/c/{candidate_id}/more", name="candidates:more")
async def more(candidate_id: RecordId, request: Request, actor: CurrentActor,
               session: SessionDep):
    def context(_file):
        view = file_view(session, actor, candidate_id, FileArea.profile)
        return {"view": view, "items": view.visible(MORE)}

    return await cached_file_page(request, session, actor, candidate_id, "candidates/more.html",
                                  context)
