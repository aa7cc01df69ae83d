"""Back-office pages for admins: the organisation's route templates (list, copy a shipped route,
edit the name and the ordered steps, retire). Every change goes through the same
`route_templates.service` functions as the JSON API."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from babel.dates import get_day_names
from fastapi import Form, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, ValidationError

from app.backoffice.forms import invalid_names, labelled, validation_failed
from app.deps import AdminActor, SessionDep, settle_after_error
from app.errors import AppError, NotFound
from app.i18n import babel_locale
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.journeys.texts import total_duration
from app.path_ids import ListIndex, RecordId
from app.route_table import APIRouter
from app.route_templates import service
from app.route_templates.models import (
    STEP_KIND_LABELS,
    STEP_TEXT_FIELDS,
    StepKind,
    StepTemplate,
)
from app.route_templates.schemas import (
    RouteStepsReplace,
    RouteTemplateCreate,
    RouteTemplateUpdate,
)
from app.templating import render
from app.ui.pictograms import STEP_PICTOGRAMS, pictogram_alt

router = APIRouter(include_in_schema=False)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LANGUAGE_LABELS = {"nl": _l("Dutch"), "en": _l("English")}
TEXT_LABELS = {
    "title": _l("Title (at most 5 words)"),
    "summary": _l("In one sentence"),
    "what_happens": _l("What happens"),
    "what_you_do": _l("What you do"),
    "what_to_bring": _l("What to bring (may stay empty)"),
    "who": _l("Who is there"),
    "waiting_note": _l("Waiting: how long it may take (waiting steps only)"),
}
FIELD_LABELS = {
    "key": _l("Key"),
    "pictogram": _l("Pictogram"),
    "kind": _l("Kind of step"),
    "default_duration_days": _l("Usual duration in days"),
    "trial_weeks": _l("Trial weeks (trial steps only)"),
    "hybrid_split": _l("Week split (work and day activities only)"),
    "runs_beside": _l("May be current beside (keys of this route's steps, separated by commas)"),
}
ROUTE_LABELS = {
    "name.nl": _l("Name in Dutch"), "name.en": _l("Name in English"),
    "description.nl": _l("Description in Dutch"), "description.en": _l("Description in English"),
    "copy_from_shipped": _l("Route to copy"), "copy_from_template_id": _l("Route to copy"),
    "name": _l("Name"), "key": _l("Key"), "steps": _l("Steps"),
}


class StepForm(BaseModel):
    """One step as the step forms post it: text only, checked by the API's schema afterwards."""

    version: int
    key: str = ""
    pictogram: str = ""
    kind: str = "normal"
    default_duration_days: str = ""
    trial_weeks: str = ""
    runs_beside: str = ""
    work_days: list[str] = []
    day_activity_days: list[str] = []
    position: str = ""  # only when adding: before which step
    nl_title: str = ""
    nl_summary: str = ""
    nl_what_happens: str = ""
    nl_what_you_do: str = ""
    nl_what_to_bring: str = ""
    nl_who: str = ""
    nl_waiting_note: str = ""
    en_title: str = ""
    en_summary: str = ""
    en_what_happens: str = ""
    en_what_you_do: str = ""
    en_what_to_bring: str = ""
    en_who: str = ""
    en_waiting_note: str = ""


# --- the list ------------------------------------------------------------------------------------


def _list_page(request: Request, session, actor, *, error: AppError | None = None,
               form: dict | None = None, status_code: int = 200):
    templates = service.list_templates(session, actor)
    return render(request, "backoffice/routes/list.html", {
        "templates": templates,
        "totals": {template.id: total_duration(service.route_total_days(steps))
                   for template, steps in templates},
        "shipped": service.list_shipped_routes(),
        "error": labelled(error, _route_label) if error else None,
        "invalid": invalid_names(error),
        "form": form or {"source": "", "name_nl": "", "name_en": ""},
    }, status_code=status_code)


def _route_label(name: str) -> str | None:
    label = ROUTE_LABELS.get(name)
    return str(label) if label else None


