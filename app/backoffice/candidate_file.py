"""Back-office pages: a candidate's file, for the candidate's own consultants (primary or backup).

Overview, journey, appointments, messages, money, contact person, guarantee, way back, network
and access log. The routes are thin: every write goes through the same domain service (and the
same request schema) as the JSON API; a form that fails is shown again with the error and its
status (422 invalid, 412 someone else was first, 409 not possible now)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Any

from babel.dates import get_day_names
from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from sqlalchemy import select
from sqlmodel import Session

from app.account.pages import access_log_groups
from app.appointments import service as appointments_service
from app.appointments.schemas import AppointmentCreate, AppointmentUpdate
from app.auth.actor import Actor
from app.auth.links import invite_public
from app.candidates.policies import FileArea
from app.candidates.service import get_candidate, invite_candidate_device
from app.caseload.service import list_caseload
from app.contacts import service as contacts_service
from app.contacts.models import ContactAssignment
from app.contacts.schemas import AbsenceCreate, ContactUpdate
from app.deps import ConsultantActor, SessionDep, SettingsDep, settle_after_error
from app.error_handlers import invalid_params_from
from app.errors import AppError, NotFound, ValidationFailed, field_error
from app.guarantees import service as guarantees_service
from app.guarantees.schemas import GuaranteeCreate
from app.i18n import get_locale
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.journeys import changes
from app.journeys.models import JourneyStatus, StepState, WayBackKind, WayBackReason
from app.journeys.schemas import (
    JourneyStart,
    StepCreate,
    StepOrder,
    StepTexts,
    StepUpdate,
    WayBackCreate,
)
from app.journeys.service import find_journey, get_step, list_steps
from app.journeys.texts import WEEKDAYS
from app.messages import service as messages_service
from app.messages.api import messages_public
from app.messages.schemas import AnswerCreate, UpdateCreate
from app.money import service as money_service
from app.money.inputs import MoneyInputsIn
from app.money.pages import result_context
from app.money.texts import action_text
from app.network import service as network_service
from app.network.models import Area, ConsentMethod
from app.network.schemas import NetworkGrantUpdate, NetworkInviteCreate
from app.path_ids import RecordId
from app.people.models import Person, Role
from app.people.service import list_staff
from app.route_templates.models import StepKind
from app.route_templates.service import list_templates
from app.templating import DISPLAY_ZONE, render
from app.ui.pictograms import PICTOGRAMS, STEP_PICTOGRAMS, pictogram_alt

router = APIRouter(include_in_schema=False)

# `:int` keeps /office/candidates/new (another page) out of these routes.
FILE = "/office/candidates/{candidate_id:int}"
TEXT = 10_000  # a generous cap on any form field; the schemas hold the real limits


@dataclass(frozen=True)
class Section:
    key: str
    label: object
    route: str
    pictogram: str


SECTIONS = (
    Section("overview", _l("Overview"), "office.file:overview", "person"),
    Section("journey", _l("Journey"), "office.file:journey", "steps"),
    Section("appointments", _l("Appointments"), "office.file:appointments", "appointments"),
    Section("messages", _l("Messages"), "office.file:messages", "messages"),
    Section("money", _l("Money"), "office.file:money", "money"),
    Section("contact", _l("Contact person"), "office.file:contact", "phone"),
    Section("guarantee", _l("Guarantee"), "office.file:guarantee", "guarantee"),
    Section("way_back", _l("Way back"), "office.file:way_back", "way-back"),
    Section("network", _l("Network"), "office.file:network", "network"),
    Section("access_log", _l("Access log"), "office.file:access_log", "eye"),
)
SECTION = {s.key: s for s in SECTIONS}

# What a successful form says after the redirect (?saved=...).
SAVED = {
    "created": _l("The candidate has been added. Enrol their phone below."),
    "started": _l("The journey has started."),
    "step": _l("The step has been saved."),
    "order": _l("The order of the steps has been saved."),
    "removed": _l("The step has been removed."),
    "added": _l("The step has been added."),
    "way_back": _l("The way back has been recorded. The candidate sees what happens now."),
    "appointment": _l("The appointment has been saved. The candidate gets a notice."),
    "cancelled": _l("The appointment has been cancelled. The candidate gets a notice."),
    "update": _l("Your update has been sent."),
    "answer": _l("Your answer has been sent."),
    "inputs": _l("The money details have been saved."),
    "informed": _l("Recorded: the benefits office has been told."),
    "money_step": _l("The action is now a step of the journey."),
    "contact": _l("The contact person and backup have been saved."),
    "absence": _l("Your absence has been saved."),
    "absence_removed": _l("Your absence has been removed."),
    "guarantee": _l("A new version of the guarantee has been issued."),
    "areas": _l("What this person may see has been saved."),
    "revoked": _l("This person no longer has access."),
}

STATE_LABELS = {
    StepState.todo: _l("To do"), StepState.current: _l("Now"), StepState.done: _l("Done"),
    StepState.skipped: _l("Skipped"),
}
KIND_LABELS = {
    StepKind.normal: _l("Normal step"), StepKind.trial: _l("Trial placement"),
    StepKind.waiting: _l("Waiting for a decision"), StepKind.hybrid: _l("Work and day activities"),
    StepKind.contract: _l("Contract"), StepKind.salary: _l("First salary"),
    StepKind.aftercare: _l("Aftercare"), StepKind.return_: _l("Back to day activities"),
}
JOURNEY_STATUS_LABELS = {
    JourneyStatus.active: _l("Running"), JourneyStatus.paused: _l("Paused"),
    JourneyStatus.returned: _l("Ended: back to day activities"),
    JourneyStatus.stopped: _l("Ended: another placement"),
    JourneyStatus.completed: _l("Completed"),
}
WAY_BACK_KIND_LABELS = {
    WayBackKind.pause: _l("A break, or fewer hours (the job stays)"),
    WayBackKind.return_: _l("Back to the day-activity place in the guarantee"),
    WayBackKind.other_placement: _l("Try another workplace"),
}
WAY_BACK_REASON_LABELS = {
    WayBackReason.mismatch: _l("The workplace does not fit"),
    WayBackReason.crisis: _l("A crisis"),
    WayBackReason.too_much: _l("It is too much"),
}
CONSENT_LABELS = {
    ConsentMethod.in_app: _l("In the app, by the candidate"),
    ConsentMethod.in_person: _l("In a talk with the consultant"),
    ConsentMethod.in_writing: _l("On paper (a signed form)"),
}
HOUSEHOLD_LABELS = {
    "single": _l("Single, own home"), "single_parent": _l("Single parent"),
    "couple": _l("With a partner"), "with_parents": _l("Lives with the parents"),
}
BENEFIT_LABELS = {
    "bijstand": _l("Bijstand (municipality)"), "wajong": _l("Wajong (UWV)"),
    "none": _l("No benefit"),
}
ROLE_LABELS = {
    Role.candidate: _l("candidate"), Role.network: _l("network"),
    Role.consultant: _l("consultant"), Role.admin: _l("admin"),
}


# --- plumbing ---------------------------------------------------------------------------------


def _open_file(session: Session, actor: Actor, candidate_id: int) -> Person:
    """The candidate, for one of their own consultants; NotFound for anyone else."""
    candidate = get_candidate(session, actor, candidate_id, FileArea.profile)
    if not actor.is_staff or actor.role is not Role.consultant:
        raise NotFound()
    return candidate


def _settle(session: Session, error: AppError) -> None:
    settle_after_error(session, error)
    if not error.keeps_changes:
        # The rollback also undid the access-log rows of this request; the page shown next
        # reads the file again and must log that read again.
        session.info.pop("logged_reads", None)


def _attempt(session: Session, action: Callable[[], Any]) -> AppError | None:
    """Run one write; a refusal comes back as the error to show (404 is raised as a page)."""
    try:
        action()
    except ValidationError as error:
        failed = ValidationFailed(invalid_params=invalid_params_from(error.errors()))
        _settle(session, failed)
        return failed
    except AppError as error:
        if error.status_code == 404:
            raise
        _settle(session, error)
        return error
    return None


def _page(request: Request, candidate: Person, section: str, template: str,
          context: dict[str, Any], *, error: AppError | None = None,
          status_code: int | None = None):
    # The new-candidate form of the caseload sends the consultant here with ?new=1.
    saved_key = "created" if request.query_params.get("new") == "1" else request.query_params.get(
        "saved", "")
    saved = SAVED.get(saved_key)
    return render(request, f"backoffice/file/{template}", {
        "candidate": candidate, "section": SECTION[section], "sections": SECTIONS,
        "saved_text": saved if error is None else None, "error": error, **context,
    }, status_code=status_code or (error.status_code if error else 200))


def _done(request: Request, route: str, candidate_id: int, saved: str,
          anchor: str = "") -> RedirectResponse:
    url = request.app.url_path_for(route, candidate_id=candidate_id)
    return RedirectResponse(f"{url}?saved={saved}{'#' + anchor if anchor else ''}",
                            status_code=303)


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _whole(value: str | None) -> int | str | None:
    """A whole number for strict schema fields; anything else goes on for the schema to refuse."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        return value


