"""Records services: saving a record (each save a new version), reading them through the file
handle, and the rules across fields: dates in order, the statutory minimum wage for the age on
the start date (from the money parameters), the organisation's shortest contract and hours
criterion."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlmodel import Session

from app.access import CandidateFile, FileArea, can_change, open_file
from app.auth.actor import Actor
from app.clock import local_today
from app.concurrency import check_version
from app.db import among
from app.error_handlers import invalid_params_from
from app.errors import Conflict, NotFound, ValidationFailed, field_error
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.i18n import money_text
from app.journeys.models import Journey, JourneyStep
from app.money.engine import earliest_valid_from, load_parameters
from app.money.engine.rates import rates_for
from app.money.models import MoneyInputs
from app.organisations.models import Organisation
from app.people.models import Person, Role
from app.records.models import CandidateRecord, RecordKind
from app.records.schemas import RECORD_ADAPTER, ContractCreate, HoursPlanCreate
from app.route_templates.models import StepKind

MAX_WEEK_HOURS = 40  # work and day activities together: a full working week, no more
MAX_WEEK_DAYS = 5  # days at work and at day activities together
DEFINITIVE_WAGE_VALUE_MONTHS = 6  # "na 6 maanden forfaitair LKS"
ADULT_AGE = 21

# A record linked to a step must match the step's kind (a contract record to a contract step).
STEP_KINDS = {
    RecordKind.contract: {StepKind.contract},
    RecordKind.trial: {StepKind.trial, StepKind.hybrid},
    RecordKind.first_salary: {StepKind.salary, StepKind.contract},
}


class RecordKindChanged(Conflict):
    code = "record_kind_changed"
    title = _l("A record keeps its kind. Make a new record instead.")


@dataclass(frozen=True)
class ContractTerms:
    """The current contract as the money calculator uses it (hours, start, hourly wage)."""

    employer_name: str
    hours_per_week: Decimal
    starts_on: date
    ends_on: date | None
    hourly_wage: Decimal  # euros; a monthly wage is turned into an hourly one


# --- parsing and rules ---------------------------------------------------------------------

def parse_record(data: Any):
    """The body as the schema of its kind. Raises ValidationFailed with each field named
    without the kind in front (`hours_per_week`, not `contract.hours_per_week`)."""
    try:
        return RECORD_ADAPTER.validate_python(data)
    except ValidationError as error:
        params = []
        for param in invalid_params_from(error.errors()):
            name = param["name"]
            kind, _sep, rest = name.partition(".")
            if kind in RecordKind.__members__ and rest:
                name = rest
            params.append({**param, "name": name})
        raise ValidationFailed(invalid_params=params + _dates_in_order(data, params)) from None


def _dates_in_order(data: Any, params: list[dict]) -> list[dict]:
    """A contract refused for another field is also told its end comes before its start, so
    the form names both mistakes at once instead of one after the other."""
    if not isinstance(data, dict) or data.get("kind") != "contract":
        return []
    if any(p["name"] in ("starts_on", "ends_on") for p in params):
        return []
    try:
        starts, ends = date.fromisoformat(data["starts_on"]), date.fromisoformat(data["ends_on"])
    except (KeyError, TypeError, ValueError):
        return []
    if ends > starts:
        return []
    return [field_error("ends_on", _("The end date must be after the start date."),
                        "end_before_start")]


def months_between(start: date, end: date) -> int:
    """Whole calendar months from `start` up to `end`."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def _age_on(candidate: Person, session: Session, on: date) -> int:
    """The candidate's age on a day; without a date of birth the age in the money inputs, else
    an adult (the highest minimum: never accept less than the law may ask)."""
    born = candidate.date_of_birth
    if born is not None:
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    # A read behind a write that shows nothing: only the age, to pick the minimum wage.
    extra = session.scalar(select(MoneyInputs.extra).where(
        MoneyInputs.candidate_id == candidate.id).order_by(MoneyInputs.number.desc()).limit(1))
    return int((extra or {}).get("age", ADULT_AGE))


def minimum_wage_cents(session: Session, candidate: Person, organisation: Organisation,
                       basis: str, hours: Decimal, on: date) -> int:
    """The statutory minimum wage (WML) for the candidate's age on `on`, from the money
    parameters valid that day (with the organisation's overrides), per hour or per month."""
    as_of = max(on, earliest_valid_from())
    rates = rates_for(load_parameters(as_of, organisation.money_overrides or None))
    share = rates.youth_rate(_age_on(candidate, session, on))
    if basis == "monthly":
        euros = rates.wml_month_36h * hours / 36 * share
    else:
        euros = rates.wml_hourly * share
    return int((euros * 100).quantize(Decimal(1), rounding=ROUND_CEILING))


