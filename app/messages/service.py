"""Message services: updates from the consultant and questions to the contact person."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from app.access import CandidateFile, FileArea, can_change, open_file
from app.access.policies import network_areas
from app.appointments.service import get_appointment
from app.auth.actor import Actor
from app.clock import local_today
from app.contacts.service import reachable_contact_id
from app.db import utcnow
from app.errors import NotFound, ValidationFailed, field_error
from app.i18n import gettext as _
from app.messages.models import Message, MessageKind
from app.messages.schemas import AnswerCreate, CannotCome, QuestionCreate, UpdateCreate
from app.notices import notice_codes_for
from app.outbox import notify
from app.people.models import Person, Role


def _visible(actor: Actor, candidate_id: int):
    """Network members see their own questions and the answers to them, and the updates of
    the areas the candidate granted them (the consultant's own words: the messages area; a
    notice: its area, e.g. an appointment moved); everyone who may see the messages area sees
    the whole conversation."""
    statement = select(Message).where(Message.candidate_id == candidate_id)
    if actor.role is Role.network:
        own_questions = select(Message.id).where(
            Message.candidate_id == candidate_id, Message.author_id == actor.person_id
        )
        areas = network_areas(actor.grants.get(candidate_id, frozenset()))
        updates = [Message.notice["code"].as_string().in_(notice_codes_for(areas))]
        if FileArea.messages in areas:
            updates.append(Message.body != "")  # written by the consultant, not a notice
        statement = statement.where(
            or_(Message.author_id == actor.person_id, Message.reply_to_id.in_(own_questions),
                and_(Message.kind == MessageKind.update, or_(*updates)))
        )
    return statement


def _require_conversation(file: CandidateFile) -> CandidateFile:
    """Network members see only their own questions and the answers (logged as the profile
    they ask about); everyone else needs the messages area."""
    return file.require(
        FileArea.profile if file.actor.role is Role.network else FileArea.messages)


def list_messages(session: Session, file: CandidateFile, *, limit: int = 50,
                  offset: int = 0) -> list[Message]:
    """Newest first. Raises NotFound when the actor may not see them."""
    _require_conversation(file)
    return list(session.scalars(
        _visible(file.actor, file.candidate_id)
        .order_by(Message.created_at.desc(), Message.id.desc()).limit(limit).offset(offset)
    ))


def answerer(session: Session, file: CandidateFile, today: date) -> Person | None:
    """Who answers a question asked today (the backup while the contact person is away). Part
    of the conversation, so a network member without the contact area sees this name too;
    logged as the conversation. Raises NotFound."""
    _require_conversation(file)
    person_id = reachable_contact_id(session, file.candidate_id, today)
    return session.get(Person, person_id) if person_id else None


def unread_count(session: Session, file: CandidateFile) -> int:
    """Updates and answers the candidate has not read yet. Raises NotFound."""
    file.require(FileArea.messages)
    return session.scalar(
        select(func.count()).select_from(Message).where(
            Message.candidate_id == file.candidate_id, Message.kind != MessageKind.question,
            Message.read_at.is_(None),
        )
    ) or 0


def latest_update(session: Session, file: CandidateFile) -> Message | None:
    """The consultant's newest update. Raises NotFound."""
    file.require(FileArea.messages)
    return session.scalar(
        select(Message).where(Message.candidate_id == file.candidate_id,
                              Message.kind == MessageKind.update)
        .order_by(Message.created_at.desc(), Message.id.desc()).limit(1)
    )


def _check_can_ask(session: Session, actor: Actor, candidate_id: int,
                   about_appointment_id: int | None) -> None:
    file = _require_conversation(open_file(session, actor, candidate_id))
    if not can_change(actor, FileArea.messages) or actor.is_staff:
        raise NotFound()
    if about_appointment_id is not None:
        get_appointment(session, file, about_appointment_id)


def _store_question(session: Session, actor: Actor, candidate_id: int, body: str,
                    about_appointment_id: int | None) -> Message:
    message = Message(
        candidate_id=candidate_id, author_id=actor.person_id, kind=MessageKind.question,
        body=body, about_appointment_id=about_appointment_id,
        addressed_to_id=reachable_contact_id(session, candidate_id, local_today()),
    )
    session.add(message)
    session.flush()
    notify.question_asked(session, message_id=message.id, candidate_id=candidate_id,
                          cannot_come=about_appointment_id is not None)
    return message


def ask_question(session: Session, actor: Actor, candidate_id: int,
                 data: QuestionCreate) -> Message:
    """A question from the candidate or a network member to the contact person — the backup
    while the contact is away. Raises NotFound."""
    _check_can_ask(session, actor, candidate_id, data.about_appointment_id)
    return _store_question(session, actor, candidate_id, data.body, data.about_appointment_id)


