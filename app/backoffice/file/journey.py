"""The journey section of a candidate's file: start a journey, change, move, add and remove
steps. Every write goes through `journeys.changes`, with the schemas of the JSON API."""

from __future__ import annotations

from typing import Annotated, Any

from babel.dates import get_day_names
from fastapi import Form, Request
from sqlmodel import Session

from app.access import open_file
from app.auth.actor import Actor
from app.backoffice.file.common import (
    FILE,
    JOURNEY_STATUS_LABELS,
    attempt,
    done,
    file_candidate,
    iso,
    page,
)
from app.backoffice.forms import FormModel, Text, blank
from app.clock import local_today
from app.deps import ConsultantActor, SessionDep
from app.errors import AppError
from app.i18n import babel_locale
from app.i18n import lazy_gettext as _l
from app.journeys import changes
from app.journeys.models import JourneyStep, StepState
from app.journeys.schemas import JourneyStart, StepCreate, StepMove, StepUpdate
from app.journeys.service import current_steps, expected_total_days, find_journey, list_steps
from app.journeys.texts import WEEKDAYS, total_duration
from app.path_ids import RecordId
from app.people.models import Person
from app.route_table import APIRouter
from app.route_templates.models import STEP_KIND_LABELS, StepKind
from app.route_templates.service import list_templates
from app.ui.pictograms import STEP_PICTOGRAMS, pictogram_alt

router = APIRouter(include_in_schema=False)

STATE_LABELS = {
    StepState.todo: _l("To do"), StepState.current: _l("Now"), StepState.done: _l("Done"),
    StepState.skipped: _l("Skipped"),
}


class JourneyStartForm(FormModel):
    route_template_id: Text = ""
    started_on: Text = ""
    current_position: Text = "1"

    def to_schema(self) -> JourneyStart:
        return JourneyStart.model_validate({
            "route_template_id": self.route_template_id.strip(),
            "started_on": blank(self.started_on),
            "current_position": self.current_position.strip() or "1"})


class StepUpdateForm(FormModel):
    """One step's form. Title, trial and week-split fields are sent only by steps that show
    them; a field not sent is not changed."""

    version: int
    state: Text = ""
    planned_start: Text = ""
    planned_end: Text = ""
    actual_start: Text = ""
    actual_end: Text = ""
    expected_duration_days: Text = ""
    title_nl: Text | None = None
    title_en: Text | None = None
    trial_weeks: Text | None = None
    split: Text | None = None
    work_days: list[Text] = []
    day_activity_days: list[Text] = []

    error_fields = {"titles.nl": "title_nl", "titles.en": "title_en", "hybrid_split": "split"}

    @classmethod
    def of(cls, step: JourneyStep) -> StepUpdateForm:
        split = step.hybrid_split or {}
        return cls(
            version=step.version, state=step.state.value, planned_start=iso(step.planned_start),
            planned_end=iso(step.planned_end), actual_start=iso(step.actual_start),
            actual_end=iso(step.actual_end),
            expected_duration_days=str(step.expected_duration_days),
            title_nl=(step.texts.get("nl") or {}).get("title", ""),
            title_en=(step.texts.get("en") or {}).get("title", ""),
            trial_weeks=str(step.trial_weeks or ""),
            work_days=split.get("work_days", []),
            day_activity_days=split.get("day_activity_days", []))

    def to_schema(self) -> StepUpdate:
        data: dict[str, Any] = {
            "planned_start": blank(self.planned_start), "planned_end": blank(self.planned_end),
            "actual_start": blank(self.actual_start), "actual_end": blank(self.actual_end),
            "expected_duration_days": self.expected_duration_days.strip(),
        }
        if self.state:
            data["state"] = self.state
        if self.trial_weeks is not None:  # only trial steps have the field
            data["trial_weeks"] = blank(self.trial_weeks)
        if self.split is not None:  # only hybrid steps have the week split
            data["hybrid_split"] = {"work_days": self.work_days,
                                    "day_activity_days": self.day_activity_days}
        titles = {language: title for language, title in (("nl", self.title_nl),
                                                           ("en", self.title_en))
                  if title is not None}
        if titles:
            data["titles"] = titles
        return StepUpdate.model_validate(data)


class StepMoveForm(FormModel):
    journey_version: int
    direction: Text = ""

    def to_schema(self) -> StepMove:
        return StepMove.model_validate({"direction": self.direction})


class StepAddForm(FormModel):
    title_nl: Text = ""
    summary_nl: Text = ""
    title_en: Text = ""
    summary_en: Text = ""
    pictogram: Text = "plan"
    kind: Text = "normal"
    expected_duration_days: Text = "14"
    after_position: Text = ""

    error_fields = {"texts.nl.summary": "summary_nl", "texts.en.summary": "summary_en",
                    "texts.nl": "title_nl", "texts.en": "title_en", "texts": "title_nl"}

    def to_schema(self) -> StepCreate:
        texts = {}
        for language, title, summary in (("nl", self.title_nl, self.summary_nl),
                                         ("en", self.title_en, self.summary_en)):
            if title.strip() or summary.strip():
                texts[language] = {"title": title, "summary": summary.strip()}
        return StepCreate.model_validate({
            "pictogram": self.pictogram, "kind": self.kind, "texts": texts or None,
            "expected_duration_days": self.expected_duration_days.strip(),
            "after_position": blank(self.after_position)})