@router.get("/office/routes", name="routes:list")
def route_list(request: Request, actor: AdminActor, session: SessionDep):
    return _list_page(request, session, actor)


@router.post("/office/routes", name="routes:create")
def route_create(request: Request, actor: AdminActor, session: SessionDep,
                 copy_from_shipped: Annotated[str, Form(max_length=60)] = "",
                 copy_from_template_id: Annotated[str, Form(max_length=12)] = "",
                 name_nl: Annotated[str, Form(max_length=200)] = "",
                 name_en: Annotated[str, Form(max_length=200)] = ""):
    """An empty route (names given) or a copy (of a shipped route or one of ours)."""
    form = {"source": copy_from_shipped, "name_nl": name_nl, "name_en": name_en}
    body: dict[str, Any] = {}
    if copy_from_shipped:
        body["copy_from_shipped"] = copy_from_shipped
    if copy_from_template_id:
        body["copy_from_template_id"] = copy_from_template_id
    if name_nl or name_en or not body:
        body["name"] = {"nl": name_nl, "en": name_en}
    try:
        data = RouteTemplateCreate.model_validate(body)
        template, _steps = service.create_template(session, actor, data)
    except ValidationError as error:
        return _list_page(request, session, actor, error=validation_failed(error), form=form,
                          status_code=422)
    except AppError as error:
        if error.status_code == 404:
            raise
        settle_after_error(session, error)
        return _list_page(request, session, actor, error=error, form=form,
                          status_code=error.status_code)
    return RedirectResponse(request.app.url_path_for("routes:edit", template_id=template.id),
                            status_code=303)


# --- one route -----------------------------------------------------------------------------------


def _step_data(step: StepTemplate) -> dict:
    """A stored step in the shape the steps schema reads (every text field present)."""
    texts = {language: {field: (step.texts.get(language) or {}).get(field, "")
                        for field in STEP_TEXT_FIELDS}
             for language in ("nl", "en")}
    return {"key": step.key, "pictogram": step.pictogram, "kind": step.kind.value,
            "default_duration_days": step.default_duration_days,
            "trial_weeks": step.trial_weeks, "hybrid_split": step.hybrid_split,
            "runs_beside": list(step.runs_beside or []), "texts": texts}


def _form_data(form: StepForm) -> dict:
    """A posted step in the shape the steps schema reads (its messages name the fields)."""
    hybrid = None
    if form.kind == StepKind.hybrid.value or form.work_days or form.day_activity_days:
        hybrid = {"work_days": form.work_days, "day_activity_days": form.day_activity_days}
    return {
        "key": form.key.strip(), "pictogram": form.pictogram, "kind": form.kind,
        "default_duration_days": form.default_duration_days.strip() or None,
        "trial_weeks": form.trial_weeks.strip() or None, "hybrid_split": hybrid,
        "runs_beside": [key for key in re.split(r"[\s,]+", form.runs_beside) if key],
        "texts": {language: {field: getattr(form, f"{language}_{field}")
                             for field in STEP_TEXT_FIELDS}
                  for language in ("nl", "en")},
    }


def _step_label(name: str, titles: list[str]) -> str | None:
    """"steps.2.texts.nl.title" -> "Step 3 (Title) · Dutch · Title (at most 5 words)"."""
    parts = name.split(".")
    if len(parts) < 2 or parts[0] != "steps" or not parts[1].isdigit():
        return _route_label(name)
    index = int(parts[1])
    title = titles[index] if index < len(titles) else ""
    pieces = [_("Step %(number)d") % {"number": index + 1}]
    if title:
        pieces[0] += f" ({title})"
    if len(parts) >= 5 and parts[2] == "texts":
        pieces.append(str(LANGUAGE_LABELS.get(parts[3], parts[3])))
        pieces.append(str(TEXT_LABELS.get(parts[4], parts[4])))
    elif len(parts) >= 3 and parts[2] in FIELD_LABELS:
        pieces.append(str(FIELD_LABELS[parts[2]]))
    return " · ".join(pieces)


