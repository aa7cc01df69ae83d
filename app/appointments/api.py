"""JSON endpoints for appointments, calendar files and the personal calendar feed."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Response, status

from app.access import open_file
from app.appointments import ics, service
from app.appointments.models import Appointment
from app.appointments.purposes import purpose_for_candidate
from app.appointments.schemas import (
    AppointmentCreate,
    AppointmentList,
    AppointmentPublic,
    AppointmentUpdate,
    AttendeePublic,
    CalendarFeedPublic,
    CannotComePublic,
)
from app.appointments.views import cannot_come_on, map_url
from app.concurrency import IfMatch, set_etag
from app.deps import CurrentActor, SessionDep, SettingsDep
from app.messages import service as messages_service
from app.messages.schemas import CannotCome, MessagePublic
from app.messages.views import message_public
from app.path_ids import RecordId
from app.route_table import APIRouter

router = APIRouter(tags=["appointments"])
ICS_TYPE = "text/calendar; charset=utf-8"


def appointment_public(appointment: Appointment, names: dict[int, str],
                       cannot_come: list[CannotComePublic] | None = None) -> AppointmentPublic:
    attendees = [
        AttendeePublic(
            person_id=a.get("person_id"),
            name=names.get(a["person_id"], "") if "person_id" in a else a.get("name", ""),
        )
        for a in appointment.attendees
    ]
    return AppointmentPublic(
        id=appointment.id, title=appointment.title, starts_at=appointment.starts_at,
        ends_at=appointment.ends_at, place_name=appointment.place_name,
        address=appointment.address, map_url=map_url(appointment), purpose=appointment.purpose,
        purpose_code=appointment.purpose_code,
        purpose_text=purpose_for_candidate(appointment.purpose_code),
        what_to_bring=appointment.what_to_bring, attendees=attendees,
        cancelled=appointment.cancelled_at is not None, version=appointment.version,
        cannot_come=cannot_come or [],
    )



@router.get("/candidates/{candidate_id}/appointments", name="api.appointments:list",
            response_model=AppointmentList)
def list_appointments(candidate_id: RecordId, actor: CurrentActor, session: SessionDep):
    """Upcoming (soonest first) and past (newest first) appointments."""
    file = open_file(session, actor, candidate_id)
    upcoming, past = service.list_appointments(session, file)
    names = service.attendee_names(session, upcoming + past)
    notes = cannot_come_on(session, file, upcoming + past)
    return AppointmentList(upcoming=[appointment_public(a, names, notes.get(a.id))
                                     for a in upcoming],
                           past=[appointment_public(a, names, notes.get(a.id)) for a in past])


@router.get("/candidates/{candidate_id}/appointments/{appointment_id}",
            name="api.appointments:read", response_model=AppointmentPublic)
def read_appointment(candidate_id: RecordId, appointment_id: RecordId, actor: CurrentActor,
                     session: SessionDep):
    """One appointment: when, where (with a map link), who, what to bring and why."""
    file = open_file(session, actor, candidate_id)
    appointment = service.get_appointment(session, file, appointment_id)
    return appointment_public(appointment, service.attendee_names(session, [appointment]),
                              cannot_come_on(session, file, [appointment]).get(appointment.id))


@router.get("/candidates/{candidate_id}/appointments/{appointment_id}/ics",
            name="api.appointments:ics", response_class=Response,
            responses={200: {"content": {"text/calendar": {}}}})
def appointment_ics(candidate_id: RecordId, appointment_id: RecordId, actor: CurrentActor,
                    session: SessionDep, settings: SettingsDep):
    """The appointment as a calendar file (.ics) to add to a phone's calendar."""
    file = open_file(session, actor, candidate_id)
    appointment = service.get_appointment(session, file, appointment_id)
    body = ics.calendar([appointment], urlsplit(settings.base_url).hostname or "stapwijzer",
                        "Stapwijzer", service.calendar_reminders(session, actor.person_id))
    return Response(body, media_type=ICS_TYPE, headers={
        "Content-Disposition": f'attachment; filename="afspraak-{appointment.id}.ics"'})