def _amount(value: str | None) -> str | None:
    value = _blank(value)
    return value.replace(",", ".") if value else None


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


# --- overview ---------------------------------------------------------------------------------


def _overview_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                   invite=None, error: AppError | None = None):
    # The search narrows the caseload to this name, so only this read is logged.
    rows = list_caseload(session, actor, search=candidate.display_name)
    row = next((r for r in rows if r.candidate.id == candidate.id), None)
    contact = contacts_service.contact_today(session, actor, candidate.id)
    upcoming, _past = appointments_service.list_appointments(session, actor, candidate.id)
    next_appointment = next((a for a in upcoming if a.cancelled_at is None), None)
    return _page(request, candidate, "overview", "overview.html", {
        "row": row, "contact": contact, "next_appointment": next_appointment,
        "invite": invite, "status_labels": JOURNEY_STATUS_LABELS,
        "open_questions": len(messages_service.open_questions(session, candidate.id)),
    }, error=error, status_code=201 if invite else None)


@router.get(FILE, name="office.file:overview")
def overview(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep):
    candidate = _open_file(session, actor, candidate_id)
    return _overview_page(request, session, actor, candidate)


@router.post(FILE + "/device-invite", name="office.file:invite_device")
def invite_device(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                  session: SessionDep, settings: SettingsDep):
    candidate = _open_file(session, actor, candidate_id)
    issued = invite_candidate_device(session, settings, actor, candidate_id)
    return _overview_page(request, session, actor, candidate,
                          invite=invite_public(settings, issued))


# --- journey ----------------------------------------------------------------------------------


def _step_pictograms() -> list[tuple[str, str]]:
    return sorted(((key, pictogram_alt(key)) for key in STEP_PICTOGRAMS), key=lambda p: p[1])


def _weekdays() -> list[tuple[str, str]]:
    names = get_day_names("wide", locale={"nl": "nl_NL", "en": "en_GB"}[get_locale()])
    return [(key, names[index]) for index, key in enumerate(WEEKDAYS)]


def _journey_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                  error: AppError | None = None, submitted: dict | None = None,
                  new_step: dict | None = None, start: dict | None = None):
    get_candidate(session, actor, candidate.id, FileArea.steps)
    journey = find_journey(session, candidate.id)
    steps = list_steps(session, journey.id) if journey else []
    running = journey is not None and journey.status in changes.RUNNING
    templates = [] if running else [
        template for template, _steps in list_templates(session, actor)
        if template.retired_at is None]
    return _page(request, candidate, "journey", "journey.html", {
        "journey": journey, "steps": steps, "running": running, "templates": templates,
        "today": datetime.now(DISPLAY_ZONE).date(), "state_labels": STATE_LABELS,
        "kind_labels": KIND_LABELS, "status_labels": JOURNEY_STATUS_LABELS,
        "step_pictograms": _step_pictograms(), "weekdays": _weekdays(),
        "addable_kinds": [k for k in StepKind if k is not StepKind.return_],
        "submitted": submitted or {},
        "new_step": new_step or {"title_nl": "", "summary_nl": "", "title_en": "",
                                 "summary_en": "", "pictogram": "plan", "kind": "normal",
                                 "expected_duration_days": "14", "after_position": ""},
        "start": start or {"route_template_id": "", "started_on": "", "current_position": "1"},
    }, error=error)


