"""What every section of the candidate file shares: its address, its menu, opening the file,
running a write and showing the page again with the refusal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from sqlmodel import Session

from app.access import FileArea, open_file
from app.auth.actor import Actor
from app.backoffice.forms import FormModel, invalid_marker, refusal
from app.deps import settle_after_error
from app.errors import AppError, NotFound
from app.i18n import lazy_gettext as _l
from app.journeys.models import JourneyStatus
from app.people.models import Person, Role
from app.templating import render

# `:int` keeps /office/candidates/new (another page) out of these routes.
FILE = "/office/candidates/{candidate_id:int}"


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
    Section("records", _l("Records"), "office.file:records", "contract"),
    Section("contact", _l("Contact person"), "office.file:contact", "phone"),
    Section("guarantee", _l("Guarantee"), "office.file:guarantee", "guarantee"),
    Section("way_back", _l("Way back"), "office.file:way_back", "way-back"),
    Section("network", _l("Network"), "office.file:network", "network"),
    Section("access_log", _l("Access log"), "office.file:access_log", "eye"),
    Section("case_file", _l("Case file"), "office.file:case_file", "edit"),
    Section("timeline", _l("Timeline"), "office.file:timeline", "clock"),
    Section("concerns", _l("Employer concerns"), "office.file:concerns", "warning"),
    Section("workplace", _l("Workplace"), "office.file:workplace", "place"),
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
    "record": _l("The record has been saved. Earlier versions stay."),
    "areas": _l("What this person may see has been saved."),
    "revoked": _l("This person no longer has access."),
    "case_note": _l("Saved in the case file. The candidate and the network do not see it."),
    "concern_handled": _l("The concern is marked as handled."),
    "placement": _l("The placement has been saved, with the usual dates of the organisation."),
    "consent": _l("The consent has been recorded."),
    "consent_withdrawn": _l("The consent has been withdrawn. The employer no longer sees the "
                            "placement."),
    "milestone": _l("The milestone has been saved."),
    "milestone_done": _l("The milestone has been marked as done."),
    "placement_ended": _l("The placement has ended."),
}

JOURNEY_STATUS_LABELS = {
    JourneyStatus.active: _l("Running"), JourneyStatus.paused: _l("Paused"),
    JourneyStatus.returned: _l("Ended: back to day activities"),
    JourneyStatus.stopped: _l("Ended: another placement"),
    JourneyStatus.completed: _l("Completed"),
}


def file_candidate(session: Session, actor: Actor, candidate_id: int) -> Person:
    """The candidate, for one of their own consultants; NotFound for anyone else."""
    candidate = open_file(session, actor, candidate_id).require(FileArea.profile).candidate
    if not actor.is_staff or actor.role is not Role.consultant:
        raise NotFound()
    return candidate


def attempt(session: Session, action: Callable[[], Any],
            form: type[FormModel] | None = None) -> AppError | None:
    """Run one write; a refusal comes back as the error to show, its field errors named after
    the form's fields (404 is raised as a page). Nothing of a refused write is kept."""
    try:
        action()
    except (ValidationError, AppError) as raised:
        if isinstance(raised, AppError) and raised.status_code == 404:
            raise
        error = refusal(raised, form)
        settle_after_error(session, error)
        return error
    return None


def page(request: Request, candidate: Person, section: str, template: str,
         context: dict[str, Any], *, error: AppError | None = None, failed: str | None = None,
         status_code: int | None = None):
    """One section of the file. `failed` names the form whose fields `error` marks."""
    # The new-candidate form of the caseload sends the consultant here with ?new=1.
    saved_key = "created" if request.query_params.get("new") == "1" else request.query_params.get(
        "saved", "")
    saved = SAVED.get(saved_key)
    return render(request, f"backoffice/file/{template}", {
        "candidate": candidate, "section": SECTION[section], "sections": SECTIONS,
        "saved_text": saved if error is None else None, "error": error,
        "invalid": invalid_marker(error, failed), **context,
    }, status_code=status_code or (error.status_code if error else 200))


def done(request: Request, route: str, candidate_id: int, saved: str,
         anchor: str = "") -> RedirectResponse:
    url = request.app.url_path_for(route, candidate_id=candidate_id)
    return RedirectResponse(f"{url}?saved={saved}{'#' + anchor if anchor else ''}",
                            status_code=303)


def iso(value) -> str:
    return value.isoformat() if value else ""
