"""JSON endpoint for "who viewed my data": the access log of one candidate's file."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from app.access import open_file
from app.access_log import service
from app.access_log.schemas import AccessLogEntryPublic
from app.deps import CurrentActor, SessionDep
from app.pagination import PageParams, page_params
from app.path_ids import RecordId
from app.route_table import APIRouter

router = APIRouter(tags=["access log"])


@router.get("/candidates/{candidate_id}/access-log", name="api.access_log:list",
            response_model=list[AccessLogEntryPublic])
def list_access_log(candidate_id: RecordId, actor: CurrentActor, session: SessionDep,
                    page: Annotated[PageParams, Depends(page_params)]):
    """Every read of this candidate's data by someone else, newest first."""
    file = open_file(session, actor, candidate_id)
    return [
        AccessLogEntryPublic(at=entry.at, actor_id=person.id, actor_name=person.display_name,
                             actor_role=entry.actor_role, area=entry.area, action=entry.action)
        for entry, person in service.list_entries(session, file, limit=page.limit,
                                                  offset=page.offset)
    ]
