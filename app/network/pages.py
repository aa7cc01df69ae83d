"""Pages: Mijn netwerk — who looks along with what, invite, change areas, revoke."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from app.access import FileArea
from app.auth.links import invite_public
from app.candidate_home.navigation import file_view
from app.deps import CurrentActor, SessionDep, SettingsDep, settle_after_error
from app.error_handlers import invalid_params_from
from app.errors import AppError, ValidationFailed
from app.network import service
from app.network.models import Area
from app.network.schemas import NetworkGrantUpdate, NetworkInviteCreate
from app.path_ids import RecordId
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)


def _page(request, session, actor, candidate_id: int, *, error=None, form=None,
          status_code: int = 200):
    view = file_view(session, actor, candidate_id, FileArea.network)
    grants = service.list_grants(session, view.file)
    return render(request, "network/list.html", {
        "view": view, "grants": grants, "areas": list(Area), "error": error,
        "can_undo": service.can_undo,
        "form": form or {"display_name": "", "relation": "", "areas": []},
    }, status_code=status_code)


@router.get("/c/{candidate_id}/network", name="network:list")
def network(candidate_id: RecordId, request: Request, actor: CurrentActor, session: SessionDep):
    return _page(request, session, actor, candidate_id)


@router.post("/c/{candidate_id}/network", name="network:invite")
def invite(candidate_id: RecordId, request: Request, actor: CurrentActor, session: SessionDep,
           settings: SettingsDep,
           display_name: Annotated[str, Form(max_length=200)] = "",
           relation: Annotated[str, Form(max_length=200)] = "",
           areas: Annotated[list[str] | None, Form()] = None):
    form = {"display_name": display_name, "relation": relation, "areas": areas or []}
    try:
        data = NetworkInviteCreate(display_name=display_name, relation=relation,
                                   areas=areas or [])
    except ValidationError as error:
        failed = ValidationFailed(invalid_params=invalid_params_from(error.errors()))
        return _page(request, session, actor, candidate_id, error=failed, form=form,
                     status_code=422)
    grant, member, issued = service.invite_member(session, settings, actor, candidate_id, data)
    view = file_view(session, actor, candidate_id, FileArea.network)
    return render(request, "network/invited.html", {
        "view": view, "member": member, "grant": grant, "invite": invite_public(settings, issued),
    }, status_code=201)


@router.post("/c/{candidate_id}/network/{grant_id}/areas", name="network:update")
def update(candidate_id: RecordId, grant_id: RecordId, request: Request, actor: CurrentActor,
           session: SessionDep, version: Annotated[int, Form()],
           areas: Annotated[list[str] | None, Form()] = None):
    try:
        data = NetworkGrantUpdate(areas=areas or [])
        service.update_areas(session, actor, candidate_id, grant_id, data, version)
    except ValidationError as error:
        failed = ValidationFailed(invalid_params=invalid_params_from(error.errors()))
        return _page(request, session, actor, candidate_id, error=failed, status_code=422)
    except AppError as error:
        if error.status_code == 404:
            raise
        settle_after_error(session, error)
        return _page(request, session, actor, candidate_id, error=error,
                     status_code=error.status_code)
    return RedirectResponse(f"/c/{candidate_id}/network", status_code=303)


@router.get("/c/{candidate_id}/network/{grant_id}/revoke", name="network:confirm_revoke")
def confirm_revoke(candidate_id: RecordId, grant_id: RecordId, request: Request,
                   actor: CurrentActor, session: SessionDep):
    """Ask first: stopping someone's access is one decision, not one tap."""
    view = file_view(session, actor, candidate_id, FileArea.network)
    grant, member = service.grant_to_revoke(session, actor, view.file, grant_id)
    return render(request, "network/revoke_confirm.html", {
        "view": view, "grant": grant, "member": member,
        "minutes": int(service.UNDO_WINDOW.total_seconds() // 60),
    })


@router.post("/c/{candidate_id}/network/{grant_id}/restore", name="network:restore")
def restore(candidate_id: RecordId, grant_id: RecordId, request: Request, actor: CurrentActor,
            session: SessionDep):
    """"Ongedaan maken": the grant comes back exactly as it was, within the undo window."""
    try:
        service.restore(session, actor, candidate_id, grant_id)
    except AppError as error:
        if error.status_code == 404:
            raise
        settle_after_error(session, error)
        return _page(request, session, actor, candidate_id, error=error,
                     status_code=error.status_code)
    return RedirectResponse(f"/c/{candidate_id}/network", status_code=303)


@router.post("/c/{candidate_id}/network/{grant_id}/revoke", name="network:revoke")
def revoke(candidate_id: RecordId, grant_id: RecordId, actor: CurrentActor, session: SessionDep):
    service.revoke(session, actor, candidate_id, grant_id)
    return RedirectResponse(f"/c/{candidate_id}/network", status_code=303)
