"""Money services: the stored inputs on a candidate's file and the outcome computed from them.

The outcome is never stored: it is recomputed on every read from the current parameters, the
organisation's overrides and its first-salary practice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from app.access import CandidateFile, FileArea, can_change, open_file
from app.auth.actor import Actor
from app.clock import local_today
from app.concurrency import check_version
from app.errors import NotFound, ValidationFailed, field_error
from app.i18n import gettext as _
from app.money.engine import Outcome, Situation, Work, calculate
from app.money.inputs import BenefitsOfficeInformedCreate, MoneyInputsUpdate
from app.money.models import MoneyInputs
from app.organisations.models import Organisation
from app.people.models import Person
from app.records.service import ContractTerms, contract_terms_for_money

CENTS = Decimal(100)


@dataclass(frozen=True)
class MoneyOverview:
    candidate: Person
    inputs: MoneyInputs | None
    outcome: Outcome | None
    hours: Decimal | None
    # Where hours, start date and wage come from: "inputs", "contract", "tried" or "none".
    sources: dict[str, str] | None = None
    contract: ContractTerms | None = None


def current_inputs(session: Session, file: CandidateFile) -> MoneyInputs | None:
    """The newest version of the money inputs, if any. Raises NotFound."""
    file.require(FileArea.money)
    return session.scalar(
        select(MoneyInputs).where(MoneyInputs.candidate_id == file.candidate_id)
        .order_by(MoneyInputs.number.desc()).limit(1)
    )


def _age(candidate: Person, inputs: MoneyInputs, today: date) -> int:
    if candidate.date_of_birth is None:
        return int(inputs.extra.get("age", 30))
    born = candidate.date_of_birth
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _months_in_work(start: date | None, today: date) -> int:
    if start is None or start >= today:
        return 1
    return (today.year - start.year) * 12 + today.month - start.month + 1


def _cents(amount: Decimal | None) -> int | None:
    return None if amount is None else int(amount * CENTS)


def _euros(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents) / CENTS


def work_terms(inputs: MoneyInputs, contract: ContractTerms | None,
               hours: Decimal | None) -> tuple[Decimal, Decimal | None, date | None,
                                                dict[str, str]]:
    """Hours, hourly wage and start date for the outcome, and where each comes from: what the
    consultant stored wins, else the contract on the file (records), else nothing."""
    sources = {}
    if hours is not None:
        work_hours, sources["hours"] = hours, "tried"
    elif inputs.planned_hours is not None:
        work_hours, sources["hours"] = Decimal(str(inputs.planned_hours)), "inputs"
    elif contract is not None:
        work_hours, sources["hours"] = contract.hours_per_week, "contract"
    else:
        work_hours, sources["hours"] = Decimal(0), "none"
    if inputs.hourly_wage_cents is not None:
        wage, sources["wage"] = _euros(inputs.hourly_wage_cents), "inputs"
    elif contract is not None:
        wage, sources["wage"] = contract.hourly_wage, "contract"
    else:
        wage, sources["wage"] = None, "none"
    if inputs.start_date is not None:
        start, sources["start_date"] = inputs.start_date, "inputs"
    elif contract is not None:
        start, sources["start_date"] = contract.starts_on, "contract"
    else:
        start, sources["start_date"] = None, "none"
    return work_hours, wage, start, sources


def engine_input(candidate: Person, inputs: MoneyInputs, organisation: Organisation,
                 hours: Decimal | None, today: date,
                 contract: ContractTerms | None = None) -> tuple[Situation, Work]:
    """The stored inputs as the engine's situation and work (hours may be tried out); hours,
    wage and start date the inputs leave out come from the contract."""
    work_hours, wage, start, _sources = work_terms(inputs, contract, hours)
    situation = Situation(
        as_of=today, age=_age(candidate, inputs, today), household=inputs.household,
        adults_in_home=inputs.adults_in_home, children_ages=tuple(inputs.children_ages),
        benefit=inputs.benefit, partner_net_income=_euros(inputs.partner_net_income_cents),
        volunteer_allowance=_euros(inputs.volunteer_allowance_cents),
        rent=_euros(inputs.rent_cents), medical_hours_limit=inputs.medical_hours_limit,
        offset_practice=organisation.first_salary_offset.value,
    )
    work = Work(
        hours_per_week=work_hours, hourly_wage=wage,
        months_in_work=_months_in_work(start, today),
        # The first-salary month follows the start: the stored one, else the contract's.
        start_date=start if start and start >= today else None,
    )
    return situation, work


def get_overview(session: Session, file: CandidateFile, *,
                 hours: Decimal | None = None, today: date | None = None) -> MoneyOverview:
    """The candidate's money outcome now versus with work, recomputed from the current
    parameters. Raises NotFound when the actor may not see the money area."""
    candidate = file.candidate
    inputs = current_inputs(session, file)
    if inputs is None:
        return MoneyOverview(candidate, None, None, None)
    today = today or local_today()
    organisation = session.get(Organisation, candidate.organisation_id)
    contract = contract_terms_for_money(session, file)
    situation, work = engine_input(candidate, inputs, organisation, hours, today, contract)
    outcome = calculate(situation, work, organisation.money_overrides or None)
    sources = work_terms(inputs, contract, hours)[3]
    return MoneyOverview(candidate, inputs, outcome, work.hours_per_week, sources, contract)


def save_inputs(session: Session, actor: Actor, candidate_id: int, data: MoneyInputsUpdate,
                expected_version: int) -> MoneyInputs:
    """Store a new version of the money inputs (the consultant's job); the day the benefits
    office was informed is kept unless the data sets it. Raises NotFound, StaleVersion (someone
    saved in between) or ValidationFailed (age needed)."""
    file = open_file(session, actor, candidate_id).require(FileArea.money)
    candidate = file.candidate
    if not can_change(actor, FileArea.money) or not actor.is_staff:
        raise NotFound()
    current = current_inputs(session, file)
    check_version(current.number if current else 0, expected_version)
    if candidate.date_of_birth is None and data.age is None:
        raise ValidationFailed(invalid_params=[field_error(
            "age", _("Give the age: the file has no date of birth."), "missing")])
    inputs = MoneyInputs(
        candidate_id=candidate_id, number=(current.number if current else 0) + 1,
        household=data.household, adults_in_home=data.adults_in_home,
        children_ages=list(data.children_ages), benefit=data.benefit,
        partner_net_income_cents=_cents(data.partner_net_income),
        volunteer_allowance_cents=_cents(data.volunteer_allowance), rent_cents=_cents(data.rent),
        medical_hours_limit=data.medical_hours_limit,
        planned_hours=float(data.planned_hours) if data.planned_hours is not None else None,
        hourly_wage_cents=_cents(data.hourly_wage), start_date=data.start_date,
        # Recorded on its own (record_benefits_office_informed): a save that leaves it out keeps it.
        benefits_office_informed_on=data.benefits_office_informed_on
        if "benefits_office_informed_on" in data.model_fields_set
        else current.benefits_office_informed_on if current else None,
        debt_restructuring=data.debt_restructuring, budget_manager=data.budget_manager,
        extra={"age": data.age} if data.age is not None else {},
        created_by_id=actor.person_id,
    )
    session.add(inputs)
    session.flush()
    return inputs


def inputs_public_dict(inputs: MoneyInputs) -> dict:
    return {
        "household": inputs.household, "adults_in_home": inputs.adults_in_home,
        "children_ages": inputs.children_ages, "benefit": inputs.benefit,
        "age": inputs.extra.get("age"),
        "partner_net_income": _euros(inputs.partner_net_income_cents),
        "volunteer_allowance": _euros(inputs.volunteer_allowance_cents),
        "rent": _euros(inputs.rent_cents), "medical_hours_limit": inputs.medical_hours_limit,
        "planned_hours": Decimal(str(inputs.planned_hours))
        if inputs.planned_hours is not None else None,
        "hourly_wage": _euros(inputs.hourly_wage_cents), "start_date": inputs.start_date,
        "benefits_office_informed_on": inputs.benefits_office_informed_on,
        "debt_restructuring": inputs.debt_restructuring, "budget_manager": inputs.budget_manager,
        "version": inputs.number, "created_at": inputs.created_at.isoformat(),
        "created_by_id": inputs.created_by_id,
    }



def record_benefits_office_informed(session: Session, actor: Actor, candidate_id: int,
                                    data: BenefitsOfficeInformedCreate,
                                    expected_version: int) -> MoneyInputs:
    """Note the day the benefits office was told about the work (a new inputs version, so the
    record stays). Raises NotFound, StaleVersion or ValidationFailed (no inputs yet)."""
    file = open_file(session, actor, candidate_id).require(FileArea.money)
    if not can_change(actor, FileArea.money) or not actor.is_staff:
        raise NotFound()
    current = current_inputs(session, file)
    if current is None:
        raise ValidationFailed(invalid_params=[field_error(
            "informed_on", _("Fill in the money details first."), "missing")])
    check_version(current.number, expected_version)
    copy = MoneyInputs(**{
        **current.model_dump(exclude={"id", "number", "created_at", "created_by_id"}),
        "number": current.number + 1, "benefits_office_informed_on": data.informed_on,
        "created_by_id": actor.person_id,
    })
    session.add(copy)
    session.flush()
    return copy