@router.get(FILE + "/journey", name="office.file:journey")
def journey(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep):
    candidate = _open_file(session, actor, candidate_id)
    return _journey_page(request, session, actor, candidate)


@router.post(FILE + "/journey/start", name="office.file:journey_start")
def journey_start(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                  session: SessionDep,
                  route_template_id: Annotated[str, Form(max_length=TEXT)] = "",
                  started_on: Annotated[str, Form(max_length=TEXT)] = "",
                  current_position: Annotated[str, Form(max_length=TEXT)] = "1"):
    candidate = _open_file(session, actor, candidate_id)
    payload = {"route_template_id": route_template_id.strip(), "started_on": _blank(started_on),
               "current_position": current_position.strip() or "1"}
    error = _attempt(session, lambda: changes.start_journey(
        session, actor, candidate_id, JourneyStart.model_validate(payload)))
    if error:
        return _journey_page(request, session, actor, candidate, error=error, start={
            "route_template_id": route_template_id, "started_on": started_on,
            "current_position": current_position})
    return _done(request, "office.file:journey", candidate_id, "started")


def _changed_titles(session: Session, actor: Actor, candidate_id: int, step_id: int,
                    titles: dict[str, str | None]) -> dict[str, StepTexts] | None:
    """The texts of each language whose title was changed, with that language's other texts
    kept (the service replaces a language's texts as a whole)."""
    step = get_step(session, actor, candidate_id, step_id)
    changed = {}
    for language, title in titles.items():
        if title is None:
            continue
        current = dict(step.texts.get(language) or {})
        if title.strip() == (current.get("title") or "").strip():
            continue
        kept = {k: v for k, v in current.items() if k in StepTexts.model_fields}
        changed[language] = StepTexts.model_validate({**kept, "title": title})
    return changed or None


@router.post(FILE + "/journey/steps/{step_id:int}", name="office.file:step_update")
def step_update(candidate_id: RecordId, step_id: int, request: Request, actor: ConsultantActor,
                session: SessionDep, version: Annotated[int, Form()],
                state: Annotated[str, Form(max_length=TEXT)] = "",
                planned_start: Annotated[str, Form(max_length=TEXT)] = "",
                planned_end: Annotated[str, Form(max_length=TEXT)] = "",
                actual_start: Annotated[str, Form(max_length=TEXT)] = "",
                actual_end: Annotated[str, Form(max_length=TEXT)] = "",
                expected_duration_days: Annotated[str, Form(max_length=TEXT)] = "",
                title_nl: Annotated[str | None, Form(max_length=TEXT)] = None,
                title_en: Annotated[str | None, Form(max_length=TEXT)] = None,
                trial_weeks: Annotated[str | None, Form(max_length=TEXT)] = None,
                split: Annotated[str | None, Form(max_length=10)] = None,
                work_days: Annotated[list[str] | None, Form()] = None,
                day_activity_days: Annotated[list[str] | None, Form()] = None):
    candidate = _open_file(session, actor, candidate_id)
    payload: dict[str, Any] = {
        "planned_start": _blank(planned_start), "planned_end": _blank(planned_end),
        "actual_start": _blank(actual_start), "actual_end": _blank(actual_end),
        "expected_duration_days": expected_duration_days.strip(),
    }
    if state:
        payload["state"] = state
    if trial_weeks is not None:  # only trial steps have the field
        payload["trial_weeks"] = _blank(trial_weeks)
    if split is not None:  # only hybrid steps have the week split
        payload["hybrid_split"] = {"work_days": work_days or [],
                                   "day_activity_days": day_activity_days or []}

    def save():
        texts = _changed_titles(session, actor, candidate_id, step_id,
                                {"nl": title_nl, "en": title_en})
        data = StepUpdate.model_validate({**payload, **({"texts": texts} if texts else {})})
        changes.update_step(session, actor, candidate_id, step_id, data, version)

    error = _attempt(session, save)
    if error:
        # Invalid input stays in the form; after a stale version the form shows what is stored.
        submitted = None if error.status_code == 412 else {
            "step_id": step_id, "state": state, "planned_start": planned_start,
            "planned_end": planned_end, "actual_start": actual_start, "actual_end": actual_end,
            "expected_duration_days": expected_duration_days, "title_nl": title_nl,
            "title_en": title_en, "trial_weeks": trial_weeks,
            "work_days": work_days or [], "day_activity_days": day_activity_days or []}
        return _journey_page(request, session, actor, candidate, error=error,
                             submitted=submitted)
    return _done(request, "office.file:journey", candidate_id, "step", f"step-{step_id}")


@router.post(FILE + "/journey/steps/{step_id:int}/move", name="office.file:step_move")
def step_move(candidate_id: RecordId, step_id: int, request: Request, actor: ConsultantActor,
              session: SessionDep, journey_version: Annotated[int, Form()],
              direction: Annotated[str, Form(max_length=10)] = ""):
    candidate = _open_file(session, actor, candidate_id)

    def move():
        get_candidate(session, actor, candidate_id, FileArea.steps)
        journey = find_journey(session, candidate_id)
        ids = [s.id for s in list_steps(session, journey.id)] if journey else []
        if step_id not in ids:
            raise NotFound()
        index = ids.index(step_id)
        other = index - 1 if direction == "up" else index + 1
        if direction in ("up", "down") and 0 <= other < len(ids):
            ids[index], ids[other] = ids[other], ids[index]
        changes.reorder_steps(session, actor, candidate_id, StepOrder(step_ids=ids),
                              journey_version)

    error = _attempt(session, move)
    if error:
        return _journey_page(request, session, actor, candidate, error=error)
    return _done(request, "office.file:journey", candidate_id, "order", f"step-{step_id}")


@router.post(FILE + "/journey/steps/{step_id:int}/remove", name="office.file:step_remove")
def step_remove(candidate_id: RecordId, step_id: int, request: Request, actor: ConsultantActor,
                session: SessionDep, version: Annotated[int, Form()]):
    candidate = _open_file(session, actor, candidate_id)
    error = _attempt(session, lambda: changes.remove_step(
        session, actor, candidate_id, step_id, version))
    if error:
        return _journey_page(request, session, actor, candidate, error=error)
    return _done(request, "office.file:journey", candidate_id, "removed")


