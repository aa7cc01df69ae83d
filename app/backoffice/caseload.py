"""Back-office pages: the caseload (with filters) and a new candidate."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse
from pydantic import TypeAdapter, ValidationError

from app.backoffice.forms import invalid_names, labelled, whole
from app.candidates.schemas import CandidateCreate
from app.caseload.flags import FLAG_CODES, FLAG_NAMES
from app.caseload.service import list_caseload
from app.clock import local_today
from app.deps import ConsultantActor, SessionDep, settle_after_error
from app.error_handlers import invalid_params_from
from app.errors import AppError, ValidationFailed
from app.i18n import gettext
from app.i18n import lazy_gettext as _l
from app.input_types import RecordRef
from app.onboarding.service import create_candidate
from app.route_table import APIRouter
from app.route_templates.service import list_templates, route_choices
from app.templating import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


@router.get("/office", name="office:caseload")
def caseload(request: Request, actor: ConsultantActor, session: SessionDep):
    params = request.query_params
    flag = params.get("flag") if params.get("flag") in FLAG_CODES else None
    error = None
    try:
        # "-5" or "x" is said plainly, never quietly read as "every route".
        route_id = ROUTE_FILTER.validate_python(whole(params.get("route")))
    except ValidationError as refused:
        reasons = [{**p, "name": "route"} for p in invalid_params_from(refused.errors())]
        route_id, error = None, labelled(ValidationFailed(invalid_params=reasons), _label)
    sort = params.get("sort") if params.get("sort") in ("name", "days_in_step", "flags") \
        else "flags"
    page = max(1, int(params["page"])) if params.get("page", "").isdigit() else 1
    rows = list_caseload(session, actor, flag=flag, route_id=route_id,
                         step_key=params.get("step") or None, search=params.get("q") or None,
                         sort=sort)
    routes = route_choices(session, actor)
    templates = [t for t, _steps in routes]
    return render(request, "backoffice/caseload.html", {
        "error": error, "invalid": invalid_names(error),
        "step_options": _step_options(routes, route_id),
        "rows": rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE], "total": len(rows),
        "page": page, "pages": max(1, -(-len(rows) // PAGE_SIZE)),
        "flag_codes": FLAG_CODES, "flag_names": FLAG_NAMES, "templates": templates,
        "filters": {"flag": flag or "", "route": route_id, "q": params.get("q", ""),
                    "sort": sort, "step": params.get("step", "")},
    }, status_code=422 if error else 200)


ROUTE_FILTER = TypeAdapter(RecordRef | None)


def _label(_name: str) -> str:
    return gettext("Route")


def _step_options(routes, route_id: int | None) -> list:
    """One option per step key of the organisation's routes (of the chosen route only, when
    one is chosen), in route order: the same key in two routes is one step to filter on."""
    options = {}
    for template, steps in routes:
        if route_id is None or template.id == route_id:
            for step in steps:
                options.setdefault(step.key, step)
    return list(options.values())


NEW_CANDIDATE_LABELS = {
    "display_name": _l("Name"), "date_of_birth": _l("Date of birth"),
    "phone": _l("Phone number"), "day_activity_provider": _l("Day-activity place"),
    "route_template_id": _l("Route"),
}


def _new_page(request, session, actor, *, form=None, error=None, status_code=200):
    templates = [t for t, _steps in list_templates(session, actor) if t.retired_at is None]
    return render(request, "backoffice/new_candidate.html", {
        "templates": templates, "today": local_today(),
        "error": labelled(error, NEW_CANDIDATE_LABELS.get) if error else None,
        "invalid": invalid_names(error),
        "form": form or {"display_name": "", "date_of_birth": "", "phone": "",
                         "day_activity_provider": "", "route_template_id": ""},
    }, status_code=status_code)


@router.get("/office/candidates/new", name="office:new_candidate")
def new_candidate(request: Request, actor: ConsultantActor, session: SessionDep):
    return _new_page(request, session, actor)


@router.post("/office/candidates/new", name="office:create_candidate")
def create(request: Request, actor: ConsultantActor, session: SessionDep,
           display_name: Annotated[str, Form(max_length=200)] = "",
           date_of_birth: Annotated[str, Form(max_length=20)] = "",
           phone: Annotated[str, Form(max_length=60)] = "",
           day_activity_provider: Annotated[str, Form(max_length=300)] = "",
           route_template_id: Annotated[str, Form(max_length=12)] = ""):
    form = {"display_name": display_name, "date_of_birth": date_of_birth, "phone": phone,
            "day_activity_provider": day_activity_provider,
            "route_template_id": route_template_id}
    try:
        data = CandidateCreate(
            display_name=display_name, date_of_birth=date_of_birth or None, phone=phone or None,
            day_activity_provider=day_activity_provider or None,
            # "-5" or "x" goes on to the schema, which names the field; never silently no route.
            route_template_id=whole(route_template_id))
        candidate = create_candidate(session, actor, data)
    except ValidationError as error:
        failed = ValidationFailed(invalid_params=invalid_params_from(error.errors()))
        return _new_page(request, session, actor, form=form, error=failed, status_code=422)
    except AppError as error:
        settle_after_error(session, error)
        return _new_page(request, session, actor, form=form, error=error,
                         status_code=error.status_code)
    return RedirectResponse(f"/office/candidates/{candidate.id}?new=1", status_code=303)
