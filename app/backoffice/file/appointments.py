"""The appointments section of a candidate's file: plan, change and cancel appointments
(through `appointments.service`, with the schemas of the JSON API)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any

from fastapi import Form, Request
from sqlmodel import Session

from app.access import open_file
from app.appointments import service as appointments_service
from app.appointments.models import Appointment
from app.appointments.purposes import PURPOSE_LABELS
from app.appointments.schemas import AppointmentCreate, AppointmentUpdate
from app.appointments.views import cannot_come_on
from app.auth.actor import Actor
from app.backoffice.file.common import FILE, attempt, done, file_candidate, page
from app.backoffice.forms import FormModel, Text, whole
from app.clock import local_datetime, to_local
from app.deps import ConsultantActor, SessionDep
from app.errors import AppError, ValidationFailed, field_error
from app.i18n import gettext as _
from app.path_ids import RecordId
from app.people.models import Person
from app.route_table import APIRouter

router = APIRouter(include_in_schema=False)


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
    return local_datetime(parsed_day, parsed_time)


class AppointmentForm(FormModel):
    """The fields of an appointment, for a new one and for a change (which adds `version`)."""

    title: Text = ""
    day: Text = ""
    start: Text = ""
    end: Text = ""
    place_name: Text = ""
    address: Text = ""
    purpose: Text = ""
    purpose_code: Text = "other"
    what_to_bring: Text = ""
    attendee_ids: list[Text] = []
    others: Text = ""

    error_fields = {"starts_at": "start", "ends_at": "end", "attendees": "attendee_ids",
                    "body": "end"}

    @classmethod
    def explain(cls, param: dict[str, Any]) -> dict[str, Any]:
        # The schema's "ends after it starts" check has no field; say it in words.
        if param["name"] == "end" and param["code"] == "value_error":
            return {**param, "reason": _("The end must be after the start.")}
        return param

    @classmethod
    def of(cls, appointment: Appointment) -> AppointmentForm:
        starts = to_local(appointment.starts_at)
        ends = to_local(appointment.ends_at)
        return cls(
            title=appointment.title, day=starts.date().isoformat(),
            start=starts.strftime("%H:%M"), end=ends.strftime("%H:%M"),
            place_name=appointment.place_name, address=appointment.address,
            purpose=appointment.purpose, purpose_code=str(appointment.purpose_code),
            what_to_bring=appointment.what_to_bring,
            attendee_ids=[str(a["person_id"]) for a in appointment.attendees
                          if "person_id" in a],
            others="\n".join(a["name"] for a in appointment.attendees if "name" in a))

    def _data(self) -> dict[str, Any]:
        attendees: list[dict[str, Any]] = [{"person_id": whole(i)} for i in self.attendee_ids]
        attendees += [{"name": line.strip()} for line in self.others.splitlines() if line.strip()]
        return {"title": self.title.strip(), "starts_at": _moment(self.day, self.start, "start"),
                "ends_at": _moment(self.day, self.end, "end"),
                "place_name": self.place_name.strip(), "address": self.address.strip(),
                "purpose": self.purpose.strip(),
                "purpose_code": self.purpose_code.strip() or "other",
                "what_to_bring": self.what_to_bring.strip(),
                "attendees": attendees}

    def to_schema(self) -> AppointmentCreate:
        return AppointmentCreate.model_validate(self._data())


class AppointmentChangeForm(AppointmentForm):
    version: int

    def to_schema(self) -> AppointmentUpdate:  # type: ignore[override]
        return AppointmentUpdate.model_validate(self._data())


def _appointments_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                       error: AppError | None = None, form: AppointmentForm | None = None,
                       edit: tuple[int, AppointmentForm] | None = None):
    upcoming, past = appointments_service.list_appointments(
        session, open_file(session, actor, candidate.id))
    names = appointments_service.attendee_names(session, upcoming + past)
    forms = {a.id: AppointmentForm.of(a) for a in upcoming + past}
    if edit:
        forms[edit[0]] = edit[1]
    return page(request, candidate, "appointments", "appointments.html", {
        "upcoming": upcoming, "past": past, "names": names, "forms": forms,
        "open_edit": edit[0] if edit else None,
        "choices": appointments_service.attendee_choices(session, actor, candidate.id),
        "form": form or AppointmentForm(), "purposes": PURPOSE_LABELS,
        "cannot_come": cannot_come_on(session, open_file(session, actor, candidate.id),
                                      upcoming + past),
    }, error=error, failed=f"a{edit[0]}-" if edit else "new-")


@router.get(FILE + "/appointments", name="office.file:appointments")
def appointments(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                 session: SessionDep):
    candidate = file_candidate(session, actor, candidate_id)
    return _appointments_page(request, session, actor, candidate)


@router.post(FILE + "/appointments", name="office.file:appointment_create")
def appointment_create(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                       session: SessionDep, form: Annotated[AppointmentForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: appointments_service.create_appointment(
        session, actor, candidate_id, form.to_schema()), AppointmentForm)
    if error:
        return _appointments_page(request, session, actor, candidate, error=error, form=form)
    return done(request, "office.file:appointments", candidate_id, "appointment")


@router.post(FILE + "/appointments/{appointment_id:int}",
             name="office.file:appointment_update")
def appointment_update(candidate_id: RecordId, appointment_id: int, request: Request,
                       actor: ConsultantActor, session: SessionDep,
                       form: Annotated[AppointmentChangeForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: appointments_service.update_appointment(
        session, actor, candidate_id, appointment_id, form.to_schema(), form.version),
        AppointmentChangeForm)
    if error:
        # Invalid input stays in the form; after a stale version it shows what is stored.
        edit = None if error.status_code == 412 else (appointment_id, form)
        return _appointments_page(request, session, actor, candidate, error=error, edit=edit)
    return done(request, "office.file:appointments", candidate_id, "appointment",
                f"appointment-{appointment_id}")


@router.post(FILE + "/appointments/{appointment_id:int}/cancel",
             name="office.file:appointment_cancel")
def appointment_cancel(candidate_id: RecordId, appointment_id: int, request: Request,
                       actor: ConsultantActor, session: SessionDep):
    file_candidate(session, actor, candidate_id)
    appointments_service.cancel_appointment(session, actor, candidate_id, appointment_id)
    return done(request, "office.file:appointments", candidate_id, "cancelled",
                f"appointment-{appointment_id}")