def cannot_come(session: Session, actor: Actor, candidate_id: int, appointment_id: int,
                data: CannotCome) -> Message:
    """"I can't come": a question about the appointment to the contact person (the backup while
    away). Raises NotFound, or ValidationFailed when the note is empty (an empty question
    tells the contact person nothing)."""
    _check_can_ask(session, actor, candidate_id, appointment_id)
    if not data.note:
        raise ValidationFailed(invalid_params=[field_error(
            "note", _("Write why you cannot come, or what would suit you better."), "missing")])
    return _store_question(session, actor, candidate_id, data.note, appointment_id)


def mark_read(session: Session, actor: Actor, candidate_id: int, message_id: int) -> Message:
    """The candidate has read an update or answer. Raises NotFound."""
    open_file(session, actor, candidate_id).require(FileArea.messages)
    message = session.get(Message, message_id)
    if (message is None or message.candidate_id != candidate_id
            or actor.person_id != candidate_id or message.kind is MessageKind.question):
        raise NotFound()
    if message.read_at is None:
        message.read_at = utcnow()
        session.flush()
    return message


# --- the consultant's side ---------------------------------------------------------------------


def _consultant_file(session: Session, actor: Actor, candidate_id: int) -> CandidateFile:
    file = open_file(session, actor, candidate_id).require(FileArea.messages)
    if not actor.is_staff or not can_change(actor, FileArea.messages):
        raise NotFound()
    return file


def post_update(session: Session, actor: Actor, candidate_id: int,
                data: UpdateCreate) -> Message:
    """An update from the consultant to the candidate (and the network). Raises NotFound."""
    _consultant_file(session, actor, candidate_id)
    message = Message(candidate_id=candidate_id, author_id=actor.person_id,
                      kind=MessageKind.update, body=data.body, pictogram=data.pictogram)
    session.add(message)
    session.flush()
    notify.update_posted(session, message_id=message.id, candidate_id=candidate_id)
    return message


def answer_question(session: Session, actor: Actor, candidate_id: int, question_id: int,
                    data: AnswerCreate) -> Message:
    """Answer a question in its thread; the question counts as read. Raises NotFound."""
    _consultant_file(session, actor, candidate_id)
    question = session.get(Message, question_id)
    if question is None or question.candidate_id != candidate_id \
            or question.kind is not MessageKind.question:
        raise NotFound()
    question.read_at = question.read_at or utcnow()
    answer = Message(candidate_id=candidate_id, author_id=actor.person_id,
                     kind=MessageKind.answer, body=data.body, reply_to_id=question.id)
    session.add(answer)
    session.flush()
    notify.question_answered(session, answer_id=answer.id, candidate_id=candidate_id,
                             asker_id=question.author_id,
                             answerer=session.get(Person, actor.person_id))
    return answer


def open_questions(session: Session, file: CandidateFile) -> list[Message]:
    """Questions without an answer yet, oldest first. Raises NotFound."""
    file.require(FileArea.messages)
    candidate_id = file.candidate_id
    answered = select(Message.reply_to_id).where(Message.candidate_id == candidate_id,
                                                 Message.reply_to_id.is_not(None))
    return list(session.scalars(select(Message).where(
        Message.candidate_id == candidate_id, Message.kind == MessageKind.question,
        Message.id.not_in(answered)).order_by(Message.created_at)))


# --- the loop: answers under their question, "I can't come" on its appointment ---------------


def answers_to(session: Session, file: CandidateFile,
               question_ids: list[int]) -> dict[int, list[Message]]:
    """The answers to the given questions (those the actor may see), oldest first, by
    question. Raises NotFound."""
    _require_conversation(file)
    if not question_ids:
        return {}
    found: dict[int, list[Message]] = {}
    for answer in session.scalars(_visible(file.actor, file.candidate_id).where(
            Message.kind == MessageKind.answer, Message.reply_to_id.in_(question_ids))
            .order_by(Message.created_at, Message.id)):
        found.setdefault(answer.reply_to_id, []).append(answer)
    return found


def cannot_come_for(session: Session, file: CandidateFile,
                    appointment_ids: list[int]) -> dict[int, list[Message]]:
    """Who said "I can't come" to which of these appointments (a question about an
    appointment is exactly that), oldest first; network members see their own only. Raises
    NotFound."""
    _require_conversation(file)
    file.require(FileArea.appointments)
    if not appointment_ids:
        return {}
    found: dict[int, list[Message]] = {}
    for message in session.scalars(_visible(file.actor, file.candidate_id).where(
            Message.kind == MessageKind.question,
            Message.about_appointment_id.in_(appointment_ids))
            .order_by(Message.created_at, Message.id)):
        found.setdefault(message.about_appointment_id, []).append(message)
    return found
