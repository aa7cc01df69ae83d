"""Pages: the fallback guarantee (Als het niet lukt) and its earlier versions."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import select

from app.access import FileArea
from app.candidate_home.navigation import file_view
from app.clock import local_today
from app.deps import CurrentActor, SessionDep
from app.errors import NotFound
from app.guarantees import service
from app.guarantees.views import income_on_return, typed_text, view_of
from app.journeys.views import way_back_notes
from app.organisations.models import Organisation
from app.path_ids import RecordId
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)


def _render(request, session, actor, candidate_id: int, number: int | None,
            template: str = "guarantees/show.html"):
    view = file_view(session, actor, candidate_id, FileArea.guarantee)
    versions = service.list_versions(session, view.file)
    shown = versions[0] if versions and number is None else next(
        (v for v in versions if v.number == number), None)
    if number is not None and shown is None:
        raise NotFound()
    organisation = session.scalar(
        select(Organisation).where(Organisation.id == shown.issued_by_organisation_id)
    ) if shown else None
    if template != "guarantees/show.html" and shown is None:
        raise NotFound()
    return render(request, template, {
        "view": view, "guarantee": shown, "versions": versions, "organisation": organisation,
        "is_current": bool(versions) and shown is versions[0],
        "way_back": way_back_notes(session, view.file, FileArea.guarantee),
        # The version in force says what every page says; an old version what it said then.
        "income_on_return": income_on_return(session, view.file)
        if not versions or shown is versions[0] else view_of(shown),
        "texts": {field: typed_text(shown, field) for field in ("income_consequences",
                                                                 "free_text")} if shown else {},
        "printed_on": local_today(),
    })


@router.get("/c/{candidate_id}/guarantee", name="guarantees:show")
def guarantee(candidate_id: RecordId, request: Request, actor: CurrentActor, session: SessionDep):
    return _render(request, session, actor, candidate_id, None)


@router.get("/c/{candidate_id}/guarantee/{number}", name="guarantees:version")
def guarantee_version(candidate_id: RecordId, number: RecordId, request: Request,
                      actor: CurrentActor, session: SessionDep):
    return _render(request, session, actor, candidate_id, number)


@router.get("/c/{candidate_id}/guarantee/{number}/letter", name="guarantees:letter")
def guarantee_letter(candidate_id: RecordId, number: RecordId, request: Request,
                     actor: CurrentActor, session: SessionDep):
    """The guarantee as a letter to print or save: municipality, date, version, who arranges it."""
    response = _render(request, session, actor, candidate_id, number, "guarantees/letter.html")
    if request.query_params.get("download"):
        response.headers["Content-Disposition"] = (
            f'attachment; filename="guarantee-{candidate_id}-v{number}.html"')
    return response
