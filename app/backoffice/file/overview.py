"""The overview of a candidate's file: route, step, contact, warnings, and enrolling the phone."""

from __future__ import annotations

from fastapi import Request
from sqlmodel import Session

from app.access import FileArea, open_file
from app.appointments import service as appointments_service
from app.auth.actor import Actor
from app.auth.links import invite_public
from app.backoffice.file.common import FILE, JOURNEY_STATUS_LABELS, file_candidate, page
from app.candidates.service import invite_candidate_device
from app.caseload.service import list_caseload
from app.contacts import service as contacts_service
from app.deps import ConsultantActor, SessionDep, SettingsDep
from app.errors import AppError
from app.messages import service as messages_service
from app.path_ids import RecordId
from app.people.models import Person
from app.route_table import APIRouter

router = APIRouter(include_in_schema=False)


def _overview_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                   invite=None, error: AppError | None = None):
    # The search narrows the caseload to this name, so only this read is logged.
    rows = list_caseload(session, actor, search=candidate.display_name)
    row = next((r for r in rows if r.candidate.id == candidate.id), None)
    file = open_file(session, actor, candidate.id)
    file.require(FileArea.steps)  # the row shows the journey and the step now
    contact = contacts_service.contact_today(session, file)
    upcoming, _past = appointments_service.list_appointments(session, file)
    next_appointment = next((a for a in upcoming if a.cancelled_at is None), None)
    return page(request, candidate, "overview", "overview.html", {
        "row": row, "contact": contact, "next_appointment": next_appointment,
        "invite": invite, "status_labels": JOURNEY_STATUS_LABELS,
        "open_questions": len(messages_service.open_questions(session, file)),
    }, error=error, status_code=201 if invite else None)


@router.get(FILE, name="office.file:overview")
def overview(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep):
    candidate = file_candidate(session, actor, candidate_id)
    return _overview_page(request, session, actor, candidate)


@router.post(FILE + "/device-invite", name="office.file:invite_device")
def invite_device(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                  session: SessionDep, settings: SettingsDep):
    candidate = file_candidate(session, actor, candidate_id)
    issued = invite_candidate_device(session, settings, actor, candidate_id)
    return _overview_page(request, session, actor, candidate,
                          invite=invite_public(settings, issued))
