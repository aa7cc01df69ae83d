"""The caseload: every candidate of the consultant (primary or backup) with route, current step,
days in step and flags. A fixed number of queries however large the caseload."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from sqlalchemy import func, or_, select
from sqlmodel import Session

from app.access import log_list_read
from app.appointments.models import Appointment
from app.auth.actor import Actor
from app.caseload.flags import Flag
from app.clock import local_today, to_local
from app.contacts.models import Absence, ContactAssignment
from app.db import utcnow
from app.guarantees.models import FallbackGuarantee
from app.i18n import date_text, datetime_text
from app.journeys.models import Journey, JourneyStep, StepState
from app.journeys.overdue import days_in_step, is_overdue
from app.journeys.service import current_step
from app.messages.models import Message, MessageKind
from app.money.models import MoneyInputs
from app.network.models import NetworkGrant
from app.people.models import Person
from app.route_templates.models import RouteTemplate, StepKind

Sort = Literal["name", "days_in_step", "flags"]
NO_CONTACT_DAYS = 28
FIRST_SALARY_WEEKS = 6
GUARANTEE_WEEKS = 8
PROGRESS_TALK_DAYS = 182


@dataclass
class CaseloadRow:
    candidate: Person
    role: Literal["primary", "backup"]
    route: RouteTemplate | None
    journey: Journey | None
    current_step: JourneyStep | None
    days_in_step: int | None
    flags: list[Flag]


def _latest_per_candidate(session: Session, model, number_field, candidate_ids):
    """The newest row per candidate (by a number or date column), one query."""
    newest = (select(model.candidate_id, func.max(number_field).label("top"))
              .where(model.candidate_id.in_(candidate_ids)).group_by(model.candidate_id)
              .subquery())
    rows = session.scalars(select(model).join(
        newest, (model.candidate_id == newest.c.candidate_id) & (number_field == newest.c.top)))
    return {row.candidate_id: row for row in rows}


def list_caseload(session: Session, actor: Actor, *, today: date | None = None,
                  now: datetime | None = None, flag: str | None = None,
                  route_id: int | None = None, step_key: str | None = None,
                  search: str | None = None, sort: Sort = "flags",
                  ) -> list[CaseloadRow]:
    """The actor's caseload, filtered and sorted; logs one "caseload" read per candidate."""
    today = today or local_today()
    now = now or utcnow()
    assignments = list(session.scalars(select(ContactAssignment).where(or_(
        ContactAssignment.primary_id == actor.person_id,
        ContactAssignment.backup_id == actor.person_id))))
    ids = [a.candidate_id for a in assignments]
    if not ids:
        return []
    people_query = select(Person).where(Person.id.in_(ids))
    if search:
        people_query = people_query.where(Person.display_name.ilike(f"%{search.strip()}%"))
    people = {p.id: p for p in session.scalars(people_query)}
    ids = list(people)
    if not ids:
        return []
    journeys = _latest_per_candidate(session, Journey, Journey.id, ids)
    steps_by_journey: dict[int, list[JourneyStep]] = {}
    if journeys:
        # Only the steps the flags look at: the current one and a finished contract.
        for step in session.scalars(select(JourneyStep).where(
                JourneyStep.journey_id.in_([j.id for j in journeys.values()]),
                or_(JourneyStep.state == StepState.current,
                    (JourneyStep.kind == StepKind.contract)
                    & (JourneyStep.state == StepState.done)))
                .order_by(JourneyStep.position)):
            steps_by_journey.setdefault(step.journey_id, []).append(step)
    routes = {r.id: r for r in session.scalars(select(RouteTemplate).where(
        RouteTemplate.id.in_({j.route_template_id for j in journeys.values()
                              if j.route_template_id})))}
    soon = {a.candidate_id: a for a in session.scalars(select(Appointment).where(
        Appointment.candidate_id.in_(ids), Appointment.cancelled_at.is_(None),
        Appointment.starts_at >= now, Appointment.starts_at <= now + timedelta(days=3))
        .order_by(Appointment.starts_at.desc()))}
    last_contact = dict(session.execute(
        select(Message.candidate_id, func.max(Message.created_at)).where(
            Message.candidate_id.in_(ids),
            Message.kind.in_([MessageKind.update, MessageKind.answer]))
        .group_by(Message.candidate_id)).all())
    last_meeting = dict(session.execute(
        select(Appointment.candidate_id, func.max(Appointment.starts_at)).where(
            Appointment.candidate_id.in_(ids), Appointment.cancelled_at.is_(None),
            Appointment.starts_at <= now).group_by(Appointment.candidate_id)).all())
    money = _latest_per_candidate(session, MoneyInputs, MoneyInputs.number, ids)
    guarantees = _latest_per_candidate(session, FallbackGuarantee, FallbackGuarantee.number, ids)
    primaries = {a.primary_id for a in assignments}
    absent = {a.consultant_id for a in session.scalars(select(Absence).where(
        Absence.consultant_id.in_(primaries), Absence.starts_on <= today,
        Absence.ends_on >= today))}
    with_network = set(session.scalars(select(NetworkGrant.candidate_id).where(
        NetworkGrant.candidate_id.in_(ids)).distinct()))

    rows = []
    for assignment in assignments:
        person = people.get(assignment.candidate_id)
        if person is None:
            continue
        journey = journeys.get(person.id)
        steps = steps_by_journey.get(journey.id, []) if journey else []
        # Several steps can be current (a trial beside the UWV advice, the day activities
        # kept beside it): days in step and overdue follow the main one only.
        current = current_step(steps)
        days = days_in_step(current, today) if current else None
        flags: list[Flag] = []
        if current and is_overdue(current, journey, today):
            flags.append(Flag("step_overdue", {"days": days,
                                               "expected": current.expected_duration_days}))
        if person.id in soon:
            flags.append(Flag("appointment_soon",
                              {"when": datetime_text(soon[person.id].starts_at, "short")}))
        inputs = money.get(person.id)
        if (inputs and inputs.start_date and inputs.benefit != "none"
                and inputs.benefits_office_informed_on is None
                and today <= inputs.start_date <= today + timedelta(weeks=FIRST_SALARY_WEEKS)):
            flags.append(
                Flag("first_salary_soon", {"start": date_text(inputs.start_date)})
            )
        guarantee = guarantees.get(person.id)
        if guarantee is None:
            flags.append(Flag("guarantee_missing", {}))
        elif guarantee.indication_valid_until <= today + timedelta(weeks=GUARANTEE_WEEKS):
            flags.append(Flag("guarantee_expiring",
                              {"until": date_text(guarantee.indication_valid_until)}))
        contacts = [t for t in (last_contact.get(person.id), last_meeting.get(person.id)) if t]
        latest = max((_aware(t) for t in contacts), default=None)
        # With no contact at all yet, count from the start of the journey.
        since = (now - latest).days if latest else (
            (today - journey.started_on).days if journey else None)
        if since is not None and since >= NO_CONTACT_DAYS:
            flags.append(Flag("no_contact", {"days": since}))
        contract = next((s for s in steps if s.kind is StepKind.contract
                         and s.state is StepState.done and s.actual_end), None)
        if contract and (today - contract.actual_end).days >= PROGRESS_TALK_DAYS:
            talked = last_meeting.get(person.id)
            if talked is None or to_local(talked).date() < contract.actual_end + timedelta(
                    days=PROGRESS_TALK_DAYS):
                flags.append(Flag("progress_talk_due", {}))
        if assignment.primary_id in absent and assignment.backup_id is None:
            flags.append(Flag("contact_absent_no_backup", {}))
        if person.id not in with_network:
            flags.append(Flag("network_never_invited", {}))
        rows.append(CaseloadRow(
            candidate=person,
            role="primary" if assignment.primary_id == actor.person_id else "backup",
            route=routes.get(journey.route_template_id) if journey else None,
            journey=journey, current_step=current, days_in_step=days, flags=flags))

    if flag:
        rows = [r for r in rows if any(f.code == flag for f in r.flags)]
    if route_id:
        rows = [r for r in rows if r.route and r.route.id == route_id]
    if step_key:
        rows = [r for r in rows if r.current_step and r.current_step.key == step_key]
    if sort == "name":
        rows.sort(key=lambda r: r.candidate.display_name.lower())
    elif sort == "days_in_step":
        rows.sort(key=lambda r: -(r.days_in_step or -1))
    else:
        rows.sort(key=lambda r: (-len(r.flags), r.candidate.display_name.lower()))
    # A list view: one "caseload" row per candidate listed, in one insert.
    log_list_read(session, actor, [r.candidate.id for r in rows])
    return rows


def _aware(value: datetime) -> datetime:
    """Aggregates come back naive from SQLite (the column type is bypassed): they are UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)
