"""Pages: appointments (Afspraken), one appointment, and "I can't come"."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse

from app.access import FileArea
from app.appointments import service
from app.appointments.purposes import purpose_for_candidate
from app.appointments.views import cannot_come_on, map_url
from app.candidate_home.navigation import file_view
from app.contacts.service import stand_ins
from app.deps import CurrentActor, SessionDep, settle_after_error
from app.errors import AppError, ValidationFailed
from app.messages import service as messages_service
from app.messages.schemas import CannotCome
from app.path_ids import RecordId
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/c/{candidate_id}/appointments", name="appointments:list")
def appointments(candidate_id: RecordId, request: Request, actor: CurrentActor,
                 session: SessionDep):
    view = file_view(session, actor, candidate_id, FileArea.appointments)
    upcoming, past = service.list_appointments(session, view.file)
    return render(request, "appointments/list.html",
                  {"view": view, "upcoming": upcoming, "past": past,
                   "stand_ins": stand_ins(session, view.file, upcoming),
                   "purpose_text": purpose_for_candidate})


def _detail_page(request: Request, session, actor, candidate_id: int, appointment_id: int, *,
                 error: AppError | None = None, note: str = ""):
    view = file_view(session, actor, candidate_id, FileArea.appointments)
    item = service.get_appointment(session, view.file, appointment_id)
    names = service.attendee_names(session, [item])
    attendees = [names.get(a["person_id"], "") if "person_id" in a else a.get("name", "")
                 for a in item.attendees]
    return render(request, "appointments/detail.html", {
        "view": view, "appointment": item,
        "cannot_come": cannot_come_on(session, view.file, [item]).get(item.id, []),
        "attendees": attendees, "map_url": map_url(item),
        "stand_in": stand_ins(session, view.file, [item]).get(item.id),
        "purpose_text": purpose_for_candidate(item.purpose_code),
        "sent": request.query_params.get("sent") == "1" and error is None, "error": error,
        "note_invalid": error is not None and any(
            p["name"] == "note" for p in error.invalid_params), "note": note,
    }, status_code=error.status_code if error else 200)


@router.get("/c/{candidate_id}/appointments/{appointment_id}", name="appointments:detail")
def appointment(candidate_id: RecordId, appointment_id: RecordId, request: Request,
                actor: CurrentActor, session: SessionDep):
    return _detail_page(request, session, actor, candidate_id, appointment_id)


@router.post("/c/{candidate_id}/appointments/{appointment_id}/cannot-come",
             name="appointments:cannot_come")
def cannot_come(candidate_id: RecordId, appointment_id: RecordId, request: Request,
                actor: CurrentActor, session: SessionDep,
                note: Annotated[str, Form(max_length=2000)] = ""):
    try:
        messages_service.cannot_come(session, actor, candidate_id, appointment_id,
                                     CannotCome(note=note))
    except ValidationFailed as error:
        settle_after_error(session, error)
        return _detail_page(request, session, actor, candidate_id, appointment_id, error=error,
                            note=note)
    return RedirectResponse(f"/c/{candidate_id}/appointments/{appointment_id}?sent=1",
                            status_code=303)
