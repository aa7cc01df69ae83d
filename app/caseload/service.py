"""The caseload: every candidate of the consultant (primary or backup) with route, current step,
days in step and flags. A fixed number of queries however large the caseload."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

from sqlalchemy import func, or_, select
from sqlmodel import Session

from app.access import log_list_read
from app.appointments.models import Appointment, Purpose
from app.auth.actor import Actor
from app.case_file.models import CaseNote, CaseNoteKind
from app.caseload.flags import Flag
from app.clock import local_datetime, local_today, to_local
from app.contacts.models import Absence, ContactAssignment
from app.db import among, utcnow
from app.employers.labels import MILESTONES
from app.employers.models import MilestoneKind
from app.employers.service import placement_milestones
from app.guarantees.models import FallbackGuarantee
from app.i18n import date_text, datetime_text
from app.journeys.models import (
    Journey,
    JourneyStatus,
    JourneyStep,
    StepState,
    WayBackEvent,
    WayBackKind,
)
from app.journeys.overdue import days_in_step, is_overdue
from app.journeys.service import current_steps
from app.messages.models import Message, MessageKind
from app.money.models import MoneyInputs
from app.network.models import NetworkGrant
from app.organisations.models import Organisation
from app.people.models import Person
from app.records.models import RecordKind
from app.records.service import (
    DEFINITIVE_WAGE_VALUE_MONTHS,
    add_months,
    checklist_done,
    current_by_kind,
    latest_evaluation_on,
)
from app.route_templates.models import RouteTemplate, StepKind

Sort = Literal["name", "days_in_step", "flags"]
NO_CONTACT_DAYS = 28
FIRST_SALARY_WEEKS = 6
GUARANTEE_WEEKS = 8
WAGE_VALUE_NOTICE_DAYS = 14  # the definitive wage value shows this long before it is due
MILESTONE_NOTICE_DAYS = 14  # a placement's milestone shows this long before it is due
# Without an organisation cadence: the desired journey's progress talk "na ½ jaar" of work.
DEFAULT_EVALUATION_MONTHS = 6
YEAR_DAYS = 365
# A question waits for an answer at most two working days before the row is flagged.
ANSWER_WORKING_DAYS = 2
SATURDAY = 5
# Journeys that ended without work: no aftercare or evaluation cadence to keep.
ENDED_WITHOUT_WORK = (JourneyStatus.returned, JourneyStatus.stopped)


@dataclass(frozen=True, slots=True)
class CandidateName:
    """What a caseload row shows of the candidate."""
    id: int
    display_name: str
    organisation_id: int


@dataclass
class CaseloadRow:
    candidate: CandidateName
    role: Literal["primary", "backup"]
    route: RouteTemplate | None
    journey: Any  # the journey's row: id, candidate_id, route_template_id, status, started_on
    current_step: JourneyStep | None
    days_in_step: int | None
    flags: list[Flag]
    # The other steps current beside the main one (the UWV advice, the day activities kept).
    beside: list[JourneyStep] = field(default_factory=list)
    # Questions (and "I can't come") asked and not answered yet.
    waiting_questions: int = 0
    # The backup's view while the contact person is away today: whom she covers, until when.
    covering_for: Person | None = None
    covering_until: date | None = None


def answer_due(asked_at: datetime, working_days: int = ANSWER_WORKING_DAYS) -> datetime:
    """When a question asked at `asked_at` has waited `working_days` working days (Monday to
    Friday; a question asked in the weekend counts from Monday morning). Holidays are not
    skipped: a day late now and then beats a calendar to keep up."""
    moment = to_local(asked_at)
    while moment.weekday() >= SATURDAY:
        moment = local_datetime(moment.date() + timedelta(days=1), time(0, 0))
    counted = 0
    while counted < working_days:
        moment += timedelta(days=1)
        if moment.weekday() < SATURDAY:
            counted += 1
    return moment


def _latest_per_candidate(session: Session, model, number_field, candidate_ids):
    """The newest row per candidate (by a number or date column), one query."""
    newest = (select(model.candidate_id, func.max(number_field).label("top"))
              .where(among(session, model.candidate_id, candidate_ids))
              .group_by(model.candidate_id).subquery())
    # The outer filter too: without it PostgreSQL joins the newest rows to every row of the
    # table (a scan of all 20,000 journeys at scale).
    rows = session.scalars(select(model).join(
        newest, (model.candidate_id == newest.c.candidate_id) & (number_field == newest.c.top))
        .where(among(session, model.candidate_id, candidate_ids)))
    return {row.candidate_id: row for row in rows}


def _current_journeys(session: Session, candidate_ids: list[int]) -> dict:
    """Each candidate's newest journey, as a row of the columns the caseload uses (id,
    candidate_id, route_template_id, status, started_on). Both sides filter on the ids, so
    PostgreSQL reads these candidates' journeys through the index, never all of them."""
    newest = (select(func.max(Journey.id))
              .where(among(session, Journey.candidate_id, candidate_ids))
              .group_by(Journey.candidate_id))
    rows = session.execute(select(Journey.id, Journey.candidate_id, Journey.route_template_id,
                                  Journey.status, Journey.started_on).where(
        among(session, Journey.candidate_id, candidate_ids), Journey.id.in_(newest)))
    return {row.candidate_id: row for row in rows}


