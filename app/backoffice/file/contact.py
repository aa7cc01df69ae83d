"""The contact section of a candidate's file: contact person and backup, and the consultant's
own absences (through `contacts.service`, with the schemas of the JSON API)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from sqlalchemy import select
from sqlmodel import Session

from app.access import open_file
from app.auth.actor import Actor
from app.backoffice.file.common import FILE, attempt, done, file_candidate, page
from app.backoffice.forms import FormModel, Text, blank
from app.contacts import service as contacts_service
from app.contacts.models import ContactAssignment
from app.contacts.schemas import AbsenceCreate, ContactUpdate
from app.deps import ConsultantActor, SessionDep
from app.errors import AppError
from app.path_ids import RecordId
from app.people.models import Person, Role
from app.people.service import list_staff
from app.route_table import APIRouter

router = APIRouter(include_in_schema=False)


class ContactForm(FormModel):
    version: int
    primary_id: Text = ""
    backup_id: Text = ""
    handover_note: Text = ""

    @classmethod
    def of(cls, assignment: ContactAssignment | None) -> ContactForm:
        if assignment is None:
            return cls(version=0)
        return cls(version=assignment.version, primary_id=str(assignment.primary_id),
                   backup_id=str(assignment.backup_id or ""),
                   handover_note=assignment.handover_note)

    def to_schema(self) -> ContactUpdate:
        return ContactUpdate.model_validate({
            "primary_id": self.primary_id.strip(), "backup_id": blank(self.backup_id),
            "handover_note": self.handover_note.strip()})


class AbsenceForm(FormModel):
    starts_on: Text = ""
    ends_on: Text = ""
    note: Text = ""

    def to_schema(self) -> AbsenceCreate:
        return AbsenceCreate.model_validate({
            "starts_on": self.starts_on.strip(), "ends_on": self.ends_on.strip(),
            "note": self.note.strip()})


def _contact_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                  error: AppError | None = None, failed: str | None = None,
                  form: ContactForm | None = None, absence: AbsenceForm | None = None):
    contact = contacts_service.contact_today(session, open_file(session, actor, candidate.id))
    # The version to send with a change (the JSON API reads it the same way for its ETag).
    assignment = session.scalar(select(ContactAssignment).where(
        ContactAssignment.candidate_id == candidate.id))
    staff, _total = list_staff(session, actor)
    current = {assignment.primary_id, assignment.backup_id} if assignment else set()
    consultants = [m for m in staff if m.person.role is Role.consultant
                   and (m.person.is_active or m.person.id in current)]
    return page(request, candidate, "contact", "contact.html", {
        "contact": contact, "assignment": assignment, "consultants": consultants,
        "form": form or ContactForm.of(assignment),
        "absences": contacts_service.list_absences(session, actor),
        "absence": absence or AbsenceForm(),
    }, error=error, failed=failed)


@router.get(FILE + "/contact", name="office.file:contact")
def contact(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep):
    candidate = file_candidate(session, actor, candidate_id)
    return _contact_page(request, session, actor, candidate)


@router.post(FILE + "/contact", name="office.file:contact_save")
def contact_save(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                 session: SessionDep, form: Annotated[ContactForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: contacts_service.set_contacts(
        session, actor, candidate_id, form.to_schema(), form.version), ContactForm)
    if error:
        # Invalid input stays in the form; after a stale version it shows what is stored.
        return _contact_page(request, session, actor, candidate, error=error, failed="contact",
                             form=None if error.status_code == 412 else form)
    return done(request, "office.file:contact", candidate_id, "contact")


@router.post(FILE + "/absences", name="office.file:absence_add")
def absence_add(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                session: SessionDep, form: Annotated[AbsenceForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: contacts_service.add_absence(
        session, actor, form.to_schema()), AbsenceForm)
    if error:
        return _contact_page(request, session, actor, candidate, error=error, failed="absence",
                             absence=form)
    return done(request, "office.file:contact", candidate_id, "absence", "absences")


@router.post(FILE + "/absences/{absence_id:int}/remove", name="office.file:absence_remove")
def absence_remove(candidate_id: RecordId, absence_id: int, request: Request,
                   actor: ConsultantActor, session: SessionDep):
    file_candidate(session, actor, candidate_id)
    contacts_service.remove_absence(session, actor, absence_id)
    return done(request, "office.file:contact", candidate_id, "absence_removed", "absences")
