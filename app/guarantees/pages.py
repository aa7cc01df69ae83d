"""Pages: the fallback guarantee (Als het niet lukt) and its earlier versions."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import select

from app.access import FileArea
from app.candidate_home.navigation import file_view
from app.deps import CurrentActor, SessionDep
from app.errors import NotFound
from app.guarantees import service
from app.guarantees.views import view_of
from app.journeys.views import way_back_notes
from app.organisations.models import Organisation
from app.path_ids import RecordId
from app.templating import render

router = APIRouter(include_in_schema=False)


def _render(request, session, actor, candidate_id: int, number: int | None):
    view = file_view(session, actor, candidate_id, FileArea.guarantee)
    versions = service.list_versions(session, view.file)
    shown = versions[0] if versions and number is None else next(
        (v for v in versions if v.number == number), None)
    if number is not None and shown is None:
        raise NotFound()
    organisation = session.scalar(
        select(Organisation).where(Organisation.id == shown.issued_by_organisation_id)
    ) if shown else None
    return render(request, "guarantees/show.html", {
        "view": view, "guarantee": shown, "versions": versions, "organisation": organisation,
        "is_current": bool(versions) and shown is versions[0],
        "way_back": way_back_notes(session, view.file, FileArea.guarantee),
        "income_on_return": view_of(shown),
    })


@router.get("/c/{candidate_id}/guarantee", name="guarantees:show")
def guarantee(candidate_id: RecordId, request: Request, actor: CurrentActor, session: SessionDep):
    return _render(request, session, actor, candidate_id, None)


@router.get("/c/{candidate_id}/guarantee/{number}", name="guarantees:version")
def guarantee_version(candidate_id: RecordId, number: RecordId, request: Request,
                      actor: CurrentActor, session: SessionDep):
    return _render(request, session, actor, candidate_id, number)