@router.post(FILE + "/journey/steps", name="office.file:step_add")
def step_add(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep,
             title_nl: Annotated[str, Form(max_length=TEXT)] = "",
             summary_nl: Annotated[str, Form(max_length=TEXT)] = "",
             title_en: Annotated[str, Form(max_length=TEXT)] = "",
             summary_en: Annotated[str, Form(max_length=TEXT)] = "",
             pictogram: Annotated[str, Form(max_length=TEXT)] = "plan",
             kind: Annotated[str, Form(max_length=TEXT)] = "normal",
             expected_duration_days: Annotated[str, Form(max_length=TEXT)] = "14",
             after_position: Annotated[str, Form(max_length=TEXT)] = ""):
    candidate = _open_file(session, actor, candidate_id)
    texts = {}
    for language, title, summary in (("nl", title_nl, summary_nl), ("en", title_en, summary_en)):
        if title.strip() or summary.strip():
            texts[language] = {"title": title, "summary": summary.strip()}
    payload = {"pictogram": pictogram, "kind": kind, "texts": texts or None,
               "expected_duration_days": expected_duration_days.strip(),
               "after_position": _blank(after_position)}
    error = _attempt(session, lambda: changes.add_step(
        session, actor, candidate_id, StepCreate.model_validate(payload)))
    if error:
        return _journey_page(request, session, actor, candidate, error=error, new_step={
            "title_nl": title_nl, "summary_nl": summary_nl, "title_en": title_en,
            "summary_en": summary_en, "pictogram": pictogram, "kind": kind,
            "expected_duration_days": expected_duration_days, "after_position": after_position})
    return _done(request, "office.file:journey", candidate_id, "added")


# --- way back ---------------------------------------------------------------------------------


def _way_back_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                   error: AppError | None = None, form: dict | None = None):
    get_candidate(session, actor, candidate.id, FileArea.steps)
    journey = find_journey(session, candidate.id)
    return _page(request, candidate, "way_back", "way_back.html", {
        "journey": journey, "running": journey is not None and journey.status in changes.RUNNING,
        "attempts": changes.placement_attempts(session, candidate.id),
        "guarantee": guarantees_service.list_versions(session, actor, candidate.id)[:1],
        "kind_labels": WAY_BACK_KIND_LABELS, "reason_labels": WAY_BACK_REASON_LABELS,
        "status_labels": JOURNEY_STATUS_LABELS,
        "form": form or {"kind": "", "reason": "", "note": "", "hours_per_week": "",
                         "starts_on": ""},
    }, error=error)


@router.get(FILE + "/way-back", name="office.file:way_back")
def way_back(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep):
    candidate = _open_file(session, actor, candidate_id)
    return _way_back_page(request, session, actor, candidate)


@router.post(FILE + "/way-back", name="office.file:way_back_record")
def way_back_record(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                    session: SessionDep,
                    kind: Annotated[str, Form(max_length=TEXT)] = "",
                    reason: Annotated[str, Form(max_length=TEXT)] = "",
                    note: Annotated[str, Form(max_length=TEXT)] = "",
                    hours_per_week: Annotated[str, Form(max_length=TEXT)] = "",
                    starts_on: Annotated[str, Form(max_length=TEXT)] = ""):
    candidate = _open_file(session, actor, candidate_id)
    payload = {"kind": kind, "reason": reason, "note": note.strip(),
               "hours_per_week": _amount(hours_per_week), "starts_on": _blank(starts_on)}
    error = _attempt(session, lambda: changes.invoke_way_back(
        session, actor, candidate_id, WayBackCreate.model_validate(payload)))
    if error:
        return _way_back_page(request, session, actor, candidate, error=error, form={
            "kind": kind, "reason": reason, "note": note, "hours_per_week": hours_per_week,
            "starts_on": starts_on})
    return _done(request, "office.file:journey", candidate_id, "way_back")


# --- appointments -----------------------------------------------------------------------------


def _attendee_choices(session: Session, actor: Actor, candidate_id: int) -> list[tuple[int, str]]:
    """The people an appointment can link to: the consultants, and network members who may see
    the appointments (the service checks the same when saving)."""
    choices = {}
    contact = contacts_service.contact_today(session, actor, candidate_id)
    if contact:
        choices[contact.primary.id] = contact.primary.display_name
        if contact.backup:
            choices[contact.backup.id] = contact.backup.display_name
    for grant, member in network_service.list_grants(session, actor, candidate_id):
        if grant.revoked_at is None and Area.appointments.value in grant.areas:
            relation = f" ({grant.relation})" if grant.relation else ""
            choices[member.id] = member.display_name + relation
    return list(choices.items())


def _appointment_form(appointment) -> dict[str, Any]:
    starts = appointment.starts_at.astimezone(DISPLAY_ZONE)
    ends = appointment.ends_at.astimezone(DISPLAY_ZONE)
    return {
        "title": appointment.title, "day": starts.date().isoformat(),
        "start": starts.strftime("%H:%M"), "end": ends.strftime("%H:%M"),
        "place_name": appointment.place_name, "address": appointment.address,
        "purpose": appointment.purpose, "what_to_bring": appointment.what_to_bring,
        "attendee_ids": [str(a["person_id"]) for a in appointment.attendees if "person_id" in a],
        "others": "\n".join(a["name"] for a in appointment.attendees if "name" in a),
    }


EMPTY_APPOINTMENT = {"title": "", "day": "", "start": "", "end": "", "place_name": "",
                     "address": "", "purpose": "", "what_to_bring": "", "attendee_ids": [],
                     "others": ""}


def _appointments_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                       error: AppError | None = None, form: dict | None = None,
                       edit: dict | None = None):
    upcoming, past = appointments_service.list_appointments(session, actor, candidate.id)
    names = appointments_service.attendee_names(session, upcoming + past)
    forms = {a.id: _appointment_form(a) for a in upcoming + past}
    if edit:
        forms[edit["id"]] = edit
    return _page(request, candidate, "appointments", "appointments.html", {
        "upcoming": upcoming, "past": past, "names": names, "forms": forms,
        "open_edit": edit["id"] if edit else None,
        "choices": _attendee_choices(session, actor, candidate.id),
        "form": form or EMPTY_APPOINTMENT,
    }, error=error)


