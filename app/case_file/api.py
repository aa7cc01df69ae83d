"""JSON endpoints of the case file: notes and contact moments, and the file's timeline."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Response, status
from sqlmodel import Session

from app.access import open_file
from app.auth.actor import Actor
from app.case_file import service, timeline
from app.case_file.models import CaseNote
from app.case_file.schemas import (
    CaseNoteCreate,
    CaseNotePublic,
    CaseNoteUpdate,
    TimelineEntryPublic,
)
from app.concurrency import IfMatch, set_etag
from app.deps import CurrentActor, SessionDep
from app.pagination import Page, PageParams, page_params
from app.path_ids import RecordId
from app.route_table import APIRouter

router = APIRouter(tags=["case file"])
STALE = {412: {"description": "Stale version"}, 428: {"description": "If-Match missing"},
         409: {"description": "Not yours, or older than a day"}}


def note_public(session: Session, actor: Actor, note: CaseNote,
                names: dict[int, str] | None = None) -> CaseNotePublic:
    names = names if names is not None else service.author_names(session, [note])
    return CaseNotePublic(
        id=note.id, kind=note.kind, with_whom=note.with_whom, with_role=note.with_role,
        happened_at=note.happened_at, body=note.body, purpose_code=note.purpose_code,
        author_id=note.author_id, author_name=names.get(note.author_id, ""),
        created_at=note.created_at, updated_at=note.updated_at,
        editable=service.may_edit(actor, note), version=note.version)


@router.get("/candidates/{candidate_id}/case-notes", name="api.case_notes:list",
            response_model=Page[CaseNotePublic])
def list_case_notes(candidate_id: RecordId, actor: CurrentActor, session: SessionDep,
                    page: Annotated[PageParams, Depends(page_params)]):
    """The internal notes and contact moments, newest first. Only the candidate's own
    consultants see them; never the candidate, the network or an admin."""
    notes, total = service.list_case_notes(session, open_file(session, actor, candidate_id),
                                           limit=page.limit, offset=page.offset)
    names = service.author_names(session, notes)
    return Page[CaseNotePublic](items=[note_public(session, actor, n, names) for n in notes],
                                total=total, limit=page.limit, offset=page.offset)


@router.post("/candidates/{candidate_id}/case-notes", name="api.case_notes:create",
             response_model=CaseNotePublic, status_code=status.HTTP_201_CREATED)
def create_case_note(candidate_id: RecordId, body: CaseNoteCreate, actor: CurrentActor,
                     session: SessionDep, response: Response):
    """Write a note or log a contact moment (phone, visit, e-mail, message) that has
    happened; with a purpose, an aftercare visit or a progress talk counts as held."""
    note = service.create_case_note(session, actor, candidate_id, body)
    set_etag(response, note.version)
    return note_public(session, actor, note)


@router.patch("/candidates/{candidate_id}/case-notes/{note_id}", name="api.case_notes:update",
              response_model=CaseNotePublic, responses=STALE)
def update_case_note(candidate_id: RecordId, note_id: RecordId, body: CaseNoteUpdate,
                     actor: CurrentActor, session: SessionDep, response: Response,
                     if_match: IfMatch):
    """Correct your own note within a day of writing it (send its version in If-Match)."""
    note = service.update_case_note(session, actor, candidate_id, note_id, body,
                                    if_match)
    set_etag(response, note.version)
    return note_public(session, actor, note)


@router.get("/candidates/{candidate_id}/timeline", name="api.timeline:list",
            response_model=Page[TimelineEntryPublic])
def read_timeline(candidate_id: RecordId, actor: CurrentActor, session: SessionDep,
                  page: Annotated[PageParams, Depends(page_params)]):
    """The file's timeline for the candidate's consultants, newest first: steps, appointments,
    messages, notes and contact moments, guarantee versions, way-back events."""
    entries, total = timeline.timeline(session, open_file(session, actor, candidate_id),
                                       limit=page.limit, offset=page.offset)
    return Page[TimelineEntryPublic](
        items=[TimelineEntryPublic(at=e.at, all_day=e.all_day, kind=e.kind, area=str(e.area),
                                   title=e.title, detail=e.detail, ref_id=e.ref_id)
               for e in entries],
        total=total, limit=page.limit, offset=page.offset)