def _step_pictograms() -> list[tuple[str, str]]:
    return sorted(((key, pictogram_alt(key)) for key in STEP_PICTOGRAMS), key=lambda p: p[1])


def _weekdays() -> list[tuple[str, str]]:
    names = get_day_names("wide", locale=babel_locale())
    return [(key, names[index]) for index, key in enumerate(WEEKDAYS)]


def _journey_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                  error: AppError | None = None, failed: str | None = None,
                  posted: tuple[int, StepUpdateForm] | None = None,
                  new_step: StepAddForm | None = None, start: JourneyStartForm | None = None):
    file = open_file(session, actor, candidate.id)
    journey = find_journey(session, file)
    steps = list_steps(session, file, journey) if journey else []
    running = journey is not None and journey.status in changes.RUNNING
    templates = [] if running else [
        template for template, _steps in list_templates(session, actor)
        if template.retired_at is None]
    step_forms = {step.id: StepUpdateForm.of(step) for step in steps}
    if posted is not None:  # a refused change stays in its form
        step_forms[posted[0]] = posted[1]
    return page(request, candidate, "journey", "journey.html", {
        "journey": journey, "steps": steps, "running": running, "templates": templates,
        "now": current_steps(steps),
        "total": total_duration(expected_total_days(steps)) if steps else "",
        "today": local_today(), "state_labels": STATE_LABELS,
        "kind_labels": STEP_KIND_LABELS, "status_labels": JOURNEY_STATUS_LABELS,
        "step_pictograms": _step_pictograms(), "weekdays": _weekdays(),
        "addable_kinds": [k for k in StepKind if k is not StepKind.return_],
        "step_forms": step_forms, "open_step": posted[0] if posted else None,
        "new_step": new_step or StepAddForm(), "start": start or JourneyStartForm(),
    }, error=error, failed=failed)


@router.get(FILE + "/journey", name="office.file:journey")
def journey(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep):
    candidate = file_candidate(session, actor, candidate_id)
    return _journey_page(request, session, actor, candidate)


@router.post(FILE + "/journey/start", name="office.file:journey_start")
def journey_start(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                  session: SessionDep, form: Annotated[JourneyStartForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: changes.start_journey(
        session, actor, candidate_id, form.to_schema()), JourneyStartForm)
    if error:
        return _journey_page(request, session, actor, candidate, error=error, failed="start",
                             start=form)
    return done(request, "office.file:journey", candidate_id, "started")


@router.post(FILE + "/journey/steps/{step_id:int}", name="office.file:step_update")
def step_update(candidate_id: RecordId, step_id: int, request: Request, actor: ConsultantActor,
                session: SessionDep, form: Annotated[StepUpdateForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: changes.update_step(
        session, actor, candidate_id, step_id, form.to_schema(), form.version), StepUpdateForm)
    if error:
        # Invalid input stays in the form; after a stale version the form shows what is stored.
        posted = None if error.status_code == 412 else (step_id, form)
        return _journey_page(request, session, actor, candidate, error=error,
                             failed=f"step-{step_id}", posted=posted)
    return done(request, "office.file:journey", candidate_id, "step", f"step-{step_id}")


@router.post(FILE + "/journey/steps/{step_id:int}/move", name="office.file:step_move")
def step_move(candidate_id: RecordId, step_id: int, request: Request, actor: ConsultantActor,
              session: SessionDep, form: Annotated[StepMoveForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: changes.move_step(
        session, actor, candidate_id, step_id, form.to_schema(), form.journey_version),
        StepMoveForm)
    if error:
        return _journey_page(request, session, actor, candidate, error=error)
    return done(request, "office.file:journey", candidate_id, "order", f"step-{step_id}")


@router.post(FILE + "/journey/steps/{step_id:int}/remove", name="office.file:step_remove")
def step_remove(candidate_id: RecordId, step_id: int, request: Request, actor: ConsultantActor,
                session: SessionDep, version: Annotated[int, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: changes.remove_step(
        session, actor, candidate_id, step_id, version))
    if error:
        return _journey_page(request, session, actor, candidate, error=error)
    return done(request, "office.file:journey", candidate_id, "removed")


@router.post(FILE + "/journey/steps", name="office.file:step_add")
def step_add(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep,
             form: Annotated[StepAddForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: changes.add_step(
        session, actor, candidate_id, form.to_schema()), StepAddForm)
    if error:
        return _journey_page(request, session, actor, candidate, error=error, failed="new-step",
                             new_step=form)
    return done(request, "office.file:journey", candidate_id, "added")