def list_caseload(session: Session, actor: Actor, *, today: date | None = None,
                  now: datetime | None = None, flag: str | None = None,
                  route_id: int | None = None, step_key: str | None = None,
                  search: str | None = None, sort: Sort = "flags", log: bool = True,
                  ) -> list[CaseloadRow]:
    """The actor's caseload, filtered and sorted; logs one "caseload" read per candidate
    (`log=False`: nobody reads it now, e.g. the daily digest counts its flags)."""
    today = today or local_today()
    now = now or utcnow()
    # Only the columns the rows need, as plain rows: loading 100 entities of each costs more
    # than the query.
    assignments = session.execute(select(
        ContactAssignment.candidate_id, ContactAssignment.primary_id,
        ContactAssignment.backup_id).where(or_(
            ContactAssignment.primary_id == actor.person_id,
            ContactAssignment.backup_id == actor.person_id))).all()
    ids = [a.candidate_id for a in assignments]
    if not ids:
        return []
    people_query = select(Person.id, Person.display_name, Person.organisation_id).where(
        among(session, Person.id, ids))
    if search:
        people_query = people_query.where(Person.display_name.ilike(f"%{search.strip()}%"))
    people = {p.id: CandidateName(*p) for p in session.execute(people_query)}
    ids = list(people)
    if not ids:
        return []
    journeys = _current_journeys(session, ids)
    steps_by_journey: dict[int, list[JourneyStep]] = {}
    if journeys:
        # Only the steps the flags look at: the current one and a finished contract.
        for step in session.scalars(select(JourneyStep).where(
                among(session, JourneyStep.journey_id, [j.id for j in journeys.values()]),
                or_(JourneyStep.state == StepState.current,
                    (JourneyStep.kind == StepKind.contract)
                    & (JourneyStep.state == StepState.done)))
                .order_by(JourneyStep.position)):
            steps_by_journey.setdefault(step.journey_id, []).append(step)
    routes = {r.id: r for r in session.scalars(select(RouteTemplate).where(
        RouteTemplate.id.in_({j.route_template_id for j in journeys.values()
                              if j.route_template_id})))}
    soon = {a.candidate_id: a for a in session.scalars(select(Appointment).where(
        among(session, Appointment.candidate_id, ids), Appointment.cancelled_at.is_(None),
        Appointment.starts_at >= now, Appointment.starts_at <= now + timedelta(days=3))
        .order_by(Appointment.starts_at.desc()))}
    last_contact = dict(session.execute(
        select(Message.candidate_id, func.max(Message.created_at)).where(
            among(session, Message.candidate_id, ids),
            Message.kind.in_([MessageKind.update, MessageKind.answer]))
        .group_by(Message.candidate_id)).all())
    last_meeting = dict(session.execute(
        select(Appointment.candidate_id, func.max(Appointment.starts_at)).where(
            among(session, Appointment.candidate_id, ids), Appointment.cancelled_at.is_(None),
            Appointment.starts_at <= now).group_by(Appointment.candidate_id)).all())
    organisations = {o.id: o for o in session.scalars(select(Organisation).where(
        Organisation.id.in_({p.organisation_id for p in people.values()})))}
    visits = _held_dates(session, ids, Purpose.aftercare_visit, now - timedelta(days=YEAR_DAYS),
                         now, contact_kinds=(CaseNoteKind.visit,))
    # Evaluations held: progress talks that took place, and evaluation records written.
    evaluations = _held_dates(session, ids, Purpose.progress_talk, None, now)
    for candidate_id, day in latest_evaluation_on(session, ids).items():
        if day <= today:
            evaluations.setdefault(candidate_id, []).append(day)
    money = _latest_per_candidate(session, MoneyInputs, MoneyInputs.number, ids)
    guarantees = _latest_per_candidate(session, FallbackGuarantee, FallbackGuarantee.number, ids)
    records = current_by_kind(session, ids, (RecordKind.contract, RecordKind.first_salary,
                                             RecordKind.wage_value))
    primaries = {a.primary_id for a in assignments}
    absent: dict[int, date] = {}
    for absence in session.scalars(select(Absence).where(
            among(session, Absence.consultant_id, primaries), Absence.starts_on <= today,
            Absence.ends_on >= today)):
        absent[absence.consultant_id] = max(absence.ends_on,
                                            absent.get(absence.consultant_id, absence.ends_on))
    # Whom the actor covers today: the absent contact persons of the rows where she is backup.
    covered = {a.primary_id for a in assignments
               if a.primary_id in absent and a.backup_id == actor.person_id}
    covered_people = {p.id: p for p in session.scalars(
        select(Person).where(Person.id.in_(covered)))} if covered else {}
    with_network = set(session.scalars(select(NetworkGrant.candidate_id).where(
        among(session, NetworkGrant.candidate_id, ids)).distinct()))
    # Questions asked and not answered yet (a question or "I can't come"), oldest first.
    waiting: dict[int, list[datetime]] = {}
    answered = select(Message.reply_to_id).where(among(session, Message.candidate_id, ids),
                                                 Message.reply_to_id.is_not(None))
    for candidate_id, asked_at in session.execute(
            select(Message.candidate_id, Message.created_at).where(
                among(session, Message.candidate_id, ids), Message.kind == MessageKind.question,
                Message.id.not_in(answered)).order_by(Message.created_at)):
        waiting.setdefault(candidate_id, []).append(_aware(asked_at))
    # The milestones of running placements (wage value, subsidy end, support allowance).
    milestones: dict[int, list] = {}
    for row in placement_milestones(session, ids):
        milestones.setdefault(row.candidate_id, []).append(row)
    # Workplaces tried before this one ("maximaal drie keer"), per candidate.
    tried_before = dict(session.execute(
        select(WayBackEvent.candidate_id, func.count()).where(
            among(session, WayBackEvent.candidate_id, ids),
            WayBackEvent.kind == WayBackKind.other_placement)
        .group_by(WayBackEvent.candidate_id)).all())

    rows = []
    for assignment in assignments:
        person = people.get(assignment.candidate_id)
        if person is None:
            continue
        journey = journeys.get(person.id)
        steps = steps_by_journey.get(journey.id, []) if journey else []
        # Several steps can be current (a trial beside the UWV advice, the day activities
        # kept beside it): days in step and overdue follow the main one only.
        now_running = current_steps(steps)
        current = now_running[0] if now_running else None
        days = days_in_step(current, today) if current else None
        flags: list[Flag] = []
        if current and is_overdue(current, journey, today):
            flags.append(Flag("step_overdue", {"days": days,
                                               "expected": current.expected_duration_days}))
        if person.id in soon:
            flags.append(Flag("appointment_soon",
                              {"when": datetime_text(soon[person.id].starts_at, "short")}))
        inputs = money.get(person.id)
        placed = milestones.get(person.id, [])
        flags.extend(_contract_flags(records.get(person.id, []), inputs, today, placed))
        # With a contract on file its wage_value_due flag speaks for the definitive wage value.
        flags.extend(_milestone_flags(placed, today,
                                      skip_final=_has_contract(records.get(person.id, []))))
        # With a contract on file its checklist flag says it (the first salary follows it).
        if (not _has_contract(records.get(person.id, []))
                and inputs and inputs.start_date and inputs.benefit != "none"
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
        organisation = organisations.get(person.organisation_id)
        flags.extend(_rule_flags(journey, steps, records.get(person.id, []), organisation,
                                 tried_before.get(person.id, 0)))
        if journey is not None and journey.status not in ENDED_WITHOUT_WORK:
            flags.extend(_aftercare_flags(steps, contract, organisation,
                                          visits.get(person.id, []), today))
            flags.extend(_evaluation_flags(journey, contract, organisation,
                                           evaluations.get(person.id, []), today))
        if assignment.primary_id in absent and assignment.backup_id is None:
            flags.append(Flag("contact_absent_no_backup", {}))
        if person.id not in with_network:
            flags.append(Flag("network_never_invited", {}))
        questions = waiting.get(person.id, [])
        if questions and now > answer_due(questions[0]):
            flags.append(Flag("question_waiting", {"since": datetime_text(questions[0],
                                                                          "short")}))
        rows.append(CaseloadRow(
            candidate=person,
            role="primary" if assignment.primary_id == actor.person_id else "backup",
            route=routes.get(journey.route_template_id) if journey else None,
            journey=journey, current_step=current, beside=now_running[1:],
            days_in_step=days, flags=flags, waiting_questions=len(questions),
            covering_for=covered_people.get(assignment.primary_id)
            if assignment.backup_id == actor.person_id else None,
            covering_until=absent.get(assignment.primary_id)
            if assignment.backup_id == actor.person_id else None))

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
    if log:
        log_list_read(session, actor, [r.candidate.id for r in rows])
    return rows


def _rule_flags(journey: Journey | None, steps: list[JourneyStep], records,
                organisation: Organisation | None, tried_before: int) -> list[Flag]:
    """The organisation's rules on a running journey: the contract step reached without a
    contract on file, and the last workplace the organisation tries. Both clear only when a
    contract is recorded (or the journey ends: another provision was chosen)."""
    if journey is None or journey.status not in (JourneyStatus.active, JourneyStatus.paused) \
            or _has_contract(records):
        return []
    flags = []
    if any(s.kind is StepKind.contract for s in steps):  # current, or done
        flags.append(Flag("contract_not_recorded", {}))
    limit = organisation.max_placement_attempts if organisation else None
    if limit and tried_before + 1 >= limit:
        flags.append(Flag("last_placement_attempt", {"attempt": tried_before + 1,
                                                     "limit": limit}))
    return flags


def _has_contract(records) -> bool:
    return any(r.kind is RecordKind.contract for r in records)


def _contract_flags(records, inputs: MoneyInputs | None, today: date,
                    milestones=()) -> list[Flag]:
    """The first-salary checklist around the contract start (open until its items are done)
    and the definitive wage value six months after the start ("na 6 maanden forfaitair LKS"),
    determined by a record or by the placement's milestone done since the start."""
    contracts = [r for r in records if r.kind is RecordKind.contract]
    if not contracts:
        return []
    start = date.fromisoformat(contracts[-1].data["starts_on"])  # the latest start
    flags = []
    checklists = [r for r in records if r.kind is RecordKind.first_salary]
    data = dict(checklists[-1].data) if checklists else {}
    if not data.get("benefits_office_informed_on") and inputs is not None:
        # Told through the money section: the same fact.
        data["benefits_office_informed_on"] = inputs.benefits_office_informed_on
    without_benefit = inputs is not None and inputs.benefit == "none"
    if (not without_benefit and not checklist_done(data)
            and today >= start - timedelta(weeks=FIRST_SALARY_WEEKS)):
        flags.append(Flag("first_salary_checklist_open", {"start": date_text(start)}))
    due = add_months(start, DEFINITIVE_WAGE_VALUE_MONTHS)
    definitive = any(r.kind is RecordKind.wage_value and r.data.get("measurement") == "definitive"
                     and r.dated_on >= start for r in records) or any(
        m.kind == MilestoneKind.wage_value_final and m.done_on and m.done_on >= start
        for m in milestones)
    if not definitive and today >= due - timedelta(days=WAGE_VALUE_NOTICE_DAYS):
        flags.append(Flag("wage_value_due", {"due": date_text(due)}))
    return flags


def _milestone_flags(milestones, today: date, skip_final: bool = False) -> list[Flag]:
    """`milestone_overdue` for the oldest open milestone past its date, `milestone_due_soon`
    for the first one due within MILESTONE_NOTICE_DAYS (today included). `skip_final`: the
    definitive wage value is flagged from the contract record already (one task, one flag)."""
    open_ones = [m for m in milestones if m.done_on is None
                 and not (skip_final and m.kind == MilestoneKind.wage_value_final)]
    overdue = next((m for m in open_ones if m.due_on < today), None)
    soon = next((m for m in open_ones
                 if today <= m.due_on <= today + timedelta(days=MILESTONE_NOTICE_DAYS)), None)
    flags = []
    for code, milestone in (("milestone_overdue", overdue), ("milestone_due_soon", soon)):
        if milestone is not None:
            flags.append(Flag(code, {"what": str(MILESTONES[milestone.kind]),
                                     "due": date_text(milestone.due_on)}))
    return flags


def _held_dates(session: Session, ids: list[int], purpose: Purpose, since: datetime | None,
                now: datetime, contact_kinds: tuple[CaseNoteKind, ...] | None = None,
                ) -> dict[int, list[date]]:
    """The local dates on which a talk with this purpose was held, per candidate, in two
    queries: appointments that have begun and were not cancelled, and contact moments of the
    case file (a plain note is not a contact; `contact_kinds` narrows them further). Planned
    or cancelled talks, and talks with another purpose (a "Koffie"), never count."""
    held: dict[int, list[date]] = {}
    appointments = select(Appointment.candidate_id, Appointment.starts_at).where(
        among(session, Appointment.candidate_id, ids), Appointment.purpose_code == purpose,
        Appointment.cancelled_at.is_(None), Appointment.starts_at <= now)
    kinds = contact_kinds or tuple(k for k in CaseNoteKind if k is not CaseNoteKind.note)
    moments = select(CaseNote.candidate_id, CaseNote.happened_at).where(
        among(session, CaseNote.candidate_id, ids), CaseNote.purpose_code == purpose,
        CaseNote.kind.in_(kinds), CaseNote.happened_at <= now)
    if since is not None:
        appointments = appointments.where(Appointment.starts_at >= since)
        moments = moments.where(CaseNote.happened_at >= since)
    for query in (appointments, moments):
        for candidate_id, at in session.execute(query):
            held.setdefault(candidate_id, []).append(to_local(_aware(at)).date())
    return held


def _aftercare_flags(steps: list[JourneyStep], contract: JourneyStep | None,
                     organisation: Organisation | None, visits: list[date],
                     today: date) -> list[Flag]:
    """`aftercare_visits_behind`: in aftercare (an aftercare step current, or the contract
    done) with fewer visits in the last 12 months than the organisation asks, pro rata: in the
    first year of aftercare, the visits due so far (2 a year: the first one after half a year).
    Counts aftercare visits held since aftercare began."""
    per_year = organisation.aftercare_visits_per_year if organisation else None
    if not per_year:
        return []
    starts = [s.actual_start for s in steps if s.kind is StepKind.aftercare
              and s.state is StepState.current and s.actual_start]
    if contract is not None:
        starts.append(contract.actual_end)
    if not starts:
        return []
    began = min(starts)
    window_start = max(began, today - timedelta(days=YEAR_DAYS))
    days = min((today - began).days, YEAR_DAYS)
    due = per_year * days // YEAR_DAYS
    held = sum(1 for d in visits if window_start <= d <= today)
    if held >= due:
        return []
    return [Flag("aftercare_visits_behind", {"visits": held, "per_year": per_year})]


def _evaluation_flags(journey: Journey, contract: JourneyStep | None,
                      organisation: Organisation | None, talks: list[date],
                      today: date) -> list[Flag]:
    """`evaluation_due`: every `evaluation_every_months` since the last progress talk or
    evaluation held, counted from the contract (or, with an organisation cadence, from the
    start of the journey) when none was held yet. Without a cadence the desired journey's rule
    holds: half a year after the contract, and every half year after that."""
    months = organisation.evaluation_every_months if organisation else None
    if months:
        start = contract.actual_end if contract else journey.started_on
    elif contract is not None:
        months, start = DEFAULT_EVALUATION_MONTHS, contract.actual_end
    else:
        return []
    since = max([start, *[d for d in talks if d >= start]])
    if today < add_months(since, months):
        return []
    return [Flag("evaluation_due", {"since": date_text(since), "months": months})]


def _aware(value: datetime) -> datetime:
    """Aggregates come back naive from SQLite (the column type is bypassed): they are UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)
