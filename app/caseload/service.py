"""The caseload: every candidate of the consultant (primary or backup) with route, current step,
days in step and flags. A fixed number of queries however large the caseload."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any, Literal, NamedTuple

from sqlalchemy import bindparam, func, or_, select, true, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session

from app.access import log_list_read
from app.appointments.models import Appointment, Purpose
from app.auth.actor import Actor
from app.bounded_cache import PerDatabase
from app.case_file.models import CaseNote, CaseNoteKind
from app.caseload.flags import Flag
from app.clock import local_datetime, local_today, to_local
from app.contacts.models import Absence, ContactAssignment
from app.db import among, among_parameter, among_values, dialect_name, utcnow
from app.employers.labels import MILESTONES
from app.employers.models import EmployerConcern, MilestoneKind
from app.employers.service import placement_milestones
from app.file_versions import changed_files_in
from app.guarantees.models import FallbackGuarantee
from app.i18n import date_text, datetime_text, get_locale
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
from app.records.models import CandidateRecord, RecordKind
from app.records.service import (
    DEFINITIVE_WAGE_VALUE_MONTHS,
    add_months,
    checklist_done,
    current_by_kind,
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
SOON = timedelta(days=3)  # an appointment this close is flagged
FOREVER = datetime.max.replace(tzinfo=UTC)
# Rows kept per process: the caseloads of a team of fifty (a row is about 2 kB).
MAX_CACHED_ROWS = 5_000
ROW_CACHE: PerDatabase = PerDatabase(MAX_CACHED_ROWS)


# What the caseload reads of a step (its rows, flags, page and endpoint).
STEP_COLUMNS = (JourneyStep.id, JourneyStep.journey_id, JourneyStep.position, JourneyStep.key,
                JourneyStep.pictogram, JourneyStep.kind, JourneyStep.state,
                JourneyStep.actual_start, JourneyStep.actual_end,
                JourneyStep.expected_duration_days, JourneyStep.texts)


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
    route: Any  # the route's id, key and name
    journey: Any  # the journey's row: id, candidate_id, route_template_id, status, started_on
    current_step: Any  # a ShownStep
    days_in_step: int | None
    flags: list[Flag]
    # The other steps current beside the main one (the UWV advice, the day activities kept).
    beside: list = field(default_factory=list)  # ShownSteps
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


def list_caseload(session: Session, actor: Actor, *, today: date | None = None,
                  now: datetime | None = None, flag: str | None = None,
                  route_id: int | None = None, step_key: str | None = None,
                  search: str | None = None, sort: Sort = "flags", log: bool = True,
                  ) -> list[CaseloadRow]:
    """The actor's caseload, filtered and sorted; logs one "caseload" read per candidate
    (`log=False`: nobody reads it now, e.g. the daily digest counts its flags).

    A candidate's row comes from the row cache while their file's data version, the day and
    the language are those it was made for, and no moment has passed that changes it without
    a write (see `_Facts.valid_until`); only the other rows are worked out."""
    today = today or local_today()
    now = now or utcnow()
    # Only the columns the rows need, as plain rows: loading 100 entities costs more than the
    # query. The data version says which cached rows still hold.
    assignments = session.execute(_assignments_statement(dialect_name(session)),
                                  {"person_id": actor.person_id}).all()
    if search:
        needle = search.strip().lower()
        assignments = [a for a in assignments if needle in a.display_name.lower()]
    if not assignments:
        return []
    absent = _absent_today(session, {a.primary_id for a in assignments}, today)
    # A unit of work that changed a file may yet roll back: its reads are not cached.
    cache = None if changed_files_in(session) else ROW_CACHE.of(session.get_bind())
    locale = get_locale()
    facts: dict[int, _Facts] = {}
    if cache is not None:
        for a in assignments:
            hit = cache.get((a.candidate_id, a.data_version, today, locale), now)
            if hit is not None:
                facts[a.candidate_id] = hit
    missing = [a for a in assignments if a.candidate_id not in facts]
    if missing:
        made = _work_out(session, missing, absent, today, now)
        facts.update(made)
        if cache is not None:
            for a in missing:
                cache.put((a.candidate_id, a.data_version, today, locale), made[a.candidate_id])
    routes = {r.id: r for r in session.execute(select(
        RouteTemplate.id, RouteTemplate.key, RouteTemplate.name).where(
        RouteTemplate.id.in_({f.journey.route_template_id for f in facts.values()
                              if f.journey and f.journey.route_template_id})))}
    # Whom the actor covers today: the absent contact persons of the rows where she is backup.
    covered = {a.primary_id for a in assignments
               if a.primary_id in absent and a.backup_id == actor.person_id}
    covered_people = {p.id: p for p in session.scalars(
        select(Person).where(Person.id.in_(covered)))} if covered else {}

    rows = []
    for a in assignments:
        fact = facts[a.candidate_id]
        journey = fact.journey
        backing_up = a.backup_id == actor.person_id
        rows.append(CaseloadRow(
            candidate=CandidateName(a.candidate_id, a.display_name, a.organisation_id),
            role="primary" if a.primary_id == actor.person_id else "backup",
            route=routes.get(journey.route_template_id) if journey else None,
            journey=journey, current_step=fact.current_step, beside=list(fact.beside),
            days_in_step=fact.days_in_step, flags=list(fact.flags),
            waiting_questions=fact.waiting_questions,
            covering_for=covered_people.get(a.primary_id) if backing_up else None,
            covering_until=absent.get(a.primary_id) if backing_up else None))

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


@cache
def _assignments_statement(dialect: str):
    """The candidates of whom `person_id` is contact person or backup, with what their rows
    need of the person (the data version says which cached rows still hold). On PostgreSQL
    the person is a LATERAL lookup: as a join, the planner reads every person of the
    database into a hash (3 ms at 20,000 candidates) for a hundred index lookups."""
    person_id = bindparam("person_id")
    columns = (Person.display_name, Person.organisation_id, Person.data_version)
    query = select(ContactAssignment.candidate_id, ContactAssignment.primary_id,
                   ContactAssignment.backup_id)
    if dialect == "postgresql":
        person = select(*columns).where(Person.id == ContactAssignment.candidate_id) \
            .limit(1).lateral()
        query = query.add_columns(*person.c).join(person, true())
    else:
        query = query.add_columns(*columns).join(Person,
                                                 Person.id == ContactAssignment.candidate_id)
    return query.where(or_(ContactAssignment.primary_id == person_id,
                           ContactAssignment.backup_id == person_id))


def clear_row_cache(session: Session) -> None:
    """Forget every cached caseload row of this session's database (a test's clean start)."""
    ROW_CACHE.of(session.get_bind()).clear()


@dataclass(frozen=True, slots=True)
class _Facts:
    """What a candidate's caseload row shows that is the same for every reader: the journey,
    the step now, the flags. Made for one data version of the file, one day and one language;
    it holds from `valid_from` until `valid_until`, the first moment its flags would change
    without any write (an appointment begins or comes within three days, a question has waited
    too long, a day more without contact)."""
    journey: _JourneyFacts | None
    current_step: Any
    beside: tuple
    days_in_step: int | None
    flags: tuple[Flag, ...]
    waiting_questions: int
    valid_from: datetime
    valid_until: datetime


class ShownStep(NamedTuple):
    """What a caseload row shows of a step: its texts cut down to the title (a step's texts in
    every language are most of a cached row's size)."""
    id: int
    key: str
    pictogram: str
    texts: dict
    expected_duration_days: int | None


def _shown(step) -> ShownStep:
    titles = {language: {"title": (texts or {}).get("title", "")}
              for language, texts in (step.texts or {}).items()}
    return ShownStep(step.id, step.key, step.pictogram, titles, step.expected_duration_days)


def _absent_today(session: Session, consultants: set[int], today: date) -> dict[int, date]:
    """The contact persons away today, with the last day of their absence."""
    absent: dict[int, date] = {}
    for absence in session.execute(select(Absence.consultant_id, Absence.ends_on).where(
            among(session, Absence.consultant_id, consultants), Absence.starts_on <= today,
            Absence.ends_on >= today)):
        absent[absence.consultant_id] = max(absence.ends_on,
                                            absent.get(absence.consultant_id, absence.ends_on))
    return absent


def _work_out(session: Session, assignments: list, absent: dict[int, date], today: date,
              now: datetime) -> dict[int, _Facts]:
    """The rows' facts of these candidates, a fixed number of queries however many."""
    dialect = dialect_name(session)
    ids = [a.candidate_id for a in assignments]
    by_candidate = {f.candidate_id: f for f in session.execute(
        _facts_statement(dialect), {"ids": among_values(dialect, ids), "now": now})}
    journeys = {f.candidate_id: _JourneyFacts(f.journey_id, f.candidate_id,
                                              f.route_template_id, f.status, f.started_on)
                for f in by_candidate.values() if f.journey_id is not None}
    steps_by_journey: dict[int, list[JourneyStep]] = {}
    if journeys:
        # Only the steps the flags look at: the current one and a finished contract; only
        # the columns the rows and flags read, as plain rows (no entities, fewer JSON texts).
        for step in session.execute(select(*STEP_COLUMNS).where(
                among(session, JourneyStep.journey_id, [j.id for j in journeys.values()]),
                or_(JourneyStep.state == StepState.current,
                    (JourneyStep.kind == StepKind.contract)
                    & (JourneyStep.state == StepState.done)))
                .order_by(JourneyStep.position)):
            steps_by_journey.setdefault(step.journey_id, []).append(step)
    organisations = {o.id: o for o in session.scalars(select(Organisation).where(
        Organisation.id.in_({a.organisation_id for a in assignments})))}
    # From the start of the day a year ago: the window is counted in days (the flags' `today`),
    # so the list does not change in the course of a day.
    visits = _held_dates(session, ids, Purpose.aftercare_visit,
                         local_datetime(today - timedelta(days=YEAR_DAYS), time(0, 0)),
                         now, contact_kinds=(CaseNoteKind.visit,))
    records = current_by_kind(session, ids, (RecordKind.contract, RecordKind.first_salary,
                                             RecordKind.wage_value))
    # Worries employers told about and no consultant handled yet: count and the first one.
    concerns = {row[0]: (row[1], row[2]) for row in session.execute(
        select(EmployerConcern.candidate_id, func.count(), func.min(EmployerConcern.created_at))
        .where(among(session, EmployerConcern.candidate_id, ids),
               EmployerConcern.handled_at.is_(None))
        .group_by(EmployerConcern.candidate_id))}
    # The milestones of running placements (wage value, subsidy end, support allowance).
    milestones: dict[int, list] = {}
    for row in placement_milestones(session, ids):
        milestones.setdefault(row.candidate_id, []).append(row)

    made = {}
    for assignment in assignments:
        candidate_id = assignment.candidate_id
        fact = by_candidate[candidate_id]
        journey = journeys.get(candidate_id)
        steps = steps_by_journey.get(journey.id, []) if journey else []
        # Several steps can be current (a trial beside the UWV advice, the day activities
        # kept beside it): days in step and overdue follow the main one only.
        now_running = current_steps(steps)
        current = now_running[0] if now_running else None
        days = days_in_step(current, today) if current else None
        # Moments at which these facts change with no write: an appointment begins (it is
        # held now, and no longer soon), a note dated a little ahead comes to pass.
        later = [_aware(t) for t in (fact.next_appointment, fact.next_note) if t]
        flags: list[Flag] = []
        if current and is_overdue(current, journey, today):
            flags.append(Flag("step_overdue", {"days": days,
                                               "expected": current.expected_duration_days}))
        if fact.next_appointment is not None:
            upcoming = _aware(fact.next_appointment)
            if upcoming <= now + SOON:
                flags.append(Flag("appointment_soon",
                                  {"when": datetime_text(upcoming, "short")}))
            else:
                later.append(upcoming - SOON)
        # The newest money inputs, if any (its benefit is never empty).
        inputs = _MoneyFacts(fact.start_date, fact.benefit, fact.benefits_office_informed_on) \
            if fact.benefit is not None else None
        placed = milestones.get(candidate_id, [])
        flags.extend(_contract_flags(records.get(candidate_id, []), inputs, today, placed))
        # With a contract on file its wage_value_due flag speaks for the definitive wage value.
        flags.extend(_milestone_flags(placed, today,
                                      skip_final=_has_contract(records.get(candidate_id, []))))
        # With a contract on file its checklist flag says it (the first salary follows it).
        if (not _has_contract(records.get(candidate_id, []))
                and inputs and inputs.start_date and inputs.benefit != "none"
                and inputs.benefits_office_informed_on is None
                and today <= inputs.start_date <= today + timedelta(weeks=FIRST_SALARY_WEEKS)):
            flags.append(
                Flag("first_salary_soon", {"start": date_text(inputs.start_date)})
            )
        if fact.guarantee_until is None:  # never empty in a guarantee
            flags.append(Flag("guarantee_missing", {}))
        elif fact.guarantee_until <= today + timedelta(weeks=GUARANTEE_WEEKS):
            flags.append(Flag("guarantee_expiring",
                              {"until": date_text(fact.guarantee_until)}))
        contacts = [t for t in (fact.last_contact, fact.last_meeting) if t]
        latest = max((_aware(t) for t in contacts), default=None)
        # With no contact at all yet, count from the start of the journey.
        since = (now - latest).days if latest else (
            (today - journey.started_on).days if journey else None)
        if latest:
            later.append(latest + timedelta(days=since + 1))  # a day more without contact
        if since is not None and since >= NO_CONTACT_DAYS:
            flags.append(Flag("no_contact", {"days": since}))
        contract = next((s for s in steps if s.kind is StepKind.contract
                         and s.state is StepState.done and s.actual_end), None)
        organisation = organisations.get(assignment.organisation_id)
        flags.extend(_rule_flags(journey, steps, records.get(candidate_id, []), organisation,
                                 fact.tried_before))
        if journey is not None and journey.status not in ENDED_WITHOUT_WORK:
            flags.extend(_aftercare_flags(steps, contract, organisation,
                                          visits.get(candidate_id, []), today))
            flags.extend(_evaluation_flags(journey, contract, organisation,
                                           _evaluations_held(fact, today), today))
        if assignment.primary_id in absent and assignment.backup_id is None:
            flags.append(Flag("contact_absent_no_backup", {}))
        if not fact.with_network:
            flags.append(Flag("network_never_invited", {}))
        oldest_question = _aware(fact.oldest_question) if fact.waiting_questions else None
        if oldest_question:
            due = answer_due(oldest_question)
            if now > due:
                flags.append(Flag("question_waiting",
                                  {"since": datetime_text(oldest_question, "short")}))
            else:
                later.append(due)
        if candidate_id in concerns:
            count, first = concerns[candidate_id]
            flags.append(Flag("employer_concern", {"count": count,
                                                   "since": datetime_text(first, "short")}))
        made[candidate_id] = _Facts(
            journey=journey, current_step=_shown(current) if current else None,
            beside=tuple(_shown(step) for step in now_running[1:]),
            days_in_step=days, flags=tuple(flags), waiting_questions=fact.waiting_questions,
            valid_from=now, valid_until=min(later, default=FOREVER))
    return made


class _JourneyFacts(NamedTuple):
    """The columns of a candidate's newest journey that the caseload uses."""
    id: int
    candidate_id: int
    route_template_id: int | None
    status: JourneyStatus
    started_on: date


class _MoneyFacts(NamedTuple):
    """The columns of a candidate's newest money inputs that the flags use."""
    start_date: date | None
    benefit: str
    benefits_office_informed_on: date | None


@cache
def _facts_statement(dialect: str):
    """One row per candidate (the parameters: `ids` and `now`): the newest journey, money
    inputs and guarantee, the next appointment and the next note dated ahead, the latest
    contact, meeting, talk and evaluation, the waiting questions, the workplaces tried and
    whether anyone looks along. Correlated subqueries, each a lookup in the candidate's
    index: one statement instead of fifteen (each a round trip and a third of a millisecond
    of Python), never a join PostgreSQL might answer by reading every candidate's journey.
    Built once per database kind: building it is most of its cost."""
    now = bindparam("now")
    candidate = Person.id

    def newest(model, column, order):
        return select(column).where(model.candidate_id == candidate).order_by(
            order.desc()).limit(1).correlate(Person).scalar_subquery()

    def held(purpose: Purpose):
        appointments = select(func.max(Appointment.starts_at)).where(
            Appointment.candidate_id == candidate, Appointment.purpose_code == purpose,
            Appointment.cancelled_at.is_(None), Appointment.starts_at <= now)
        talks = select(func.max(CaseNote.happened_at)).where(
            CaseNote.candidate_id == candidate, CaseNote.purpose_code == purpose,
            CaseNote.kind.in_([k for k in CaseNoteKind if k is not CaseNoteKind.note]),
            CaseNote.happened_at <= now)
        return appointments.scalar_subquery(), talks.scalar_subquery()

    reply = aliased(Message)
    unanswered = (Message.candidate_id == candidate, Message.kind == MessageKind.question,
                  # The same candidate's answers: found through its index.
                  ~select(reply.id).where(reply.candidate_id == Message.candidate_id,
                                          reply.reply_to_id == Message.id).exists())
    held_talk, noted_talk = held(Purpose.progress_talk)
    query = select(
        Person.id.label("candidate_id"),
        *(newest(Journey, column, Journey.id).label(name) for name, column in (
            ("journey_id", Journey.id), ("route_template_id", Journey.route_template_id),
            ("status", Journey.status), ("started_on", Journey.started_on))),
        *(newest(MoneyInputs, column, MoneyInputs.number).label(column.key) for column in (
            MoneyInputs.start_date, MoneyInputs.benefit,
            MoneyInputs.benefits_office_informed_on)),
        newest(FallbackGuarantee, FallbackGuarantee.indication_valid_until,
               FallbackGuarantee.number).label("guarantee_until"),
        # The next appointment: "soon" within three days; when it begins, it was held.
        select(func.min(Appointment.starts_at)).where(
            Appointment.candidate_id == candidate, Appointment.cancelled_at.is_(None),
            Appointment.starts_at >= now).scalar_subquery().label("next_appointment"),
        # A contact moment may be noted a little ahead (a fast clock): it counts once it is.
        select(func.min(CaseNote.happened_at)).where(
            CaseNote.candidate_id == candidate, CaseNote.happened_at > now)
        .scalar_subquery().label("next_note"),
        select(func.max(Message.created_at)).where(
            Message.candidate_id == candidate,
            Message.kind.in_([MessageKind.update, MessageKind.answer]))
        .scalar_subquery().label("last_contact"),
        select(func.max(Appointment.starts_at)).where(
            Appointment.candidate_id == candidate, Appointment.cancelled_at.is_(None),
            Appointment.starts_at <= now).scalar_subquery().label("last_meeting"),
        held_talk.label("held_talk"), noted_talk.label("noted_talk"),
        select(func.max(CandidateRecord.dated_on)).where(
            CandidateRecord.candidate_id == candidate,
            CandidateRecord.kind == RecordKind.evaluation)
        .scalar_subquery().label("evaluated_on"),
        # Questions asked and not answered yet (a question or "I can't come").
        select(func.count()).where(*unanswered).scalar_subquery().label("waiting_questions"),
        select(func.min(Message.created_at)).where(*unanswered).scalar_subquery()
        .label("oldest_question"),
        # Workplaces tried before this one ("maximaal drie keer").
        select(func.count()).where(
            WayBackEvent.candidate_id == candidate,
            WayBackEvent.kind == WayBackKind.other_placement)
        .scalar_subquery().label("tried_before"),
        select(NetworkGrant.id).where(NetworkGrant.candidate_id == candidate)
        .exists().label("with_network"),
    ).where(among_parameter(dialect, Person.id, "ids"))
    return query


def _evaluations_held(fact, today: date) -> list[date]:
    """The local days of the latest progress talk held (appointment or contact moment) and
    of the latest evaluation record on or before today: the evaluation flag counts from the
    newest of them."""
    held = [to_local(_aware(at)).date() for at in (fact.held_talk, fact.noted_talk) if at]
    if fact.evaluated_on is not None and fact.evaluated_on <= today:
        held.append(fact.evaluated_on)
    return held


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
    """The local dates on which a talk with this purpose was held, per candidate, in one
    query: appointments that have begun and were not cancelled, and contact moments of the
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
    # Both in one statement: a round trip and a statement's Python less.
    for candidate_id, at in session.execute(union_all(appointments, moments)):
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
