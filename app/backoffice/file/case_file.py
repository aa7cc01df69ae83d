"""The case file section of a candidate's file: the consultant's internal notes and contact
moments (through `case_file.service`, with the schemas of the JSON API), and the timeline."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Form, Query, Request
from sqlmodel import Session

from app.access import open_file
from app.appointments.purposes import PURPOSE_LABELS
from app.auth.actor import Actor
from app.backoffice.file.appointments import _moment
from app.backoffice.file.common import FILE, attempt, done, file_candidate, page
from app.backoffice.forms import FormModel, Text, blank
from app.case_file import service as case_file_service
from app.case_file import timeline as timeline_service
from app.case_file.labels import CONTACT_ROLE_LABELS, NOTE_KIND_LABELS
from app.case_file.models import CaseNote
from app.case_file.schemas import CaseNoteCreate, CaseNoteUpdate
from app.clock import local_now, to_local
from app.deps import ConsultantActor, SessionDep
from app.errors import AppError
from app.path_ids import RecordId
from app.people.models import Person
from app.route_table import APIRouter

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 30


class CaseNoteForm(FormModel):
    """A note or contact moment as typed: a date and a time in Dutch local time."""

    kind: Text = "phone"
    with_whom: Text = ""
    with_role: Text = ""
    day: Text = ""
    at: Text = ""
    body: Text = ""
    purpose_code: Text = "other"

    error_fields = {"happened_at": "day"}

    @classmethod
    def now(cls) -> CaseNoteForm:
        moment = local_now()
        return cls(day=moment.date().isoformat(), at=moment.strftime("%H:%M"))

    @classmethod
    def of(cls, note: CaseNote) -> CaseNoteForm:
        moment = to_local(note.happened_at)
        return cls(kind=str(note.kind), with_whom=note.with_whom,
                   with_role=str(note.with_role or ""), day=moment.date().isoformat(),
                   at=moment.strftime("%H:%M"), body=note.body,
                   purpose_code=str(note.purpose_code))

    def _data(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "with_whom": self.with_whom.strip(),
            "with_role": blank(self.with_role), "body": self.body,
            "purpose_code": blank(self.purpose_code) or "other",
            "happened_at": _moment(self.day, self.at or "12:00", "at"),
        }

    def to_schema(self) -> CaseNoteCreate:
        return CaseNoteCreate.model_validate(self._data())


class CaseNoteChangeForm(CaseNoteForm):
    """A correction of one's own note (within a day), with the version it changes."""

    version: int

    def to_schema(self) -> CaseNoteUpdate:  # type: ignore[override]
        return CaseNoteUpdate.model_validate(self._data())


def _case_file_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                    error: AppError | None = None, form: CaseNoteForm | None = None,
                    offset: int = 0, edit: tuple[int, CaseNoteForm] | None = None):
    notes, total = case_file_service.list_case_notes(
        session, open_file(session, actor, candidate.id), limit=PAGE_SIZE, offset=offset)
    # The author's own notes of the last day can still be corrected.
    editable = {n.id: CaseNoteForm.of(n) for n in notes if case_file_service.may_edit(actor, n)}
    if edit and edit[0] in editable:
        editable[edit[0]] = edit[1]
    return page(request, candidate, "case_file", "case_file.html", {
        "notes": notes, "total": total, "offset": offset, "page_size": PAGE_SIZE,
        "editable": editable, "open_edit": edit[0] if edit else None,
        "authors": case_file_service.author_names(session, notes),
        "form": form or CaseNoteForm.now(), "kinds": NOTE_KIND_LABELS,
        "roles": CONTACT_ROLE_LABELS, "purposes": PURPOSE_LABELS,
    }, error=error, failed=f"n{edit[0]}-" if edit else "note-")


@router.get(FILE + "/case-file", name="office.file:case_file")
def case_file(candidate_id: RecordId, request: Request, actor: ConsultantActor,
              session: SessionDep,
              offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0):
    candidate = file_candidate(session, actor, candidate_id)
    return _case_file_page(request, session, actor, candidate, offset=offset)


@router.post(FILE + "/case-file", name="office.file:case_note_create")
def case_note_create(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                     session: SessionDep, form: Annotated[CaseNoteForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: case_file_service.create_case_note(
        session, actor, candidate_id, form.to_schema()), CaseNoteForm)
    if error:
        return _case_file_page(request, session, actor, candidate, error=error, form=form)
    return done(request, "office.file:case_file", candidate_id, "case_note")


@router.post(FILE + "/case-file/{note_id:int}", name="office.file:case_note_update")
def case_note_update(candidate_id: RecordId, note_id: int, request: Request,
                     actor: ConsultantActor, session: SessionDep,
                     form: Annotated[CaseNoteChangeForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: case_file_service.update_case_note(
        session, actor, candidate_id, note_id, form.to_schema(), form.version),
        CaseNoteChangeForm)
    if error:
        # Invalid input stays in the form; after a stale version it shows what is stored.
        edit = None if error.status_code == 412 else (note_id, form)
        return _case_file_page(request, session, actor, candidate, error=error, edit=edit)
    return done(request, "office.file:case_file", candidate_id, "case_note", f"note-{note_id}")


@router.get(FILE + "/timeline", name="office.file:timeline")
def timeline(candidate_id: RecordId, request: Request, actor: ConsultantActor,
             session: SessionDep, offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0):
    candidate = file_candidate(session, actor, candidate_id)
    entries, total = timeline_service.timeline(
        session, open_file(session, actor, candidate_id), limit=PAGE_SIZE, offset=offset)
    return page(request, candidate, "timeline", "timeline.html", {
        "entries": entries, "total": total, "offset": offset, "page_size": PAGE_SIZE})
