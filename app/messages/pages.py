"""Pages: messages (Berichten) and asking the contact person a question."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from app.access import FileArea
from app.candidate_home.navigation import file_view
from app.clock import local_today
from app.contacts.service import find_contact_today
from app.deps import CurrentActor, SessionDep
from app.error_handlers import invalid_params_from
from app.errors import ValidationFailed
from app.messages import service
from app.messages.schemas import QuestionCreate
from app.messages.views import conversation_public
from app.path_ids import RecordId
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)


def _page(request: Request, session, actor, candidate_id: int, *, error=None, body: str = "",
          status_code: int = 200):
    view = file_view(session, actor, candidate_id, FileArea.profile)
    messages = conversation_public(session, view.file,
                                   service.list_messages(session, view.file))
    # An answer shows under its question; on its own only when the question is not listed.
    listed = {m.id for m in messages}
    messages = [m for m in messages if m.reply_to_id is None or m.reply_to_id not in listed]
    if view.file.may(FileArea.contact):
        contact = find_contact_today(session, view.file, local_today())
        answerer = contact.reachable if contact else None
    else:
        answerer = service.answerer(session, view.file, local_today())
    return render(request, "messages/list.html", {
        "view": view, "messages": messages, "answerer": answerer, "error": error, "body": body,
        "sent": request.query_params.get("sent") == "1",
    }, status_code=status_code)


@router.get("/c/{candidate_id}/messages", name="messages:list")
def messages(candidate_id: RecordId, request: Request, actor: CurrentActor, session: SessionDep):
    return _page(request, session, actor, candidate_id)


@router.post("/c/{candidate_id}/messages", name="messages:ask")
def ask(candidate_id: RecordId, request: Request, actor: CurrentActor, session: SessionDep,
        body: Annotated[str, Form(max_length=4000)] = ""):
    try:
        question = QuestionCreate(body=body)
    except ValidationError as error:
        failed = ValidationFailed(invalid_params=invalid_params_from(error.errors()))
        return _page(request, session, actor, candidate_id, error=failed, body=body,
                     status_code=422)
    service.ask_question(session, actor, candidate_id, question)
    return RedirectResponse(f"/c/{candidate_id}/messages?sent=1", status_code=303)


@router.post("/c/{candidate_id}/messages/{message_id}/read", name="messages:mark_read")
def mark_read(candidate_id: RecordId, message_id: RecordId, actor: CurrentActor,
              session: SessionDep):
    service.mark_read(session, actor, candidate_id, message_id)
    return RedirectResponse(f"/c/{candidate_id}/messages#m{message_id}", status_code=303)
