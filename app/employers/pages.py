"""Pages of the employer's side (`/employer…`): the home with every placement, one placement in
full with the form to tell the contact person about a worry, and choosing a password."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from app.clock import local_today
from app.deps import EmployerActor, SessionDep, settle_after_error
from app.employer_checklist.models import TOPIC_LABELS
from app.employers import concerns, invites, views
from app.employers.employer_schemas import ConcernCreate
from app.employers.models import ConcernKind
from app.error_handlers import invalid_params_from
from app.errors import AppError, ValidationFailed
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.path_ids import RecordId
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)

CONCERN_KIND_LABELS = {
    ConcernKind.absence: _l("Absence: not there, late or often ill"),
    ConcernKind.behaviour: _l("Behaviour"),
    ConcernKind.wellbeing: _l("How the candidate feels, for example tense or tired"),
    ConcernKind.work: _l("The work itself"),
    ConcernKind.other: _l("Something else"),
}


@router.get("/employer", name="employer:home")
def home(request: Request, actor: EmployerActor, session: SessionDep):
    placements = views.employer_placements(session, actor)
    return render(request, "employer/home.html", {
        "placements": placements, "tasks": views.next_tasks(placements),
        "has_password": invites.has_password(session, actor),
        "withdrawn": views.no_longer_shared(session, actor),
    })


def _placement_page(request: Request, session, actor, placement_id: int, *,
                    error: AppError | None = None, kind: str = "", body: str = "",
                    status_code: int = 200):
    view = views.employer_placement(session, actor, placement_id)
    return render(request, "employer/placement.html", {
        "view": view, "kinds": CONCERN_KIND_LABELS, "error": error, "kind": kind, "body": body,
        "sent": request.query_params.get("sent") == "1" and error is None,
    }, status_code=status_code)


@router.get("/employer/checklist", name="employer:checklist")
def checklist(request: Request, actor: EmployerActor, session: SessionDep):
    """What to know and arrange when a candidate works with you: the municipality's list."""
    return render(request, "employer/checklist.html", {
        "view": views.employer_checklist(session, actor), "topics": TOPIC_LABELS})


@router.get("/employer/checklist/print", name="employer:checklist_print")
def checklist_print(request: Request, actor: EmployerActor, session: SessionDep):
    """The same checklist as a leaflet to print or save (the staff's print page)."""
    return render(request, "backoffice/employer_checklist/print.html", {
        "view": views.employer_checklist(session, actor), "topics": TOPIC_LABELS,
        "printed_on": local_today(), "back_url": request.app.url_path_for("employer:checklist"),
        "for_employer": True, "leaflet_contact": views.leaflet_contact(session, actor)})


@router.get("/employer/placements/{placement_id}", name="employer:placement")
def placement(placement_id: RecordId, request: Request, actor: EmployerActor,
              session: SessionDep):
    return _placement_page(request, session, actor, placement_id)


@router.post("/employer/placements/{placement_id}/concerns", name="employer:concern")
def concern(placement_id: RecordId, request: Request, actor: EmployerActor, session: SessionDep,
            kind: Annotated[str, Form(max_length=20)] = "",
            body: Annotated[str, Form(max_length=4000)] = ""):
    try:
        data = ConcernCreate(kind=kind, body=body)
    except ValidationError as error:
        params = invalid_params_from(error.errors())
        # Nothing is chosen beforehand (a pre-chosen "absence" was sent unnoticed), so say
        # plainly what is missing rather than the enum's technical message.
        for param in params:
            if param["name"] == "kind":
                param["reason"] = _("Choose what your worry is about.")
        failed = ValidationFailed(invalid_params=params)
        return _placement_page(request, session, actor, placement_id, error=failed, kind=kind,
                               body=body, status_code=422)
    concerns.report_concern(session, actor, placement_id, data)
    return RedirectResponse(f"/employer/placements/{placement_id}?sent=1#concern",
                            status_code=303)


@router.get("/employer/password", name="employer:password")
def password_page(request: Request, actor: EmployerActor, session: SessionDep):
    return render(request, "employer/password.html", {
        "has_password": invites.has_password(session, actor),
        "saved": request.query_params.get("saved") == "1"})


@router.post("/employer/password", name="employer:password_save")
def password_save(request: Request, actor: EmployerActor, session: SessionDep,
                  password: Annotated[str, Form(max_length=200)] = "",
                  password_again: Annotated[str, Form(max_length=200)] = ""):
    try:
        invites.choose_password(session, actor, password, password_again)
    except AppError as error:
        settle_after_error(session, error)
        return render(request, "employer/password.html", {
            "has_password": invites.has_password(session, actor), "error": error},
            status_code=error.status_code)
    return RedirectResponse("/employer/password?saved=1", status_code=303)