def _edit_page(request: Request, session, actor, template_id: int, *,
               error: AppError | None = None, posted: tuple[int, dict] | None = None,
               posted_is_new: bool = False, titles: list[str] | None = None,
               details_form: dict | None = None, status_code: int = 200):
    """The route editor. `posted` = (index in the list that was tried, data) puts a failed
    step form back as it was sent: in its own form, or in the "add a step" form."""
    template, steps = service.get_template(session, actor, template_id)
    views = [_step_data(step) for step in steps]
    new_step, new_index, open_index = _blank_step(len(steps)), len(steps), None
    if posted is not None:
        index, data = posted
        if posted_is_new:
            new_step, new_index = data, index
        elif index < len(views):
            views[index], open_index = data, index
    if titles is None:
        titles = [view["texts"]["nl"]["title"] for view in views]
    shown_error = labelled(error, lambda name: _step_label(name, titles)) if error else None
    day_names = get_day_names("wide", locale=babel_locale())
    return render(request, "backoffice/routes/edit.html", {
        "template": template, "steps": views, "new_step": new_step, "new_index": new_index,
        "open_index": open_index,
        "error": shown_error, "invalid": invalid_names(error),
        "details": details_form or {
            "name_nl": template.name.get("nl", ""), "name_en": template.name.get("en", ""),
            "description_nl": template.description.get("nl", ""),
            "description_en": template.description.get("en", ""),
        },
        "pictograms": sorted(STEP_PICTOGRAMS, key=lambda key: str(pictogram_alt(key)).lower()),
        "kinds": [(kind.value, STEP_KIND_LABELS[kind]) for kind in StepKind],
        "weekdays": [(key, day_names[i]) for i, key in enumerate(WEEKDAYS)],
        "text_fields": [(field, TEXT_LABELS[field]) for field in STEP_TEXT_FIELDS],
        "languages": list(LANGUAGE_LABELS.items()), "labels": FIELD_LABELS,
    }, status_code=status_code)


def _blank_step(count: int) -> dict:
    return {"key": f"step-{count + 1}", "pictogram": "plan", "kind": StepKind.normal.value,
            "default_duration_days": 14, "trial_weeks": None, "hybrid_split": None,
            "runs_beside": [], "texts": {language: {field: "" for field in STEP_TEXT_FIELDS}
                      for language in ("nl", "en")}}


@router.get("/office/routes/{template_id}", name="routes:edit")
def route_edit(template_id: RecordId, request: Request, actor: AdminActor, session: SessionDep):
    return _edit_page(request, session, actor, template_id)


def _back_to(request: Request, template_id: int, anchor: str = "") -> RedirectResponse:
    url = request.app.url_path_for("routes:edit", template_id=template_id)
    return RedirectResponse(f"{url}{anchor}", status_code=303)


@router.post("/office/routes/{template_id}/details", name="routes:details")
def route_details(template_id: RecordId, request: Request, actor: AdminActor, session: SessionDep,
                  version: Annotated[int, Form()],
                  name_nl: Annotated[str, Form(max_length=200)] = "",
                  name_en: Annotated[str, Form(max_length=200)] = "",
                  description_nl: Annotated[str, Form(max_length=2000)] = "",
                  description_en: Annotated[str, Form(max_length=2000)] = ""):
    form = {"name_nl": name_nl, "name_en": name_en, "description_nl": description_nl,
            "description_en": description_en}
    try:
        data = RouteTemplateUpdate.model_validate({
            "name": {"nl": name_nl, "en": name_en},
            "description": {"nl": description_nl, "en": description_en}})
        service.update_template(session, actor, template_id, data, version)
    except ValidationError as error:
        return _edit_page(request, session, actor, template_id, error=validation_failed(error),
                          details_form=form, status_code=422)
    except AppError as error:
        if error.status_code == 404:
            raise
        settle_after_error(session, error)
        return _edit_page(request, session, actor, template_id, error=error, details_form=form,
                          status_code=error.status_code)
    return _back_to(request, template_id)


