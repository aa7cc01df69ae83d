"""Account services: preferences and the export of everything stored about the person."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session

from app.access_log.models import AccessLogEntry
from app.account.schemas import PreferencesUpdate
from app.appointments.models import Appointment
from app.auth.actor import Actor
from app.auth.models import AuthSession
from app.concurrency import check_version
from app.contacts.models import ContactAssignment
from app.guarantees.models import FallbackGuarantee
from app.journeys.models import Journey, JourneyStep
from app.messages.models import Message
from app.money.models import MoneyInputs
from app.network.models import NetworkGrant
from app.outbox.models import Notification, NotificationPreference, PushSubscription
from app.people.models import Person, Role

# Never exported: secrets, even hashed ones (a push subscription's "auth" is the browser's).
_SECRET_FIELDS = {"password_hash", "totp_secret", "token_hash", "auth", "p256dh"}


def update_preferences(session: Session, actor: Actor, data: PreferencesUpdate,
                       expected_version: int) -> Person:
    """Change language, text size or read-aloud. Raises StaleVersion."""
    person = session.get(Person, actor.person_id)
    check_version(person.version, expected_version)
    for field, value in data.model_dump(exclude_unset=True).items():
        if value is not None:
            setattr(person, field, value)
    session.flush()
    return person


def _rows(session: Session, model, *conditions) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in row.model_dump(mode="json").items() if k not in _SECRET_FIELDS}
        for row in session.scalars(select(model).where(*conditions))
    ]


def export_data(session: Session, actor: Actor) -> dict[str, Any]:
    """Everything stored about the signed-in person (for a candidate: the whole file)."""
    person = session.get(Person, actor.person_id)
    me = person.id
    data: dict[str, Any] = {
        "person": {k: v for k, v in person.model_dump(mode="json").items()
                   if k not in _SECRET_FIELDS},
        "sessions": _rows(session, AuthSession, AuthSession.person_id == me),
        "notification_preferences": _rows(session, NotificationPreference,
                                          NotificationPreference.person_id == me),
        "push_subscriptions": _rows(session, PushSubscription, PushSubscription.person_id == me),
        "notifications": _rows(session, Notification, Notification.recipient_id == me),
    }
    if person.role is Role.candidate:
        journeys = _rows(session, Journey, Journey.candidate_id == me)
        journey_ids = [j["id"] for j in journeys]
        data.update({
            "journeys": journeys,
            "steps": _rows(session, JourneyStep, JourneyStep.journey_id.in_(journey_ids)),
            "appointments": _rows(session, Appointment, Appointment.candidate_id == me),
            "messages": _rows(session, Message, Message.candidate_id == me),
            "contact": _rows(session, ContactAssignment, ContactAssignment.candidate_id == me),
            "guarantees": _rows(session, FallbackGuarantee, FallbackGuarantee.candidate_id == me),
            "money_inputs": _rows(session, MoneyInputs, MoneyInputs.candidate_id == me),
            "network": _rows(session, NetworkGrant, NetworkGrant.candidate_id == me),
            "access_log": _rows(session, AccessLogEntry, AccessLogEntry.candidate_id == me),
        })
    else:
        data["messages"] = _rows(session, Message, Message.author_id == me)
        data["network"] = _rows(session, NetworkGrant, or_(NetworkGrant.member_id == me))
    return data


def readable_data(session: Session, actor: Actor) -> dict[str, Any]:
    """The same data as `export_data`, for people: names instead of ids, grouped by topic
    (profile, steps, appointments, messages, money, guarantee, network, notification choices);
    the page formats dates in the reader's language and local time."""
    person = session.get(Person, actor.person_id)
    me = person.id
    names: dict[int, str] = {}

    def load_names(person_ids) -> None:
        """The names of everyone the lists mention, in one query (not one per member)."""
        wanted = set(person_ids) - set(names) - {None}
        if wanted:
            names.update(session.execute(select(Person.id, Person.display_name).where(
                Person.id.in_(wanted))).all())

    def name(person_id: int | None) -> str:
        return names.get(person_id, "") if person_id is not None else ""

    data: dict[str, Any] = {
        "person": person,
        "preferences": session.scalars(select(NotificationPreference).where(
            NotificationPreference.person_id == me)).first(),
        "steps": [], "appointments": [], "messages": [], "money": None, "guarantee": None,
        "network": [],
    }
    if person.role is Role.candidate:
        journey_ids = list(session.scalars(select(Journey.id).where(Journey.candidate_id == me)))
        data["steps"] = list(session.scalars(
            select(JourneyStep).where(JourneyStep.journey_id.in_(journey_ids))
            .order_by(JourneyStep.journey_id, JourneyStep.position)))
        data["appointments"] = list(session.scalars(
            select(Appointment).where(Appointment.candidate_id == me)
            .order_by(Appointment.starts_at)))
        messages = list(session.scalars(select(Message).where(Message.candidate_id == me)
                                        .order_by(Message.created_at)))
        grants = list(session.scalars(select(NetworkGrant).where(
            NetworkGrant.candidate_id == me)))
        load_names([m.author_id for m in messages] + [g.member_id for g in grants])
        data["messages"] = [{"author": name(m.author_id), "at": m.created_at, "body": m.body}
                            for m in messages]
        data["money"] = session.scalars(select(MoneyInputs).where(
            MoneyInputs.candidate_id == me).order_by(MoneyInputs.number.desc())).first()
        data["guarantee"] = session.scalars(select(FallbackGuarantee).where(
            FallbackGuarantee.candidate_id == me)
            .order_by(FallbackGuarantee.number.desc())).first()
        data["network"] = [{"name": name(g.member_id), "relation": g.relation,
                            "areas": g.areas, "since": g.consent_at, "until": g.revoked_at}
                           for g in grants]
    else:
        messages = list(session.scalars(select(Message).where(Message.author_id == me)
                                        .order_by(Message.created_at)))
        grants = list(session.scalars(select(NetworkGrant).where(NetworkGrant.member_id == me)))
        load_names([m.author_id for m in messages] + [g.candidate_id for g in grants])
        data["messages"] = [{"author": name(m.author_id), "at": m.created_at, "body": m.body}
                            for m in messages]
        data["network"] = [{"name": name(g.candidate_id), "relation": g.relation,
                            "areas": g.areas, "since": g.consent_at, "until": g.revoked_at}
                           for g in grants]
    return data
