"""The messages section of a candidate's file: send an update, answer a question (through
`messages.service`, with the schemas of the JSON API)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from sqlmodel import Session

from app.access import open_file
from app.auth.actor import Actor
from app.backoffice.file.common import FILE, attempt, done, file_candidate, page
from app.backoffice.forms import FormModel, Text, blank
from app.deps import ConsultantActor, SessionDep
from app.errors import AppError
from app.messages import service as messages_service
from app.messages.schemas import AnswerCreate, UpdateCreate
from app.messages.views import messages_public
from app.path_ids import RecordId
from app.people.models import Person
from app.route_table import APIRouter
from app.ui.pictograms import PICTOGRAMS, pictogram_alt

router = APIRouter(include_in_schema=False)


class UpdateForm(FormModel):
    body: Text = ""
    pictogram: Text = ""

    def to_schema(self) -> UpdateCreate:
        return UpdateCreate.model_validate({"body": self.body,
                                            "pictogram": blank(self.pictogram)})


class AnswerForm(FormModel):
    body: Text = ""

    def to_schema(self) -> AnswerCreate:
        return AnswerCreate.model_validate({"body": self.body})


def _messages_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                   error: AppError | None = None, update: UpdateForm | None = None,
                   answer: tuple[int, AnswerForm] | None = None):
    file = open_file(session, actor, candidate.id)
    stored = messages_service.list_messages(session, file, limit=200)
    messages = messages_public(session, stored)
    open_ids = {q.id for q in messages_service.open_questions(session, file)}
    return page(request, candidate, "messages", "messages.html", {
        "messages": messages, "open_ids": open_ids,
        "notice_ids": {m.id for m in stored if m.notice},
        "by_id": {m.id: m for m in messages},
        "pictograms": sorted(((k, pictogram_alt(k)) for k in PICTOGRAMS), key=lambda p: p[1]),
        "update": update or UpdateForm(), "answers": {answer[0]: answer[1]} if answer else {},
    }, error=error, failed=f"answer-{answer[0]}" if answer else "update")


@router.get(FILE + "/messages", name="office.file:messages")
def messages(candidate_id: RecordId, request: Request, actor: ConsultantActor, session: SessionDep):
    candidate = file_candidate(session, actor, candidate_id)
    return _messages_page(request, session, actor, candidate)


@router.post(FILE + "/messages", name="office.file:update_post")
def update_post(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                session: SessionDep, form: Annotated[UpdateForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: messages_service.post_update(
        session, actor, candidate_id, form.to_schema()), UpdateForm)
    if error:
        return _messages_page(request, session, actor, candidate, error=error, update=form)
    return done(request, "office.file:messages", candidate_id, "update")


@router.post(FILE + "/messages/{question_id:int}/answer", name="office.file:answer")
def answer(candidate_id: RecordId, question_id: int, request: Request, actor: ConsultantActor,
           session: SessionDep, form: Annotated[AnswerForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: messages_service.answer_question(
        session, actor, candidate_id, question_id, form.to_schema()), AnswerForm)
    if error:
        return _messages_page(request, session, actor, candidate, error=error,
                              answer=(question_id, form))
    return done(request, "office.file:messages", candidate_id, "answer", f"m{question_id}")