def _replace(request: Request, session, actor, template_id: int, version: int,
             change: Callable[[list[dict]], list[dict]], *,
             posted: tuple[int, dict] | None = None, posted_is_new: bool = False,
             anchor: str = ""):
    """Apply `change` to the current list of steps and store it through the same service as
    PUT /api/v1/route-templates/{id}/steps; a problem puts the page back with the message."""
    _template, steps = service.get_template(session, actor, template_id)
    wanted = change([_step_data(step) for step in steps])
    titles = [str(step["texts"]["nl"]["title"]) for step in wanted]
    try:
        data = RouteStepsReplace.model_validate({"steps": wanted})
        service.replace_steps(session, actor, template_id, data, version)
    except ValidationError as error:
        return _edit_page(request, session, actor, template_id, error=validation_failed(error),
                          posted=posted, posted_is_new=posted_is_new, titles=titles,
                          status_code=422)
    except AppError as error:
        if error.status_code == 404:
            raise
        settle_after_error(session, error)
        if error.status_code != 422:  # stale: show what is stored now, with the message
            return _edit_page(request, session, actor, template_id, error=error,
                              status_code=error.status_code)
        return _edit_page(request, session, actor, template_id, error=error, posted=posted,
                          posted_is_new=posted_is_new, titles=titles, status_code=422)
    return _back_to(request, template_id, anchor)


@router.post("/office/routes/{template_id}/steps/{index}", name="routes:step")
def route_step_save(template_id: RecordId, index: ListIndex, request: Request, actor: AdminActor,
                    session: SessionDep, form: Annotated[StepForm, Form()]):
    data = _form_data(form)

    def change(steps: list[dict]) -> list[dict]:
        if not 0 <= index < len(steps):
            raise NotFound()
        steps[index] = data
        return steps

    return _replace(request, session, actor, template_id, form.version, change,
                    posted=(index, data), anchor=f"#step-{index + 1}")


@router.post("/office/routes/{template_id}/steps", name="routes:add_step")
def route_step_add(template_id: RecordId, request: Request, actor: AdminActor, session: SessionDep,
                   form: Annotated[StepForm, Form()]):
    data = _form_data(form)
    _template, current = service.get_template(session, actor, template_id)
    position = int(form.position) if form.position.isdigit() else len(current)
    position = max(0, min(position, len(current)))

    def change(steps: list[dict]) -> list[dict]:
        steps.insert(position, data)
        return steps

    return _replace(request, session, actor, template_id, form.version, change,
                    posted=(position, data), posted_is_new=True, anchor=f"#step-{position + 1}")


@router.post("/office/routes/{template_id}/steps/{index}/move", name="routes:move_step")
def route_step_move(template_id: RecordId, index: ListIndex, request: Request, actor: AdminActor,
                    session: SessionDep, version: Annotated[int, Form()],
                    direction: Annotated[str, Form(pattern="^(up|down)$")]):
    target = index - 1 if direction == "up" else index + 1

    def change(steps: list[dict]) -> list[dict]:
        if 0 <= index < len(steps) and 0 <= target < len(steps):
            steps[index], steps[target] = steps[target], steps[index]
        return steps

    return _replace(request, session, actor, template_id, version, change,
                    anchor=f"#step-{target + 1}")


@router.post("/office/routes/{template_id}/steps/{index}/remove", name="routes:remove_step")
def route_step_remove(template_id: RecordId, index: ListIndex, request: Request, actor: AdminActor,
                      session: SessionDep, version: Annotated[int, Form()]):
    def change(steps: list[dict]) -> list[dict]:
        if 0 <= index < len(steps):
            del steps[index]
        return steps

    return _replace(request, session, actor, template_id, version, change, anchor="#steps")


@router.post("/office/routes/{template_id}/retire", name="routes:retire")
def route_retire(template_id: RecordId, request: Request, actor: AdminActor, session: SessionDep):
    service.retire_template(session, actor, template_id)
    return _back_to(request, template_id)


@router.post("/office/routes/{template_id}/unretire", name="routes:unretire")
def route_unretire(template_id: RecordId, request: Request, actor: AdminActor, session: SessionDep):
    service.unretire_template(session, actor, template_id)
    return _back_to(request, template_id)