def _check_contract(session: Session, candidate: Person, organisation: Organisation,
                    data: ContractCreate) -> list[dict]:
    errors = []
    if data.ends_on is not None:
        if data.ends_on <= data.starts_on:
            errors.append(field_error("ends_on", _("The end date must be after the start date."),
                                      "end_before_start"))
        elif organisation.min_contract_months and months_between(
                data.starts_on, data.ends_on + timedelta(days=1),
        ) < organisation.min_contract_months:
            errors.append(field_error("ends_on", _(
                "The contract must last at least %(months)s months here.")
                % {"months": organisation.min_contract_months}, "contract_too_short"))
    minimum = minimum_wage_cents(session, candidate, organisation, data.wage_basis,
                                 data.hours_per_week, data.starts_on)
    if data.wage_cents < minimum:
        errors.append(field_error("wage_cents", _(
            "The wage is below the minimum wage for this age on the start date: at least "
            "%(minimum)s.") % {"minimum": money_text(minimum, cents=True)}, "below_minimum_wage"))
    return errors


def _check_hours_plan(data: HoursPlanCreate) -> list[dict]:
    errors = []
    for index, period in enumerate(data.periods):
        if period.work_hours + period.day_activity_hours > MAX_WEEK_HOURS:
            errors.append(field_error(f"periods.{index}.work_hours", _(
                "Work and day activities together: at most %(hours)s hours a week.")
                % {"hours": MAX_WEEK_HOURS}, "too_many_hours"))
        if (period.work_days or 0) + (period.day_activity_days or 0) > MAX_WEEK_DAYS:
            errors.append(field_error(f"periods.{index}.work_days", _(
                "Work and day activities together: at most %(days)s days a week.")
                % {"days": MAX_WEEK_DAYS}, "too_many_days"))
        if index and period.starts_on <= data.periods[index - 1].starts_on:
            errors.append(field_error(f"periods.{index}.starts_on", _(
                "Each period starts after the one before."), "periods_out_of_order"))
    return errors


def _after(errors: list, later: date | None, earlier: date | None, field: str) -> None:
    if later is not None and earlier is not None and later < earlier:
        errors.append(field_error(field, _("This date cannot be before %(date)s.")
                                  % {"date": earlier.isoformat()}, "date_out_of_order"))


def _check(session: Session, candidate: Person, organisation: Organisation, record) -> list:
    kind = RecordKind(record.kind)
    errors: list[dict] = []
    if kind is RecordKind.contract:
        errors += _check_contract(session, candidate, organisation, record)
    elif kind is RecordKind.hours_plan:
        errors += _check_hours_plan(record)
    elif kind is RecordKind.uwv_advice:
        _after(errors, record.interview_on, record.requested_on, "interview_on")
        _after(errors, record.letter_on, record.requested_on, "letter_on")
    elif kind is RecordKind.decision:
        if "candidate" not in record.decided_with:
            errors.append(field_error("decided_with", _(
                "The candidate decides together with the others."), "candidate_not_involved"))
    elif kind is RecordKind.plan_goals:
        for index, goal in enumerate(record.goals):
            _after(errors, goal.evaluate_on, record.made_on, f"goals.{index}.evaluate_on")
        _after(errors, record.ended_on, record.made_on, "ended_on")
    elif kind is RecordKind.evaluation:
        if record.next_on is not None and record.next_on <= record.held_on:
            errors.append(field_error("next_on", _("The next talk must be after this one."),
                                      "date_out_of_order"))
    elif kind is RecordKind.first_salary:
        if bool(record.overpayment_agreement.strip()) != (record.overpayment_agreed_on
                                                          is not None):
            errors.append(field_error("overpayment_agreed_on", _(
                "Give the agreement about paying back and the day it was made, or neither."),
                "incomplete_agreement"))
        _after(errors, record.checked_after_first_payslip_on, record.expected_first_payslip_on,
               "checked_after_first_payslip_on")
    return errors


def dated_on(record) -> date:
    """The record's own date: what lists and the timeline sort by."""
    kind = RecordKind(record.kind)
    if kind is RecordKind.hours_plan:
        return record.periods[0].starts_on
    if kind is RecordKind.first_salary:
        return (record.expected_first_payslip_on or record.benefits_office_informed_on
                or local_today())
    field = {
        RecordKind.uwv_advice: "requested_on", RecordKind.decision: "decided_on",
        RecordKind.contract: "starts_on", RecordKind.trial: "starts_on",
        RecordKind.wage_value: "measured_on", RecordKind.screening: "screened_on",
        RecordKind.plan_goals: "made_on", RecordKind.ladder_rung: "on",
        RecordKind.evaluation: "held_on",
    }[kind]
    return getattr(record, field)