def _moment(day: str, clock: str, field: str) -> datetime:
    """A date and a time as the people in the office mean them: Dutch local time."""
    try:
        parsed_day = date.fromisoformat(day.strip())
    except ValueError:
        raise ValidationFailed(invalid_params=[field_error(
            "day", _("Enter a date like 2026-03-01."), "date_parsing")]) from None
    try:
        parsed_time = time.fromisoformat(clock.strip())
    except ValueError:
        raise ValidationFailed(invalid_params=[field_error(
            field, _("Enter a time like 14:30."), "time_parsing")]) from None
    return datetime.combine(parsed_day, parsed_time, tzinfo=DISPLAY_ZONE)


def _appointment_payload(title, day, start, end, place_name, address, purpose, what_to_bring,
                         attendee_ids, others) -> dict[str, Any]:
    attendees: list[dict[str, Any]] = [{"person_id": _whole(i)} for i in attendee_ids or []]
    attendees += [{"name": line.strip()} for line in others.splitlines() if line.strip()]
    return {"title": title.strip(), "starts_at": _moment(day, start, "start"),
            "ends_at": _moment(day, end, "end"), "place_name": place_name.strip(),
            "address": address.strip(), "purpose": purpose.strip(),
            "what_to_bring": what_to_bring.strip(), "attendees": attendees}


def _explained(error: AppError) -> AppError:
    """The schema's "ends after it starts" check has no field; say it in words."""
    for param in error.invalid_params:
        if param["name"] in ("body", "") and param["code"] == "value_error":
            param["name"], param["reason"] = "end", _("The end must be after the start.")
    return error


@router.get(FILE + "/appointments", name="office.file:appointments")
def appointments(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                 session: SessionDep):
    candidate = _open_file(session, actor, candidate_id)
    return _appointments_page(request, session, actor, candidate)


@router.post(FILE + "/appointments", name="office.file:appointment_create")
def appointment_create(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                       session: SessionDep,
                       title: Annotated[str, Form(max_length=TEXT)] = "",
                       day: Annotated[str, Form(max_length=TEXT)] = "",
                       start: Annotated[str, Form(max_length=TEXT)] = "",
                       end: Annotated[str, Form(max_length=TEXT)] = "",
                       place_name: Annotated[str, Form(max_length=TEXT)] = "",
                       address: Annotated[str, Form(max_length=TEXT)] = "",
                       purpose: Annotated[str, Form(max_length=TEXT)] = "",
                       what_to_bring: Annotated[str, Form(max_length=TEXT)] = "",
                       attendee_ids: Annotated[list[str] | None, Form()] = None,
                       others: Annotated[str, Form(max_length=TEXT)] = ""):
    candidate = _open_file(session, actor, candidate_id)
    error = _attempt(session, lambda: appointments_service.create_appointment(
        session, actor, candidate_id, AppointmentCreate.model_validate(_appointment_payload(
            title, day, start, end, place_name, address, purpose, what_to_bring, attendee_ids,
            others))))
    if error:
        return _appointments_page(request, session, actor, candidate, error=_explained(error),
                                  form={
            "title": title, "day": day, "start": start, "end": end, "place_name": place_name,
            "address": address, "purpose": purpose, "what_to_bring": what_to_bring,
            "attendee_ids": attendee_ids or [], "others": others})
    return _done(request, "office.file:appointments", candidate_id, "appointment")


@router.post(FILE + "/appointments/{appointment_id:int}",
             name="office.file:appointment_update")
def appointment_update(candidate_id: RecordId, appointment_id: int, request: Request,
                       actor: ConsultantActor, session: SessionDep,
                       version: Annotated[int, Form()],
                       title: Annotated[str, Form(max_length=TEXT)] = "",
                       day: Annotated[str, Form(max_length=TEXT)] = "",
                       start: Annotated[str, Form(max_length=TEXT)] = "",
                       end: Annotated[str, Form(max_length=TEXT)] = "",
                       place_name: Annotated[str, Form(max_length=TEXT)] = "",
                       address: Annotated[str, Form(max_length=TEXT)] = "",
                       purpose: Annotated[str, Form(max_length=TEXT)] = "",
                       what_to_bring: Annotated[str, Form(max_length=TEXT)] = "",
                       attendee_ids: Annotated[list[str] | None, Form()] = None,
                       others: Annotated[str, Form(max_length=TEXT)] = ""):
    candidate = _open_file(session, actor, candidate_id)
    error = _attempt(session, lambda: appointments_service.update_appointment(
        session, actor, candidate_id, appointment_id,
        AppointmentUpdate.model_validate(_appointment_payload(
            title, day, start, end, place_name, address, purpose, what_to_bring, attendee_ids,
            others)), version))
    if error:
        edit = None if error.status_code == 412 else {
            "id": appointment_id, "title": title, "day": day, "start": start, "end": end,
            "place_name": place_name, "address": address, "purpose": purpose,
            "what_to_bring": what_to_bring, "attendee_ids": attendee_ids or [],
            "others": others}
        return _appointments_page(request, session, actor, candidate, error=_explained(error),
                                  edit=edit)
    return _done(request, "office.file:appointments", candidate_id, "appointment",
                 f"appointment-{appointment_id}")


@router.post(FILE + "/appointments/{appointment_id:int}/cancel",
             name="office.file:appointment_cancel")
def appointment_cancel(candidate_id: RecordId, appointment_id: int, request: Request,
                       actor: ConsultantActor, session: SessionDep):
    _open_file(session, actor, candidate_id)
    appointments_service.cancel_appointment(session, actor, candidate_id, appointment_id)
    return _done(request, "office.file:appointments", candidate_id, "cancelled",
                 f"appointment-{appointment_id}")


# --- messages ---------------------------------------------------------------------------------


