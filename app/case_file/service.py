"""Case file services: the consultant's internal notes and contact moments.

Only the candidate's own consultants (contact person and backup) read or write them
(`FileArea.case_file` in access/policies.py); every read is logged through the file handle.
A case file keeps what was written: the author may correct a note within a day, nobody deletes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from app.access import CandidateFile, FileArea, open_file
from app.auth.actor import Actor
from app.case_file.errors import CaseNoteLocked
from app.case_file.models import CaseNote
from app.case_file.schemas import CaseNoteCreate, CaseNoteUpdate
from app.concurrency import check_version
from app.db import utcnow
from app.errors import NotFound, ValidationFailed, field_error
from app.i18n import gettext as _
from app.people.models import Person

# How long the author may correct a note after writing it.
EDIT_WINDOW = timedelta(days=1)
# A phone clock a little ahead is not "the future".
CLOCK_SLACK = timedelta(minutes=5)


def list_case_notes(session: Session, file: CandidateFile, *, limit: int = 50,
                    offset: int = 0) -> tuple[list[CaseNote], int]:
    """The notes and contact moments, newest first, and how many there are. Raises NotFound
    unless the actor is one of the candidate's consultants."""
    file.require(FileArea.case_file)
    where = CaseNote.candidate_id == file.candidate_id
    total = session.scalar(select(func.count()).select_from(CaseNote).where(where)) or 0
    notes = list(session.scalars(select(CaseNote).where(where).order_by(
        CaseNote.happened_at.desc(), CaseNote.id.desc()).offset(offset).limit(limit)))
    return notes, total


def get_case_note(session: Session, file: CandidateFile, note_id: int) -> CaseNote:
    """One note of this candidate. Raises NotFound."""
    file.require(FileArea.case_file)
    note = session.get(CaseNote, note_id)
    if note is None or note.candidate_id != file.candidate_id:
        raise NotFound()
    return note


def author_names(session: Session, notes: list[CaseNote]) -> dict[int, str]:
    """The authors' names for all given notes, in one query."""
    ids = {n.author_id for n in notes}
    if not ids:
        return {}
    return dict(session.execute(
        select(Person.id, Person.display_name).where(Person.id.in_(ids))).all())


def may_edit(actor: Actor, note: CaseNote, now: datetime | None = None) -> bool:
    """The author, within a day of writing it."""
    return (note.author_id == actor.person_id
            and (now or utcnow()) - note.created_at <= EDIT_WINDOW)


def _writable_file(session: Session, actor: Actor, candidate_id: int) -> CandidateFile:
    file = open_file(session, actor, candidate_id).require(FileArea.case_file)
    if not actor.is_staff or not file.may_change(FileArea.case_file):
        raise NotFound()
    return file


def _check_not_future(happened_at: datetime) -> None:
    if happened_at > utcnow() + CLOCK_SLACK:
        raise ValidationFailed(invalid_params=[field_error(
            "happened_at", _("This cannot be in the future. Plan an appointment instead."),
            "in_future")])


def create_case_note(session: Session, actor: Actor, candidate_id: int,
                     data: CaseNoteCreate) -> CaseNote:
    """Write a note or a contact moment in the candidate's case file (never shown to the
    candidate or the network). Raises NotFound or ValidationFailed (a moment in the future)."""
    _writable_file(session, actor, candidate_id)
    _check_not_future(data.happened_at)
    note = CaseNote(candidate_id=candidate_id, author_id=actor.person_id, kind=data.kind,
                    with_whom=data.with_whom.strip(), with_role=data.with_role,
                    happened_at=data.happened_at, body=data.body,
                    purpose_code=data.purpose_code)
    session.add(note)
    session.flush()
    return note


def update_case_note(session: Session, actor: Actor, candidate_id: int, note_id: int,
                     data: CaseNoteUpdate, expected_version: int) -> CaseNote:
    """Correct one's own note within a day of writing it. Raises NotFound, CaseNoteLocked,
    StaleVersion or ValidationFailed."""
    file = _writable_file(session, actor, candidate_id)
    note = get_case_note(session, file, note_id)
    if not may_edit(actor, note):
        raise CaseNoteLocked()
    check_version(note.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("happened_at") is not None:
        _check_not_future(changes["happened_at"])
    for field, value in changes.items():
        if value is None and field != "with_role":
            continue
        setattr(note, field, value.strip() if field == "with_whom" else value)
    note.updated_at = utcnow()
    session.flush()
    return note
