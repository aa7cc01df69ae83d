"""Pages: appointments (Afspraken), one appointment, and "I can't come"."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from app.access import FileArea
from app.appointments import service
from app.appointments.api import map_url
from app.candidates.page_context import file_view
from app.deps import CurrentActor, SessionDep
from app.messages import service as messages_service
from app.path_ids import RecordId
from app.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/c/{candidate_id}/appointments", name="appointments:list")
def appointments(candidate_id: RecordId, request: Request, actor: CurrentActor,
                 session: SessionDep):
    view = file_view(session, actor, candidate_id, FileArea.appointments)
    upcoming, past = service.list_appointments(session, view.file)
    return render(request, "appointments/list.html",
                  {"view": view, "upcoming": upcoming, "past": past})


@router.get("/c/{candidate_id}/appointments/{appointment_id}", name="appointments:detail")
def appointment(candidate_id: RecordId, appointment_id: RecordId, request: Request,
                actor: CurrentActor, session: SessionDep):
    view = file_view(session, actor, candidate_id, FileArea.appointments)
    item = service.get_appointment(session, view.file, appointment_id)
    names = service.attendee_names(session, [item])
    attendees = [names.get(a["person_id"], "") if "person_id" in a else a.get("name", "")
                 for a in item.attendees]
    return render(request, "appointments/detail.html", {
        "view": view, "appointment": item, "attendees": attendees, "map_url": map_url(item),
        "sent": request.query_params.get("sent") == "1",
    })


@router.post("/c/{candidate_id}/appointments/{appointment_id}/cannot-come",
             name="appointments:cannot_come")
def cannot_come(candidate_id: RecordId, appointment_id: RecordId, actor: CurrentActor,
                session: SessionDep, note: Annotated[str, Form(max_length=2000)] = ""):
    messages_service.ask_question(session, actor, candidate_id, note.strip(),
                                  about_appointment_id=appointment_id)
    return RedirectResponse(f"/c/{candidate_id}/appointments/{appointment_id}?sent=1",
                            status_code=303)