def _messages_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                   error: AppError | None = None, update: dict | None = None,
                   answers: dict[int, str] | None = None):
    stored = messages_service.list_messages(session, actor, candidate.id, limit=200)
    messages = messages_public(session, stored)
    open_ids = {q.id for q in messages_service.open_questions(session, candidate.id)}
    return _page(request, candidate, "messages", "messages.html", {
        "messages": messages, "open_ids": open_ids,
        "notice_ids": {m.id for m in stored if m.notice},
        "by_id": {m.id: m for m in messages},
        "pictograms": sorted(((k, pictogram_alt(k)) for k in PICTOGRAMS), key=lambda p: p[1]),
        "update": update or {"body": "", "pictogram": ""}, "answers": answers or {},
    }, error=error)


@router.get(FILE + "/messages", name="office.file:messages")
def messages(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep):
    candidate = _open_file(session, actor, candidate_id)
    return _messages_page(request, session, actor, candidate)


@router.post(FILE + "/messages", name="office.file:update_post")
def update_post(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                session: SessionDep, body: Annotated[str, Form(max_length=TEXT)] = "",
                pictogram: Annotated[str, Form(max_length=TEXT)] = ""):
    candidate = _open_file(session, actor, candidate_id)

    def post():
        data = UpdateCreate(body=body, pictogram=_blank(pictogram))
        messages_service.post_update(session, actor, candidate_id, data.body, data.pictogram)

    error = _attempt(session, post)
    if error:
        return _messages_page(request, session, actor, candidate, error=error,
                              update={"body": body, "pictogram": pictogram})
    return _done(request, "office.file:messages", candidate_id, "update")


@router.post(FILE + "/messages/{question_id:int}/answer", name="office.file:answer")
def answer(candidate_id: RecordId, question_id: int, request: Request, actor: ConsultantActor,
           session: SessionDep, body: Annotated[str, Form(max_length=TEXT)] = ""):
    candidate = _open_file(session, actor, candidate_id)

    def post():
        data = AnswerCreate(body=body)
        messages_service.answer_question(session, actor, candidate_id, question_id, data.body)

    error = _attempt(session, post)
    if error:
        return _messages_page(request, session, actor, candidate, error=error,
                              answers={question_id: body})
    return _done(request, "office.file:messages", candidate_id, "answer", f"m{question_id}")


# --- money ------------------------------------------------------------------------------------


def _money_form(inputs) -> dict[str, Any]:
    if inputs is None:
        return {"household": "single", "adults_in_home": "1", "children_ages": "",
                "benefit": "bijstand", "age": "", "partner_net_income": "",
                "volunteer_allowance": "", "rent": "", "medical_hours_limit": False,
                "planned_hours": "", "hourly_wage": "", "start_date": ""}
    values = money_service.inputs_public_dict(inputs)

    def text(value):
        if isinstance(value, Decimal):
            value = value.normalize() if value == value.to_integral_value() else value
            return format(value, "f")
        return "" if value is None else str(value)

    return {
        "household": values["household"], "adults_in_home": text(values["adults_in_home"]),
        "children_ages": ", ".join(str(a) for a in values["children_ages"]),
        "benefit": values["benefit"], "age": text(values["age"]),
        "partner_net_income": text(values["partner_net_income"] or None),
        "volunteer_allowance": text(values["volunteer_allowance"] or None),
        "rent": text(values["rent"]), "medical_hours_limit": values["medical_hours_limit"],
        "planned_hours": text(values["planned_hours"]), "hourly_wage": text(values["hourly_wage"]),
        "start_date": _iso(values["start_date"]),
    }


def _money_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                error: AppError | None = None, form: dict | None = None,
                informed_on: str | None = None):
    overview = money_service.get_overview(session, actor, candidate.id)
    context: dict[str, Any] = {
        "inputs": overview.inputs, "version": overview.inputs.number if overview.inputs else 0,
        "form": form or _money_form(overview.inputs),
        "household_labels": HOUSEHOLD_LABELS, "benefit_labels": BENEFIT_LABELS,
        "informed_on": informed_on if informed_on is not None else _iso(
            overview.inputs.benefits_office_informed_on if overview.inputs else None)
        or datetime.now(DISPLAY_ZONE).date().isoformat(),
        "money_actions": [],
    }
    if overview.outcome is not None:
        context.update(result_context(overview.outcome, overview.hours))
        context["money_actions"] = [(a.code, action_text(a)) for a in overview.outcome.actions]
    return _page(request, candidate, "money", "money.html", context, error=error)


@router.get(FILE + "/money", name="office.file:money")
def money(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep):
    candidate = _open_file(session, actor, candidate_id)
    return _money_page(request, session, actor, candidate)


@router.post(FILE + "/money", name="office.file:money_save")
def money_save(candidate_id: RecordId, request: Request, actor: ConsultantActor,
               session: SessionDep, version: Annotated[int, Form()],
               household: Annotated[str, Form(max_length=TEXT)] = "",
               adults_in_home: Annotated[str, Form(max_length=TEXT)] = "1",
               children_ages: Annotated[str, Form(max_length=TEXT)] = "",
               benefit: Annotated[str, Form(max_length=TEXT)] = "",
               age: Annotated[str, Form(max_length=TEXT)] = "",
               partner_net_income: Annotated[str, Form(max_length=TEXT)] = "",
               volunteer_allowance: Annotated[str, Form(max_length=TEXT)] = "",
               rent: Annotated[str, Form(max_length=TEXT)] = "",
               medical_hours_limit: Annotated[str, Form(max_length=10)] = "",
               planned_hours: Annotated[str, Form(max_length=TEXT)] = "",
               hourly_wage: Annotated[str, Form(max_length=TEXT)] = "",
               start_date: Annotated[str, Form(max_length=TEXT)] = ""):
    candidate = _open_file(session, actor, candidate_id)
    ages = [_whole(part) for part in children_ages.replace(";", ",").split(",") if part.strip()]

    def save():
        current = money_service.current_inputs(session, candidate_id)
        payload = {
            "household": household,
            "adults_in_home": 1 if _whole(adults_in_home) is None else _whole(adults_in_home),
            "children_ages": ages, "benefit": benefit, "age": _whole(age),
            "partner_net_income": _amount(partner_net_income) or "0",
            "volunteer_allowance": _amount(volunteer_allowance) or "0",
            "rent": _amount(rent), "medical_hours_limit": medical_hours_limit == "1",
            "planned_hours": _amount(planned_hours), "hourly_wage": _amount(hourly_wage),
            "start_date": _blank(start_date),
            # Recorded with its own form; a save of the other details keeps it.
            "benefits_office_informed_on": current.benefits_office_informed_on
            if current else None,
        }
        money_service.save_inputs(session, actor, candidate_id,
                                  MoneyInputsIn.model_validate(payload), version)

    error = _attempt(session, save)
    if error:
        form = None if error.status_code == 412 else {
            "household": household, "adults_in_home": adults_in_home,
            "children_ages": children_ages, "benefit": benefit, "age": age,
            "partner_net_income": partner_net_income, "volunteer_allowance": volunteer_allowance,
            "rent": rent, "medical_hours_limit": medical_hours_limit == "1",
            "planned_hours": planned_hours, "hourly_wage": hourly_wage, "start_date": start_date}
        return _money_page(request, session, actor, candidate, error=error, form=form)
    return _done(request, "office.file:money", candidate_id, "inputs")