@router.post("/candidates/{candidate_id}/appointments/{appointment_id}/cannot-come",
             name="api.appointments:cannot_come", response_model=MessagePublic,
             status_code=status.HTTP_201_CREATED)
def cannot_come(candidate_id: RecordId, appointment_id: RecordId, body: CannotCome,
                actor: CurrentActor, session: SessionDep):
    """"I can't come": a message to the contact person (or the backup while away); the note
    says why and may not be empty."""
    message = messages_service.cannot_come(session, actor, candidate_id, appointment_id, body)
    return message_public(session, message)


@router.post("/candidates/{candidate_id}/calendar-feed", name="api.appointments:feed_create",
             response_model=CalendarFeedPublic, status_code=status.HTTP_201_CREATED)
def create_feed(candidate_id: RecordId, actor: CurrentActor, session: SessionDep,
                settings: SettingsDep):
    """A personal calendar address with all your appointments; an older one stops working."""
    token = service.create_calendar_feed(session, actor, candidate_id)
    return CalendarFeedPublic(url=f"{settings.base_url.rstrip('/')}/api/v1/calendar/{token}.ics")


@router.delete("/candidates/{candidate_id}/calendar-feed", name="api.appointments:feed_revoke",
               status_code=status.HTTP_204_NO_CONTENT)
def revoke_feed(candidate_id: RecordId, actor: CurrentActor, session: SessionDep) -> Response:
    """Stop the personal calendar address."""
    service.revoke_calendar_feeds(session, actor, candidate_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/calendar/{token}.ics", name="api.appointments:feed", response_class=Response,
            responses={200: {"content": {"text/calendar": {}}}})
def calendar_feed(token: str, session: SessionDep, settings: SettingsDep):
    """The feed itself: calendar apps fetch it without signing in; the address is the key."""
    appointments = service.appointments_for_feed(session, token)
    owner = appointments[0].candidate_id if appointments else None
    body = ics.calendar(appointments, urlsplit(settings.base_url).hostname or "stapwijzer",
                        "Stapwijzer", service.calendar_reminders(session, owner),
                        service.calendar_locale(session, owner))
    return Response(body, media_type=ICS_TYPE)


STALE = {412: {"description": "Stale version"}, 428: {"description": "If-Match missing"}}


@router.post("/candidates/{candidate_id}/appointments", name="api.appointments:create",
             response_model=AppointmentPublic, status_code=status.HTTP_201_CREATED)
def create_appointment(candidate_id: RecordId, body: AppointmentCreate, actor: CurrentActor,
                       session: SessionDep, response: Response):
    """Plan an appointment; the candidate sees it at once, with a notice in their messages."""
    appointment = service.create_appointment(session, actor, candidate_id, body)
    set_etag(response, appointment.version)
    return appointment_public(appointment, service.attendee_names(session, [appointment]))


@router.patch("/candidates/{candidate_id}/appointments/{appointment_id}",
              name="api.appointments:update", response_model=AppointmentPublic, responses=STALE)
def update_appointment(candidate_id: RecordId, appointment_id: RecordId, body: AppointmentUpdate,
                       actor: CurrentActor, session: SessionDep, response: Response,
                       if_match: IfMatch):
    """Change an appointment (send its version in If-Match); the candidate is told."""
    appointment = service.update_appointment(session, actor, candidate_id, appointment_id,
                                             body, if_match)
    set_etag(response, appointment.version)
    return appointment_public(appointment, service.attendee_names(session, [appointment]))


@router.post("/candidates/{candidate_id}/appointments/{appointment_id}/cancel",
             name="api.appointments:cancel", response_model=AppointmentPublic)
def cancel_appointment(candidate_id: RecordId, appointment_id: RecordId, actor: CurrentActor,
                       session: SessionDep):
    """Cancel an appointment; it stays in the list, marked as cancelled."""
    appointment = service.cancel_appointment(session, actor, candidate_id, appointment_id)
    return appointment_public(appointment, service.attendee_names(session, [appointment]))