def _step_of(session: Session, candidate_id: int, kind: RecordKind,
             step_id: int | None) -> JourneyStep | None:
    if step_id is None:
        return None
    step = session.scalar(select(JourneyStep).join(Journey, Journey.id == JourneyStep.journey_id)
                          .where(JourneyStep.id == step_id, Journey.candidate_id == candidate_id))
    if step is None:
        raise ValidationFailed(invalid_params=[field_error(
            "step_id", _("This step is not in the candidate's journey."), "unknown_step")])
    allowed = STEP_KINDS.get(kind)
    if allowed and step.kind not in allowed:
        raise ValidationFailed(invalid_params=[field_error(
            "step_id", _("This record does not belong to a step of this kind."),
            "wrong_step_kind")])
    return step


# --- reading -------------------------------------------------------------------------------

def _current_query(session: Session, candidate_ids: Iterable[int]):
    ids = list(candidate_ids)
    newest = (select(CandidateRecord.candidate_id, CandidateRecord.record_no,
                     func.max(CandidateRecord.number).label("top"))
              .where(among(session, CandidateRecord.candidate_id, ids))
              .group_by(CandidateRecord.candidate_id, CandidateRecord.record_no).subquery())
    # Filtered outside too, so the join reads these candidates' rows, not the whole table.
    return select(CandidateRecord).join(newest, (
        CandidateRecord.candidate_id == newest.c.candidate_id)
        & (CandidateRecord.record_no == newest.c.record_no)
        & (CandidateRecord.number == newest.c.top)).where(
        among(session, CandidateRecord.candidate_id, ids))


def _visible_kinds(file: CandidateFile) -> set[RecordKind]:
    """The first-salary checklist is about money: only for those who may see the money."""
    kinds = set(RecordKind)
    if not file.may(FileArea.money):
        kinds.discard(RecordKind.first_salary)
    return kinds


def list_current(session: Session, file: CandidateFile,
                 kind: RecordKind | None = None) -> list[CandidateRecord]:
    """The newest version of each record the actor may see, newest date first. Raises
    NotFound."""
    file.require(FileArea.records)
    query = _current_query(session, [file.candidate_id])
    if kind is not None:
        query = query.where(CandidateRecord.kind == kind)
    kinds = _visible_kinds(file)
    return [r for r in session.scalars(query.order_by(CandidateRecord.dated_on.desc(),
                                                      CandidateRecord.record_no.desc()))
            if r.kind in kinds]


def list_records(session: Session, file: CandidateFile) -> list[CandidateRecord]:
    """Every record (newest version) with its date (`dated_on`), for the staff timeline.
    Raises NotFound."""
    return list_current(session, file)


def get_record(session: Session, file: CandidateFile,
               record_no: int) -> list[CandidateRecord]:
    """Every version of one record, newest first. Raises NotFound."""
    file.require(FileArea.records)
    versions = list(session.scalars(select(CandidateRecord).where(
        CandidateRecord.candidate_id == file.candidate_id,
        CandidateRecord.record_no == record_no).order_by(CandidateRecord.number.desc())))
    if not versions or versions[0].kind not in _visible_kinds(file):
        raise NotFound()
    return versions


def find_contract(session: Session, file: CandidateFile) -> CandidateRecord | None:
    """The contract in force or coming (the latest start). Raises NotFound."""
    records = list_current(session, file, RecordKind.contract)
    return max(records, key=lambda r: (r.dated_on, r.record_no), default=None)


def contract_terms(record: CandidateRecord | None) -> ContractTerms | None:
    if record is None:
        return None
    data = record.data
    hours = Decimal(str(data["hours_per_week"]))
    wage = Decimal(data["wage_cents"]) / 100
    if data.get("wage_basis") == "monthly":
        # A month is 52/12 weeks: the hourly wage the monthly wage means for these hours.
        wage = (wage * 12 / (hours * 52)).quantize(Decimal("0.01"))
    return ContractTerms(
        employer_name=data["employer_name"], hours_per_week=hours,
        starts_on=date.fromisoformat(data["starts_on"]),
        ends_on=date.fromisoformat(data["ends_on"]) if data.get("ends_on") else None,
        hourly_wage=wage)


def contract_terms_for_money(session: Session, file: CandidateFile) -> ContractTerms | None:
    """The contract's hours, start and wage for the money overview. Part of the money area: a
    reader who may see the money sees the numbers the outcome is built on. Raises NotFound."""
    file.require(FileArea.money)
    query = _current_query(session, [file.candidate_id]).where(
        CandidateRecord.kind == RecordKind.contract)
    records = list(session.scalars(query))
    return contract_terms(max(records, key=lambda r: (r.dated_on, r.record_no), default=None))