@router.post(FILE + "/money/benefits-office-informed", name="office.file:money_informed")
def money_informed(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                   session: SessionDep, version: Annotated[int, Form()],
                   informed_on: Annotated[str, Form(max_length=TEXT)] = ""):
    candidate = _open_file(session, actor, candidate_id)

    def record():
        try:
            day = date.fromisoformat(informed_on.strip())
        except ValueError:
            raise ValidationFailed(invalid_params=[field_error(
                "informed_on", _("Enter a date like 2026-03-01."), "date_parsing")]) from None
        money_service.record_benefits_office_informed(session, actor, candidate_id, day, version)

    error = _attempt(session, record)
    if error:
        return _money_page(request, session, actor, candidate, error=error,
                           informed_on=None if error.status_code == 412 else informed_on)
    return _done(request, "office.file:money", candidate_id, "informed")


@router.post(FILE + "/money/actions/step", name="office.file:money_action_step")
def money_action_step(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                      session: SessionDep, code: Annotated[str, Form(max_length=TEXT)] = ""):
    candidate = _open_file(session, actor, candidate_id)
    error = _attempt(session, lambda: changes.add_step(
        session, actor, candidate_id, StepCreate(from_money_action=code)))
    if error:
        return _money_page(request, session, actor, candidate, error=error)
    return _done(request, "office.file:money", candidate_id, "money_step")


# --- contact person, backup and absences ------------------------------------------------------


def _contact_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                  error: AppError | None = None, form: dict | None = None,
                  absence: dict | None = None):
    contact = contacts_service.contact_today(session, actor, candidate.id)
    # The version to send with a change (the JSON API reads it the same way for its ETag).
    assignment = session.scalar(select(ContactAssignment).where(
        ContactAssignment.candidate_id == candidate.id))
    staff, _total = list_staff(session, actor)
    current = {assignment.primary_id, assignment.backup_id} if assignment else set()
    consultants = [m for m in staff if m.person.role is Role.consultant
                   and (m.person.is_active or m.person.id in current)]
    return _page(request, candidate, "contact", "contact.html", {
        "contact": contact, "assignment": assignment, "consultants": consultants,
        "form": form or {
            "primary_id": str(assignment.primary_id) if assignment else "",
            "backup_id": str(assignment.backup_id or "") if assignment else "",
            "handover_note": assignment.handover_note if assignment else ""},
        "absences": contacts_service.list_absences(session, actor),
        "absence": absence or {"starts_on": "", "ends_on": "", "note": ""},
    }, error=error)


@router.get(FILE + "/contact", name="office.file:contact")
def contact(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep):
    candidate = _open_file(session, actor, candidate_id)
    return _contact_page(request, session, actor, candidate)


@router.post(FILE + "/contact", name="office.file:contact_save")
def contact_save(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                 session: SessionDep, version: Annotated[int, Form()],
                 primary_id: Annotated[str, Form(max_length=TEXT)] = "",
                 backup_id: Annotated[str, Form(max_length=TEXT)] = "",
                 handover_note: Annotated[str, Form(max_length=TEXT)] = ""):
    candidate = _open_file(session, actor, candidate_id)
    payload = {"primary_id": primary_id.strip(), "backup_id": _blank(backup_id),
               "handover_note": handover_note.strip()}
    error = _attempt(session, lambda: contacts_service.set_contacts(
        session, actor, candidate_id, ContactUpdate.model_validate(payload), version))
    if error:
        form = None if error.status_code == 412 else {
            "primary_id": primary_id, "backup_id": backup_id, "handover_note": handover_note}
        return _contact_page(request, session, actor, candidate, error=error, form=form)
    return _done(request, "office.file:contact", candidate_id, "contact")


@router.post(FILE + "/absences", name="office.file:absence_add")
def absence_add(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                session: SessionDep, starts_on: Annotated[str, Form(max_length=TEXT)] = "",
                ends_on: Annotated[str, Form(max_length=TEXT)] = "",
                note: Annotated[str, Form(max_length=TEXT)] = ""):
    candidate = _open_file(session, actor, candidate_id)
    payload = {"starts_on": starts_on.strip(), "ends_on": ends_on.strip(), "note": note.strip()}
    error = _attempt(session, lambda: contacts_service.add_absence(
        session, actor, AbsenceCreate.model_validate(payload)))
    if error:
        return _contact_page(request, session, actor, candidate, error=error,
                             absence={"starts_on": starts_on, "ends_on": ends_on, "note": note})
    return _done(request, "office.file:contact", candidate_id, "absence", "absences")


@router.post(FILE + "/absences/{absence_id:int}/remove", name="office.file:absence_remove")
def absence_remove(candidate_id: RecordId, absence_id: int, request: Request,
                   actor: ConsultantActor, session: SessionDep):
    _open_file(session, actor, candidate_id)
    contacts_service.remove_absence(session, actor, absence_id)
    return _done(request, "office.file:contact", candidate_id, "absence_removed", "absences")


# --- fallback guarantee -----------------------------------------------------------------------


GUARANTEE_FIELDS = ("provider_name", "provider_address", "indication_valid_until",
                    "income_consequences", "arranged_by", "free_text")


