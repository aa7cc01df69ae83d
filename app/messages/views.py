"""Presenters of messages: the shape the API returns and the pages show, with author names."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from app.access import CandidateFile
from app.messages.models import Message, MessageKind
from app.messages.schemas import MessagePublic, ReplyPublic
from app.messages.service import answers_to
from app.notices import message_text
from app.people.models import Person


def author_names(session: Session, messages: list[Message]) -> dict[int, str]:
    """The authors' names of all given messages, in one query."""
    ids = {m.author_id for m in messages}
    return dict(session.execute(
        select(Person.id, Person.display_name).where(Person.id.in_(ids))).all()) if ids else {}


def messages_public(session: Session, messages: list[Message],
                    answers: dict[int, list[Message]] | None = None) -> list[MessagePublic]:
    """Messages with their authors' names; questions carry their `answers` when given."""
    answers = answers or {}
    names = author_names(session, messages + [a for group in answers.values() for a in group])
    return [
        MessagePublic(id=m.id, kind=m.kind, author_id=m.author_id,
                      author_name=names.get(m.author_id, ""), addressed_to_id=m.addressed_to_id,
                      body=message_text(m), pictogram=m.pictogram, reply_to_id=m.reply_to_id,
                      about_appointment_id=m.about_appointment_id, created_at=m.created_at,
                      read_at=m.read_at, answers=[
                          ReplyPublic(id=a.id, author_id=a.author_id,
                                      author_name=names.get(a.author_id, ""), body=a.body,
                                      created_at=a.created_at, read_at=a.read_at)
                          for a in answers.get(m.id, [])])
        for m in messages
    ]


def conversation_public(session: Session, file: CandidateFile,
                        messages: list[Message]) -> list[MessagePublic]:
    """A page of messages, each question with the answers the reader may see under it."""
    questions = [m.id for m in messages if m.kind is MessageKind.question]
    return messages_public(session, messages, answers_to(session, file, questions))


def message_public(session: Session, message: Message) -> MessagePublic:
    return messages_public(session, [message])[0]
