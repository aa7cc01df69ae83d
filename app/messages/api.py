"""JSON endpoints for messages: read updates, ask the contact person a question."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, status

from app.access import open_file
from app.deps import CurrentActor, SessionDep
from app.messages import service
from app.messages.schemas import AnswerCreate, MessagePublic, QuestionCreate, UpdateCreate
from app.messages.views import conversation_public, message_public
from app.pagination import PageParams, page_params
from app.path_ids import RecordId
from app.route_table import APIRouter

router = APIRouter(tags=["messages"])


@router.get("/candidates/{candidate_id}/messages", name="api.messages:list",
            response_model=list[MessagePublic])
def list_messages(candidate_id: RecordId, actor: CurrentActor, session: SessionDep,
                  page: Annotated[PageParams, Depends(page_params)]):
    """Updates and questions, newest first, each question with its answers under it
    (network members: their own questions only)."""
    file = open_file(session, actor, candidate_id)
    return conversation_public(session, file, service.list_messages(
        session, file, limit=page.limit, offset=page.offset))


@router.post("/candidates/{candidate_id}/messages", name="api.messages:ask",
             response_model=MessagePublic, status_code=status.HTTP_201_CREATED)
def ask_question(candidate_id: RecordId, body: QuestionCreate, actor: CurrentActor,
                 session: SessionDep):
    """Ask the contact person a question (the backup answers while the contact is away)."""
    return message_public(session, service.ask_question(session, actor, candidate_id, body))


@router.post("/candidates/{candidate_id}/messages/{message_id}/read",
             name="api.messages:mark_read", response_model=MessagePublic)
def mark_read(candidate_id: RecordId, message_id: RecordId, actor: CurrentActor,
              session: SessionDep):
    """Mark an update as read."""
    return message_public(session, service.mark_read(session, actor, candidate_id, message_id))


@router.post("/candidates/{candidate_id}/updates", name="api.messages:post_update",
             response_model=MessagePublic, status_code=status.HTTP_201_CREATED)
def post_update(candidate_id: RecordId, body: UpdateCreate, actor: CurrentActor,
                session: SessionDep):
    """Post a plain-language update for the candidate (and the network), optionally with a
    pictogram."""
    return message_public(session, service.post_update(session, actor, candidate_id, body))


@router.post("/candidates/{candidate_id}/messages/{message_id}/answer",
             name="api.messages:answer", response_model=MessagePublic,
             status_code=status.HTTP_201_CREATED)
def answer(candidate_id: RecordId, message_id: RecordId, body: AnswerCreate, actor: CurrentActor,
           session: SessionDep):
    """Answer a question of the candidate or the network, in its thread."""
    return message_public(session, service.answer_question(session, actor, candidate_id,
                                                           message_id, body))