def _guarantee_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                    error: AppError | None = None, form: dict | None = None):
    versions = guarantees_service.list_versions(session, actor, candidate.id)
    current = versions[0] if versions else None
    if form is None:
        # A new version usually changes one thing: start from the one in force.
        form = {field: "" for field in GUARANTEE_FIELDS}
        if current is not None:
            form.update({field: getattr(current, field) for field in GUARANTEE_FIELDS})
            form["indication_valid_until"] = _iso(current.indication_valid_until)
        elif candidate.day_activity_provider:
            form["provider_name"] = candidate.day_activity_provider
    return _page(request, candidate, "guarantee", "guarantee.html", {
        "current": current, "earlier": versions[1:], "form": form,
    }, error=error)


@router.get(FILE + "/guarantee", name="office.file:guarantee")
def guarantee(candidate_id: RecordId, request: Request, actor: ConsultantActor,
              session: SessionDep):
    candidate = _open_file(session, actor, candidate_id)
    return _guarantee_page(request, session, actor, candidate)


@router.post(FILE + "/guarantee", name="office.file:guarantee_issue")
def guarantee_issue(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                    session: SessionDep,
                    provider_name: Annotated[str, Form(max_length=TEXT)] = "",
                    provider_address: Annotated[str, Form(max_length=TEXT)] = "",
                    indication_valid_until: Annotated[str, Form(max_length=TEXT)] = "",
                    income_consequences: Annotated[str, Form(max_length=TEXT)] = "",
                    arranged_by: Annotated[str, Form(max_length=TEXT)] = "",
                    free_text: Annotated[str, Form(max_length=TEXT)] = ""):
    candidate = _open_file(session, actor, candidate_id)
    form = {"provider_name": provider_name, "provider_address": provider_address,
            "indication_valid_until": indication_valid_until,
            "income_consequences": income_consequences, "arranged_by": arranged_by,
            "free_text": free_text}
    payload = {key: value.strip() for key, value in form.items()}
    payload["indication_valid_until"] = payload["indication_valid_until"] or None
    error = _attempt(session, lambda: guarantees_service.issue_guarantee(
        session, actor, candidate_id, GuaranteeCreate.model_validate(payload)))
    if error:
        return _guarantee_page(request, session, actor, candidate, error=error, form=form)
    return _done(request, "office.file:guarantee", candidate_id, "guarantee")


# --- network ----------------------------------------------------------------------------------


def _network_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                  error: AppError | None = None, form: dict | None = None, invited=None):
    grants = network_service.list_grants(session, actor, candidate.id)
    people = {candidate.id: candidate.display_name}
    for grant, _member in grants:
        for person_id in (grant.consent_by_id, grant.created_by_id):
            if person_id not in people:
                person = session.get(Person, person_id)
                people[person_id] = person.display_name if person else ""
    return _page(request, candidate, "network", "network.html", {
        "grants": grants, "people": people, "areas": list(Area),
        "consent_labels": CONSENT_LABELS,
        "consultant_methods": [ConsentMethod.in_person, ConsentMethod.in_writing],
        "form": form or {"display_name": "", "relation": "", "areas": [], "consent_method": ""},
        "invited": invited,
    }, error=error, status_code=201 if invited else None)


@router.get(FILE + "/network", name="office.file:network")
def network(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep):
    candidate = _open_file(session, actor, candidate_id)
    return _network_page(request, session, actor, candidate)


@router.post(FILE + "/network", name="office.file:network_invite")
def network_invite(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                   session: SessionDep, settings: SettingsDep,
                   display_name: Annotated[str, Form(max_length=TEXT)] = "",
                   relation: Annotated[str, Form(max_length=TEXT)] = "",
                   areas: Annotated[list[str] | None, Form()] = None,
                   consent_method: Annotated[str, Form(max_length=TEXT)] = ""):
    candidate = _open_file(session, actor, candidate_id)
    form = {"display_name": display_name, "relation": relation, "areas": areas or [],
            "consent_method": consent_method}
    result = {}

    def invite():
        # The consent record is required from a consultant; the service refuses without it.
        data = NetworkInviteCreate(display_name=display_name, relation=relation,
                                   areas=areas or [], consent_method=_blank(consent_method))
        result["grant"], result["member"], issued = network_service.invite_member(
            session, settings, actor, candidate_id, data)
        result["invite"] = invite_public(settings, issued)

    error = _attempt(session, invite)
    if error:
        return _network_page(request, session, actor, candidate, error=error, form=form)
    return _network_page(request, session, actor, candidate, invited=result)


@router.post(FILE + "/network/{grant_id:int}/areas", name="office.file:network_areas")
def network_areas(candidate_id: RecordId, grant_id: int, request: Request, actor: ConsultantActor,
                  session: SessionDep, version: Annotated[int, Form()],
                  areas: Annotated[list[str] | None, Form()] = None):
    candidate = _open_file(session, actor, candidate_id)
    error = _attempt(session, lambda: network_service.update_areas(
        session, actor, candidate_id, grant_id, NetworkGrantUpdate(areas=areas or []), version))
    if error:
        return _network_page(request, session, actor, candidate, error=error)
    return _done(request, "office.file:network", candidate_id, "areas", f"grant-{grant_id}")


@router.post(FILE + "/network/{grant_id:int}/revoke", name="office.file:network_revoke")
def network_revoke(candidate_id: RecordId, grant_id: int, request: Request, actor: ConsultantActor,
                   session: SessionDep):
    _open_file(session, actor, candidate_id)
    network_service.revoke(session, actor, candidate_id, grant_id)
    return _done(request, "office.file:network", candidate_id, "revoked", f"grant-{grant_id}")


# --- access log -------------------------------------------------------------------------------


@router.get(FILE + "/access-log", name="office.file:access_log")
def access_log(candidate_id: RecordId, request: Request, actor: ConsultantActor,
               session: SessionDep):
    candidate = _open_file(session, actor, candidate_id)
    get_candidate(session, actor, candidate_id, FileArea.access_log)
    return _page(request, candidate, "access_log", "access_log.html", {
        "groups": access_log_groups(session, candidate_id), "role_labels": ROLE_LABELS,
    })