def latest_evaluation_on(session: Session, candidate_ids: Iterable[int]) -> dict[int, date]:
    """The day of each candidate's latest evaluation or progress talk, for the caseload (which
    logs its own list read)."""
    ids = list(candidate_ids)
    if not ids:
        return {}
    rows = session.execute(select(CandidateRecord.candidate_id,
                                  func.max(CandidateRecord.dated_on))
                           .where(among(session, CandidateRecord.candidate_id, ids),
                                  CandidateRecord.kind == RecordKind.evaluation)
                           .group_by(CandidateRecord.candidate_id)).all()
    return {candidate_id: day for candidate_id, day in rows}


def current_by_kind(session: Session, candidate_ids: Iterable[int],
                    kinds: Iterable[RecordKind]) -> dict[int, list[CandidateRecord]]:
    """The newest version of each record of these kinds per candidate, for the caseload flags
    (the caseload logs its own list read)."""
    ids = list(candidate_ids)
    result: dict[int, list[CandidateRecord]] = {}
    if not ids:
        return result
    for record in session.scalars(_current_query(session, ids).where(
            CandidateRecord.kind.in_(list(kinds))).order_by(CandidateRecord.dated_on)):
        result.setdefault(record.candidate_id, []).append(record)
    return result


# --- computed checks -------------------------------------------------------------------------

def hours_checks(data: dict[str, Any], criterion: int | None, today: date) -> dict[str, Any]:
    """The hours plan against the hours criterion: the period now, the last period, and
    whether the plan reaches the criterion (or an exception was made)."""
    periods = data.get("periods", [])
    now = None
    for period in periods:
        if date.fromisoformat(period["starts_on"]) <= today:
            now = period
    last = periods[-1] if periods else None
    reaches = (criterion is None or (last is not None
                                     and Decimal(str(last["work_hours"])) >= criterion))
    return {"criterion": criterion, "now": now, "last": last, "reaches_criterion": reaches,
            "exception": bool(data.get("criterion_exception", "").strip()),
            "ok": reaches or bool(data.get("criterion_exception", "").strip())}


def checklist_done(data: dict[str, Any]) -> bool:
    """The first-salary checklist is done when the office was told, the first payslip is
    expected on a known day and was checked afterwards (an overpayment agreement is only
    needed when there was one)."""
    return bool(data.get("benefits_office_informed_on") and data.get("expected_first_payslip_on")
                and data.get("checked_after_first_payslip_on"))


def checks_for(session: Session, record: CandidateRecord, organisation: Organisation,
               today: date | None = None) -> dict[str, Any]:
    today = today or local_today()
    if record.kind is RecordKind.hours_plan:
        return hours_checks(record.data, organisation.hours_criterion, today)
    if record.kind is RecordKind.contract:
        start = date.fromisoformat(record.data["starts_on"])
        return {"definitive_wage_value_due_on": add_months(start, DEFINITIVE_WAGE_VALUE_MONTHS),
            "min_contract_months": organisation.min_contract_months}
    if record.kind is RecordKind.first_salary:
        return {"done": checklist_done(record.data)}
    return {}


# --- writing -------------------------------------------------------------------------------

def save_record(session: Session, actor: Actor, candidate_id: int, data: Any, *,
                record_no: int | None = None,
                expected_version: int | None = None) -> CandidateRecord:
    """Create a record (record_no None) or store a new version of one (the version the client
    edited in `expected_version`); earlier versions stay. Consultants of the candidate only.
    Raises NotFound, ValidationFailed (nothing stored), StaleVersion or RecordKindChanged."""
    file = open_file(session, actor, candidate_id).require(FileArea.records)
    if actor.role is not Role.consultant or not can_change(actor, FileArea.records):
        raise NotFound()
    record = parse_record(data)
    kind = RecordKind(record.kind)
    current = None
    if record_no is not None:
        current = get_record(session, file, record_no)[0]
        check_version(current.number, expected_version if expected_version is not None else -1)
        if current.kind is not kind:
            raise RecordKindChanged()
    candidate = file.candidate
    organisation = session.get(Organisation, candidate.organisation_id)
    errors = _check(session, candidate, organisation, record)
    if errors:
        raise ValidationFailed(invalid_params=errors)
    step = _step_of(session, candidate_id, kind, record.step_id)
    if current is None:
        top = session.scalar(select(func.max(CandidateRecord.record_no)).where(
            CandidateRecord.candidate_id == candidate_id)) or 0
        record_no = top + 1
    row = CandidateRecord(
        candidate_id=candidate_id, record_no=record_no,
        number=(current.number if current else 0) + 1, kind=kind,
        step_id=step.id if step else None, step_kind=step.kind.value if step else None,
        dated_on=dated_on(record), data=record.model_dump(mode="json", exclude={"step_id"}),
        created_by_id=actor.person_id)
    session.add(row)
    session.flush()
    return row
