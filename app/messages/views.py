"""Presenters of messages: the shape the API returns and the pages show, with author names."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from app.messages.models import Message
from app.messages.schemas import MessagePublic
from app.notices import message_text
from app.people.models import Person


def messages_public(session: Session, messages: list[Message]) -> list[MessagePublic]:
    ids = {m.author_id for m in messages}
    names = dict(session.execute(
        select(Person.id, Person.display_name).where(Person.id.in_(ids))).all()) if ids else {}
    return [
        MessagePublic(id=m.id, kind=m.kind, author_id=m.author_id,
                      author_name=names.get(m.author_id, ""), addressed_to_id=m.addressed_to_id,
                      body=message_text(m), pictogram=m.pictogram, reply_to_id=m.reply_to_id,
                      about_appointment_id=m.about_appointment_id, created_at=m.created_at,
                      read_at=m.read_at)
        for m in messages
    ]


def message_public(session: Session, message: Message) -> MessagePublic:
    return messages_public(session, [message])[0]
